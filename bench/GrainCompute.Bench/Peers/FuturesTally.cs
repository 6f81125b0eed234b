namespace GrainCompute.Bench.Peers;

/// <summary>What came back from submit-all rounds, summed over the rounds: every future should have its own right result.</summary>
/// <param name="Futures">Futures submitted.</param>
/// <param name="Right">Futures with their own job and the right result (noop: 0; the Python tools: x).</param>
/// <param name="Lost">Futures without a right result: not finished when the wait returned, failed, or a wrong value.</param>
/// <param name="Duplicated">
/// Futures sharing a job id with an earlier future of their round (GrainCompute); 0 by construction for the Python
/// pools, whose results are read one per future object.
/// </param>
internal sealed record FuturesTally(long Futures, long Right, long Lost, long Duplicated)
{
    public static FuturesTally Empty { get; } = new(0, 0, 0, 0);

    public static FuturesTally operator +(FuturesTally a, FuturesTally b) =>
        new(a.Futures + b.Futures, a.Right + b.Right, a.Lost + b.Lost, a.Duplicated + b.Duplicated);
}
