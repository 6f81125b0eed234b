using System.Collections.Concurrent;
using GrainCompute.Kernels;

namespace GrainCompute.Service.Tests;

public sealed class TestKernelParameters
{
    public long N { get; set; } = 10;

    /// <summary>Milliseconds each item takes (cancellable).</summary>
    public int DelayMs { get; set; }

    /// <summary>Item that throws, or -1.</summary>
    public long FailAt { get; set; } = -1;

    /// <summary>How many runs of the failing item throw before it succeeds (-1: always).</summary>
    public int FailTimes { get; set; } = -1;

    /// <summary>Isolates failure counters between tests.</summary>
    public string Tag { get; set; } = "";
}

/// <summary>A controllable kernel for job tests: item i is 2·i, after a cancellable delay; one item may throw.</summary>
public sealed class TestKernel : Kernel<TestKernelParameters, long>
{
    private static readonly ConcurrentDictionary<string, int> Failures = new();

    public override string Name => "test";

    public override string Description => "test kernel";

    public override ReductionKind Reduction => ReductionKind.Sum;

    public override long ItemCount(TestKernelParameters parameters) => parameters.N;

    public override void RunChunk(TestKernelParameters parameters, long start, Span<long> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Length; i++)
        {
            if (parameters.DelayMs > 0)
            {
                cancellationToken.WaitHandle.WaitOne(parameters.DelayMs);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var item = start + i;
            if (item == parameters.FailAt && (parameters.FailTimes < 0 || Failures.AddOrUpdate(parameters.Tag, 1, (_, n) => n + 1) <= parameters.FailTimes))
            {
                throw new InvalidOperationException($"item {item} is broken");
            }

            results[i] = 2 * item;
        }
    }

    protected override double EstimateItemNanoseconds(TestKernelParameters parameters) => 1e6 + parameters.DelayMs * 1e6;
}
