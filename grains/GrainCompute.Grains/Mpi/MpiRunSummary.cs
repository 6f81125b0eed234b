using System.Text.Json;
using GrainCompute.Mpi.Sidecar;

namespace GrainCompute.Grains.Mpi;

/// <summary>
/// The one item of an <c>mpi-*</c> job: the sidecar's answer without the per-rank output. The job's result is
/// <see cref="Result"/> alone, so <c>mpi-pi</c> answers a number as <c>montecarlo-pi</c> does.
/// </summary>
/// <param name="Seconds">Rank 0's MPI_Wtime around the computation.</param>
/// <param name="WallSeconds">The sidecar's clock around mpiexec, process launch included.</param>
/// <param name="Command">The mpiexec command line, shell-pastable, to reproduce the run by hand.</param>
internal sealed record MpiRunSummary(string Example, int Ranks, JsonElement? Result, double? Seconds, double WallSeconds, JsonElement? Details, string Command)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static MpiRunSummary From(MpiRunResult run) =>
        new(run.Example, run.Ranks, run.Result, run.Seconds, run.WallSeconds, run.Details, run.Command);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MpiRunSummary FromJson(string json) =>
        JsonSerializer.Deserialize<MpiRunSummary>(json, Json) ?? throw new JsonException("an MPI run summary was null");
}
