namespace GrainCompute.Bench.Peers;

/// <summary>How every contender runs: repeats after one warm-up, the cap on a child process, the futures loop.</summary>
/// <param name="Repeats">Timed runs of the C# and MPI contenders, after one warm-up run; submit-all rounds of every contender.</param>
/// <param name="PythonRepeats">Timed runs of each Python peer (its pool started and warmed up first), submit-all excepted.</param>
/// <param name="Cap">A child process (Python, mpiexec) running longer than this is stopped; its cell is a lower bound.</param>
/// <param name="Inflight">Futures kept in flight by the one client of the noop workload.</param>
/// <param name="NoopWindow">How long the noop workload submits futures.</param>
/// <param name="SubmitAllLarge">Futures of the submit-all workload's one large round (GrainCompute only); 0 skips it.</param>
internal sealed record PeerSettings(int Repeats, int PythonRepeats, TimeSpan Cap, int Inflight, TimeSpan NoopWindow, int SubmitAllLarge)
{
    public int Cores { get; } = Environment.ProcessorCount;
}
