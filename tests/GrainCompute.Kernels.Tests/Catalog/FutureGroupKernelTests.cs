using System.Text.Json;
using GrainCompute.Testing;

namespace GrainCompute.Kernels.Tests.Catalog;

/// <summary>"group:{kernel}": many small calls of one kernel as the items of one job.</summary>
public sealed class FutureGroupKernelTests
{
    [Fact]
    public void The_catalog_finds_a_group_of_every_kernel_without_listing_it()
    {
        var group = KernelCatalog.Default.Get("group:Square");

        Assert.Equal("group:square", group.Name);
        Assert.Same(KernelCatalog.Default.Get("square"), Assert.IsType<FutureGroupKernel>(group, exactMatch: false).Inner);
        Assert.Same(group, KernelCatalog.Default.Get("GROUP:square"));
        Assert.DoesNotContain(KernelCatalog.Default.Names, name => name.StartsWith("group:", StringComparison.Ordinal));
        Assert.Equal(KernelVersion.Of(KernelCatalog.Default.Get("square")), KernelVersion.Of(group));
    }

    [Fact]
    public void A_group_of_an_unknown_kernel_is_not_found_and_suggests_the_closest_kernel()
    {
        var error = Assert.Throws<KernelNotFoundException>(() => KernelCatalog.Default.Get("group:julai"));

        Assert.Equal(["julia"], error.Suggestions);
        Assert.False(KernelCatalog.Default.TryGet("group:", out _));
    }

    [Fact]
    public void A_group_of_an_io_bound_kernel_is_io_bound_so_its_calls_wait_together()
    {
        Assert.IsAssignableFrom<IIoBoundKernel>(KernelCatalog.Default.Get("group:slowadd"));
        Assert.False(KernelCatalog.Default.Get("group:square") is IIoBoundKernel);
    }

