using System.Globalization;
using GrainCompute.Kernels;
using GrainCompute.Mpi.Sidecar;

namespace GrainCompute.Grains.Mpi;

/// <summary>
/// A kernel that runs one of the MPI sidecar's examples: one item, hence one chunk, hence one <c>POST /runs</c>.
/// I/O-bound from the silo's view — the work happens in mpiexec's ranks — so the chunk holds no CPU worker slot.
/// </summary>
/// <remarks>
/// Parameters are validated here with the examples' own ranges, so bad input is a 400 at submit rather than a
/// failed job; only limits the silo cannot know (the sidecar's --max-ranks and --max-timeout) fail the job.
/// </remarks>
internal abstract class MpiKernel<TParams>(MpiSidecar sidecar) : Kernel<TParams, string>, IIoBoundKernel
    where TParams : class, IMpiRunParameters, new()
{
    public const int MaxRanks = 256;
    public const int MaxTimeoutSeconds = 3600;

    /// <summary>The sidecar's name for the example (<c>pi</c> for <c>mpi-pi</c>).</summary>
    public abstract string Example { get; }

    public override ReductionKind Reduction => ReductionKind.Custom;

    /// <summary>Fewest ranks the example works with.</summary>
    protected virtual int MinRanks => 1;

    public override long ItemCount(TParams parameters) => 1;

    public override async ValueTask RunChunkAsync(TParams parameters, long start, Memory<string> results, CancellationToken cancellationToken)
    {
        if (results.Length == 0)
        {
            return;
        }

        var request = new MpiRunRequest(Example, parameters.Ranks, ExampleParameters(parameters), parameters.TimeoutSeconds);
        var run = await sidecar.RunAsync(Name, request, cancellationToken).ConfigureAwait(false);
        results.Span[0] = MpiRunSummary.From(run).ToJson();
    }

    /// <summary>The example's options as the sidecar names them (<c>block</c>, <c>max-bytes</c>), invariant-culture text.</summary>
    protected abstract Dictionary<string, string> ExampleParameters(TParams parameters);

    /// <summary>Range checks of the example's own options.</summary>
    protected abstract void ValidateExample(TParams parameters);

    protected sealed override void Validate(TParams parameters)
    {
        if (sidecar.Address is null)
        {
            throw MpiSidecar.NotConfigured(Name);
        }

        if (parameters.Ranks < MinRanks || parameters.Ranks > MaxRanks)
        {
            throw Invalid("ranks", $"ranks must be ≥ {MinRanks} and ≤ {MaxRanks}, got {parameters.Ranks}{(MinRanks > 1 ? $" ({Example} needs at least {MinRanks} ranks)" : "")}");
        }

        if (parameters.TimeoutSeconds is < 1 or > MaxTimeoutSeconds)
        {
            throw Invalid("timeoutSeconds", $"timeoutSeconds must be ≥ 1 and ≤ {MaxTimeoutSeconds}, got {parameters.TimeoutSeconds}");
        }

        ValidateExample(parameters);
    }

    protected static void Require(bool valid, string field, string message)
    {
        if (!valid)
        {
            throw Invalid(field, message);
        }
    }

    protected static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The job's result is the sidecar's <c>result</c>: a number, a hash, an object — whatever rank 0 reported.</summary>
    protected override object? ReduceCustom(TParams parameters, IReadOnlyList<byte[]> chunksInInputOrder)
    {
        var items = chunksInInputOrder.Count == 1 ? ItemCodec<string>.Decode(chunksInInputOrder[0]) : [];
        if (items.Length != 1)
        {
            throw new InvalidOperationException($"kernel '{Name}' expects one run summary, got {items.Length}");
        }

        return MpiRunSummary.FromJson(items[0]).Result;
    }

    // One item whatever it costs: the chunk size is 1 in any case; a large estimate keeps the planner honest.
    protected override double EstimateItemNanoseconds(TParams parameters) => 1e9;
}
