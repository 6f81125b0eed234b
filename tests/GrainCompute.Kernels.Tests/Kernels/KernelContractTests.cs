namespace GrainCompute.Kernels.Tests.Kernels;

/// <summary>What every kernel in the catalog promises, checked against each one.</summary>
public sealed class KernelContractTests
{
    public static TheoryData<string> Names => [.. KernelCatalog.Default.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Defaults_bind_and_give_a_chunk_size_within_the_items(string name)
    {
        var kernel = KernelHarness.Kernel(name);
        var parameters = kernel.BindParameters(null);
        var items = kernel.ItemCount(parameters);
        Assert.InRange(items, 1, long.MaxValue);
        Assert.InRange(kernel.SuggestChunkSize(parameters), 1, Math.Min(items, 1 << 20));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Schema_lists_every_parameter_with_a_description(string name)
    {
        var kernel = KernelHarness.Kernel(name);
        Assert.NotEmpty(kernel.Parameters);
        Assert.All(kernel.Parameters, p =>
        {
            Assert.NotEmpty(p.Description);
            Assert.Contains(p.Type, new[] { "integer", "number", "boolean", "string", "array" });
            Assert.True(char.IsLower(p.Name[0]));
        });
        Assert.False(string.IsNullOrWhiteSpace(kernel.Description));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_chunk_is_deterministic(string name)
    {
        var kernel = KernelHarness.Kernel(name);
        var json = name switch
        {
            "slowadd" or "slowsub" or "slowinc" => """{"delay": 0}""",
            "isprime" => """{"n": 1000003}""",
            "factorial" => """{"n": 500, "blockSize": 50}""",
            "montecarlo-pi" or "euler-e" => """{"samples": 1000, "blockSize": 100}""",
            _ => "{}",
        };
        var parameters = KernelHarness.Bind(kernel, json);
        var count = (int)Math.Min(kernel.ItemCount(parameters), 3);
        var first = await kernel.RunChunkAsync(parameters, 0, count, CancellationToken.None);
        var second = await kernel.RunChunkAsync(parameters, 0, count, CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal(count, kernel.DecodeItems(first).Count);
    }

    [Fact]
    public async Task A_chunk_outside_the_items_is_rejected()
    {
        var kernel = KernelHarness.Kernel("square-number");
        var parameters = kernel.BindParameters(null);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => kernel.RunChunkAsync(parameters, 8, 5, CancellationToken.None).AsTask());
    }
}
