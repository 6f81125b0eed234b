namespace GrainCompute.Mpi.Sidecar;

/// <summary>An example the sidecar can run (<c>GET /examples</c>).</summary>
public sealed record MpiExampleInfo(string Name, string Description, IReadOnlyList<MpiExampleParameterInfo> Parameters);

/// <summary>One option of an example: its default and inclusive range.</summary>
public sealed record MpiExampleParameterInfo(string Name, string Description, string Default, long Min, long Max);
