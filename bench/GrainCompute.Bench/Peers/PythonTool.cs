namespace GrainCompute.Bench.Peers;

/// <summary>One of the seeds' Python tools: its script in bench/python/, the modules it imports and the Debian packages that hold them.</summary>
/// <param name="Name">Column name, the tool's own ("concurrent.futures").</param>
/// <param name="Script">bench/python/ file.</param>
/// <param name="Modules">Imports it needs beyond the standard library, each with its apt package.</param>
/// <param name="UnderMpi">Runs as <c>mpiexec -n cores+1 python3 -m mpi4py.futures script</c> (a manager rank and one worker per core).</param>
/// <param name="SeedTool">One of the seeds' tools (their ratios to GrainCompute are reported); false for GrainCompute's own Python client.</param>
internal sealed record PythonTool(string Name, string Script, IReadOnlyList<(string Module, string Package)> Modules, bool UnderMpi = false, bool SeedTool = true)
{
    /// <summary>GrainCompute's Python client (client/python, standard library only) against a silo process: submit-all, noop and noop map.</summary>
    public static PythonTool GrainComputeClient { get; } = new("GrainCompute Python", "peer_graincompute.py", [], SeedTool: false);

    private static readonly (string, string) Numpy = ("numpy", "python3-numpy");

    public static IReadOnlyList<PythonTool> All { get; } =
    [
        new("multiprocessing", "peer_multiprocessing.py", [Numpy]),
        new("concurrent.futures", "peer_concurrent_futures.py", [Numpy]),
        new("joblib", "peer_joblib.py", [Numpy, ("joblib", "python3-joblib")]),
        new("dask.distributed", "peer_dask.py", [Numpy, ("dask", "python3-dask"), ("distributed", "python3-distributed")]),
        new("mpi4py.futures", "peer_mpi4py_futures.py", [Numpy, ("mpi4py", "python3-mpi4py")], UnderMpi: true),
    ];
}
