using System.Text.Json;

namespace GrainCompute.Mpi.Sidecar;

/// <summary>
/// A finished run. <see cref="Result"/>, <see cref="Seconds"/> and <see cref="Details"/> come from rank 0's
/// <c>--json</c> line; <see cref="WallSeconds"/> is the sidecar's clock around mpiexec (launch included).
/// A run whose ranks failed is still a result: <see cref="Succeeded"/> false, <see cref="Error"/> says why.
/// </summary>
public sealed record MpiRunResult(
    string Example,
    int Ranks,
    bool Succeeded,
    int ExitCode,
    JsonElement? Result,
    double? Seconds,
    double WallSeconds,
    JsonElement? Details,
    string? Error,
    string Command,
    IReadOnlyList<MpiRankOutput> Output)
{
    /// <summary>Throws <see cref="MpiSidecarException"/> with the run's error unless it succeeded.</summary>
    public MpiRunResult EnsureSucceeded() =>
        Succeeded ? this : throw new MpiSidecarException(200, $"MPI run of '{Example}' failed (exit {ExitCode})", Error);
}