    [Theory]
    [InlineData("""{}""", "members")]
    [InlineData("""{"members": {}}""", "members")]
    [InlineData("""{"members": []}""", "members")]
    [InlineData("""{"members": [{"n": 3}, {"n": "three"}]}""", "members[1].n")]
    [InlineData("""{"members": [{"n": 3}, {"n": 2}, {"x": 1}]}""", "members[2].x")]
    [InlineData("""{"members": [{"n": 3}, {"n": 100000000}]}""", "members[1]")]
    public void Bad_groups_are_refused_naming_the_call_and_its_field(string parameters, string field)
    {
        var group = KernelCatalog.Default.Get("group:square");

        var error = Assert.Throws<KernelParameterException>(() => group.BindParameters(JsonDocument.Parse(parameters).RootElement));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task Each_item_is_its_calls_result_as_the_kernel_alone_gives_it()
    {
        var square = KernelCatalog.Default.Get("square");
        var group = KernelCatalog.Default.Get("group:square");
        var bound = group.BindParameters(JsonDocument.Parse("""{"members": [{"n": 3}, {"n": 5}, {"n": 7}]}""").RootElement);

        var items = group.DecodeItems(await group.RunChunkAsync(bound, 1, 2, CancellationToken.None)).Select(Parsed).ToList();

        Assert.Equal(3, group.ItemCount(bound));
        Assert.Equal([await AloneAsync(square, 5), await AloneAsync(square, 7)], items.Select(i => i.GetProperty("result").GetRawText()));
    }

    [Fact]
    public void A_call_without_parameters_takes_the_kernels_defaults()
    {
        var group = KernelCatalog.Default.Get("group:square");

        // square's default is 10^6 items: more than one chunk, so refused the way a too-large call is.
        var error = Assert.Throws<KernelParameterException>(() => group.BindParameters(JsonDocument.Parse("""{"members": [{"n": 1}, null]}""").RootElement));

        Assert.Equal("members[1]", error.Field);
        Assert.Contains("1000000 items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_of_a_kernel_without_a_reduction_gives_its_items()
    {
        var group = KernelCatalog.Default.Get("group:square-number");
        var bound = group.BindParameters(JsonDocument.Parse("""{"members": [{"n": 4}]}""").RootElement);

        var item = Parsed(group.DecodeItems(await group.RunChunkAsync(bound, 0, 1, CancellationToken.None)).Single());

        Assert.Equal([1L, 4, 9, 16], item.GetProperty("items").EnumerateArray().Select(e => e.GetInt64()));
        Assert.False(item.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task A_failing_call_is_its_items_error_and_the_others_still_run()
    {
        var group = FutureGroupKernel.Of(new OddOnlyKernel());
        var bound = group.BindParameters(JsonDocument.Parse("""{"members": [{"n": 1}, {"n": 2}, {"n": 3}]}""").RootElement);

        var payload = await group.RunChunkAsync(bound, 0, 3, CancellationToken.None);
        var items = group.DecodeItems(payload).Select(Parsed).ToList();

        Assert.Equal(1, items[0].GetProperty("result").GetInt64());
        Assert.Equal("2 is even", items[1].GetProperty("error").GetString());
        Assert.Equal("InvalidOperationException", items[1].GetProperty("errorType").GetString());
        Assert.Equal(3, items[2].GetProperty("result").GetInt64());
        Assert.Equal("""{"calls":3,"failed":1}""", JsonSerializer.Serialize(group.Reduce(bound, [payload]), ResultJson.Options));
    }

    [Fact]
    public async Task A_cancelled_chunk_is_cancelled_whole_not_turned_into_failed_calls()
    {
        var group = KernelCatalog.Default.Get("group:square");
        var bound = group.BindParameters(JsonDocument.Parse("""{"members": [{"n": 3}]}""").RootElement);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => group.RunChunkAsync(bound, 0, 1, new CancellationToken(canceled: true)).AsTask());
    }

    [Fact]
    public async Task Calls_of_an_io_bound_kernel_in_one_chunk_wait_at_the_same_time()
    {
        var meeting = new Meeting(4);
        var group = FutureGroupKernel.Of(meeting);
        var bound = group.BindParameters(JsonDocument.Parse("""{"members": [{"n": 1}, {"n": 2}, {"n": 3}, {"n": 4}]}""").RootElement);

        // Each call waits until all four are waiting: one after the other, the first would wait forever.
        var items = group.DecodeItems(await group.RunChunkAsync(bound, 0, 4, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30))).Select(Parsed);

        Assert.Equal([1L, 2, 3, 4], items.Select(i => i.GetProperty("result").GetInt64()));
    }

    /// <summary>An item as results pages write it (<see cref="ResultJson.Options"/>), read back.</summary>
    private static JsonElement Parsed(object? item) => JsonDocument.Parse(JsonSerializer.Serialize(item, ResultJson.Options)).RootElement;

    /// <summary>The result JSON of a job of <paramref name="kernel"/> over n items, computed in one piece.</summary>
    private static async Task<string> AloneAsync(IKernel kernel, int n)
    {
        var bound = kernel.BindParameters(JsonDocument.Parse($$"""{"n": {{n}}}""").RootElement);
        return JsonSerializer.Serialize(kernel.Reduce(bound, [await kernel.RunChunkAsync(bound, 0, n, CancellationToken.None)]), ResultJson.Options);
    }

    /// <summary>An I/O-bound kernel whose calls each wait until <c>calls</c> of them are waiting at once.</summary>
    private sealed class Meeting(int calls) : Kernel<OddOnlyParameters, long>, IIoBoundKernel
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public override string Name => "meeting";

        public override string Description => "waits for the others";

        public override ReductionKind Reduction => ReductionKind.Sum;

        public override long ItemCount(OddOnlyParameters parameters) => 1;

        public override async ValueTask RunChunkAsync(OddOnlyParameters parameters, long start, Memory<long> results, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) == calls)
            {
                _all.SetResult();
            }

            await _all.Task.WaitAsync(cancellationToken);
            results.Span[0] = parameters.N;
        }

        protected override double EstimateItemNanoseconds(OddOnlyParameters parameters) => 1;
    }
}
