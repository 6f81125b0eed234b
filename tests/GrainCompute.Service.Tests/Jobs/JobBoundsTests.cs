using GrainCompute.Grains;
using GrainCompute.Kernels;

namespace GrainCompute.Service.Tests.Jobs;

/// <summary>One submit must never exhaust a silo or leave a job that can never end: bounds checked before anything is stored.</summary>
public sealed class JobBoundsTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(3e11)]
    [InlineData(0)]
    public async Task Retention_must_be_a_finite_time_up_to_30_days(double seconds)
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        var job = cluster.Client.GetGrain<IJobGrain>("retention");

        var error = await Assert.ThrowsAsync<KernelParameterException>(() => job.Submit(new JobSpec("test", """{"n": 2}""", Options: new JobOptions(RetentionSeconds: seconds))));

        Assert.Equal("options.retentionSeconds", error.Field);
        await Assert.ThrowsAsync<JobNotFoundException>(() => job.GetStatus());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    public async Task A_chunk_timeout_must_be_a_finite_positive_time(double seconds)
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var error = await Assert.ThrowsAsync<KernelParameterException>(() => cluster.Client.GetGrain<IJobGrain>("timeout")
            .Submit(new JobSpec("test", """{"n": 2}""", Options: new JobOptions(ChunkTimeoutSeconds: seconds))));

        Assert.Equal("options.chunkTimeoutSeconds", error.Field);
    }

    [Fact]
    public async Task Too_many_chunks_are_refused_naming_the_smallest_chunk_size_that_fits()
    {
        await using var cluster = await ComputeCluster.StartAsync(1, new ComputeOptions { MaxChunksPerJob = 100 });

        var error = await Assert.ThrowsAsync<KernelParameterException>(() => cluster.Client.GetGrain<IJobGrain>("confetti")
            .Submit(new JobSpec("test", """{"n": 1000}""", ChunkSize: 1)));

        Assert.Equal("chunkSize", error.Field);
        Assert.EndsWith("at most 100 are allowed (Compute:MaxChunksPerJob): use chunkSize ≥ 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_waits_for_its_own_result_is_refused()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        var job = cluster.Client.GetGrain<IJobGrain>("ouroboros");

        var error = await Assert.ThrowsAsync<KernelParameterException>(() => job.Submit(new JobSpec("slowadd", """{"a": {"$future": "ouroboros"}, "b": 1}""")));

        Assert.Equal("parameters", error.Field);
        await Assert.ThrowsAsync<JobNotFoundException>(() => job.GetStatus());
    }

    [Fact]
    public async Task Big_integer_items_read_as_their_digits()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        await ComputeCluster.RunAsync(cluster.Client, "five-factorial", new JobSpec("factorial", """{"n": 5, "blockSize": 2}"""));
        var items = await ComputeCluster.AllResultsAsync(cluster.Client, "five-factorial", ResultOrder.Input);

        Assert.Equal(["2", "12", "5"], items.Select(i => i.ValueJson)); // 1·2, 3·4, 5
    }

    [Fact]
    public async Task A_correlation_of_a_constant_series_reads_as_NaN_not_an_error()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var status = await ComputeCluster.RunAsync(cluster.Client, "flat", new JobSpec("correlate", """{"data": [[1, 1, 1], [1, 2, 3]]}"""));
        var items = await ComputeCluster.AllResultsAsync(cluster.Client, "flat", ResultOrder.Input);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(["\"NaN\"", "\"NaN\""], items.Select(i => i.ValueJson));
    }

    [Fact]
    public async Task Submitting_an_id_again_is_idempotent_for_the_same_job_and_a_conflict_for_another()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        var job = cluster.Client.GetGrain<IJobGrain>("twice");
        var spec = new JobSpec("test", """{"n": 3}""", ChunkSize: 1);

        var first = await job.Submit(spec);
        var again = await job.Submit(spec with { Client = "a retry from elsewhere" });
        var error = await Assert.ThrowsAsync<JobConflictException>(() => job.Submit(spec with { Kernel = "collatz" }));

        Assert.Equal(first.Submitted, again.Submitted);
        Assert.Equal(3, again.Chunks);
        Assert.Contains("exists with another kernel, parameters or options", error.Message, StringComparison.Ordinal);
    }
}
