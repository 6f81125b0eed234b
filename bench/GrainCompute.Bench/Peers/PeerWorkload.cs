using System.Text.Json.Serialization;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// One seed workload at one size, spelled for every contender: the kernel and its parameters (native C#,
/// Parallel.For, GrainCompute), the Python scripts' workload word and size, and the MPI example where one applies.
/// </summary>
/// <param name="Id">Row key in the report and peers.json ("julia-4x").</param>
/// <param name="Title">Row label ("julia 2560×1920 (4×)").</param>
/// <param name="Kernel">GrainCompute kernel name.</param>
/// <param name="Parameters">Kernel parameters, serialized as the API takes them.</param>
/// <param name="PythonWorkload">First argument of bench/python/peer_*.py.</param>
/// <param name="PythonSize">Second argument: the size as the scripts parse it.</param>
/// <param name="PythonWarmup">Size of the scripts' untimed warm-up run on the started pool.</param>
/// <param name="Mpi">graincompute-mpi example and its arguments, or null where no example applies.</param>
/// <param name="Delay">I/O workloads: one call's delay, the physical limit.</param>
/// <param name="Futures">Submit-all: futures per round.</param>
internal sealed record PeerWorkload(
    string Id,
    string Title,
    PeerWorkloadKind Kind,
    string Kernel,
    object Parameters,
    string PythonWorkload,
    string PythonSize,
    string PythonWarmup,
    string[]? Mpi = null,
    TimeSpan? Delay = null,
    int? Futures = null)
{
    /// <summary>Whether its cells are futures per second (higher is better) rather than seconds.</summary>
    [JsonIgnore]
    public bool IsRate => Kind is PeerWorkloadKind.Futures or PeerWorkloadKind.SubmitAll;
}
