namespace GrainCompute.Mpi.Sidecar;

/// <summary>
/// "Run example X with N ranks": the body of <c>POST /runs</c>. Parameters are the example's options without
/// the dashes (<c>{"samples": "1000000"}</c>); the sidecar also accepts JSON numbers for them.
/// </summary>
public sealed record MpiRunRequest(
    string Example,
    int Ranks,
    IReadOnlyDictionary<string, string>? Parameters = null,
    int? TimeoutSeconds = null);
