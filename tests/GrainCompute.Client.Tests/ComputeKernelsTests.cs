using System.Text.Json;

namespace GrainCompute.Client.Tests;

/// <summary>Each typed kernel call against the same kernel submitted by name: same result.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ComputeKernelsTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private ComputeClient Client => cluster.Client;

    private ComputeKernels Kernels => cluster.Client.Kernels;

    [Theory]
    [InlineData(1_000_003L)]
    [InlineData(1_000_001L)]
    public async Task IsPrimeAsync_EqualsIsPrimeByName(long n)
    {
        var typed = await (await Kernels.IsPrimeAsync(n, intervals: 16)).GetResultAsync(Patience);
        var generic = await ByNameAsync<IsPrimeResult>("isprime", new { n, intervals = 16 });

        Assert.Equal(generic, typed);
        Assert.Equal(n == 1_000_003, typed.IsPrime);
    }

    [Fact]
    public async Task CountPrimesAsync_EqualsCountPrimesByName()
    {
        var typed = await (await Kernels.CountPrimesAsync(100_000)).GetResultAsync(Patience);

        Assert.Equal(await ByNameAsync<long>("countprimes", new { n = 100_000 }), typed);
        Assert.Equal(9592, typed);
    }

    [Fact]
    public async Task SumPrimesAsync_EqualsTheItemsOfSumPrimesByName()
    {
        var typed = await (await Kernels.SumPrimesAsync([10, 100, 100_000])).GetResultAsync(Patience);

        var generic = new List<long>();
        await foreach (var sum in Client.MapAsync<long>("sumprimes", new { numbers = new[] { 10, 100, 100_000 } }))
        {
            generic.Add(sum);
        }

        Assert.Equal(generic, typed);
        Assert.Equal([17L, 1060L, 454396537L], typed);
    }

    [Fact]
    public async Task JuliaAsync_EqualsJuliaByName()
    {
        var typed = await (await Kernels.JuliaAsync(64, 48)).GetResultAsync(Patience);

        Assert.Equal(await ByNameAsync<byte[]>("julia", new { width = 64, height = 48 }), typed);
        Assert.Equal(64 * 48, typed.Length);
    }

    [Fact]
    public async Task MonteCarloPiAsync_EqualsMonteCarloPiByName()
    {
        var typed = await (await Kernels.MonteCarloPiAsync(samples: 2_000_000, seed: 7)).GetResultAsync(Patience);

        Assert.Equal(await ByNameAsync<double>("montecarlo-pi", new { samples = 2_000_000, seed = 7 }), typed);
        Assert.InRange(typed, 3.13, 3.15);
    }

    [Fact]
    public async Task CollatzAsync_EqualsCollatzByName()
    {
        var typed = await (await Kernels.CollatzAsync(10_000)).GetResultAsync(Patience);

        Assert.Equal(await ByNameAsync<int>("collatz", new { n = 10_000 }), typed);
        Assert.Equal(261, typed);
    }

    [Fact]
    public async Task SquareAsync_EqualsSquareByName()
    {
        var typed = await (await Kernels.SquareAsync(1000)).GetResultAsync(Patience);

        Assert.Equal(await ByNameAsync<long>("square", new { n = 1000 }), typed);
    }

    [Fact]
    public async Task SquareNumbersAsync_EqualsSquareNumberByName()
    {
        var typed = await (await Kernels.SquareNumbersAsync(50)).GetResultAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i * i), typed);
    }

    [Fact]
    public async Task SlowKernels_EqualTheirNamesakes()
    {
        var add = await Kernels.SlowAddAsync(20, 22, delay: 0.1);
        var sub = await Kernels.SlowSubAsync(20, 22, delay: 0.1);
        var inc = await Kernels.SlowIncAsync(41, delay: 0.1);

        Assert.Equal(await ByNameAsync<long>("slowadd", new { a = 20, b = 22, delay = 0.1 }), await add.GetResultAsync(Patience));
        Assert.Equal(await ByNameAsync<long>("slowsub", new { a = 20, b = 22, delay = 0.1 }), await sub.GetResultAsync(Patience));
        Assert.Equal(await ByNameAsync<long>("slowinc", new { x = 41, delay = 0.1 }), await inc.GetResultAsync(Patience));
    }

    [Fact]
    public async Task SlowAddAsync_FuturesAsArguments_AddsTheirResults()
    {
        var x = await Kernels.SlowIncAsync(1, delay: 0.2);
        var y = await Kernels.SlowIncAsync(2, delay: 0.4);

        var z = await Kernels.SlowAddAsync(x, y, delay: 0);

        Assert.Equal(5, await z.GetResultAsync(Patience));
        Assert.Equal([x.Id, y.Id], z.Submitted?.DependsOn ?? []);
    }

    [Fact]
    public async Task Kernels_EveryTypedKernelIsInTheCatalog()
    {
        var names = (await Client.KernelsAsync()).Select(k => k.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "isprime", "countprimes", "sumprimes", "julia", "montecarlo-pi", "collatz", "square", "square-number", "slowadd", "slowsub", "slowinc" }, names);
    }

    private async Task<T> ByNameAsync<T>(string kernel, object parameters)
    {
        var job = await Client.SubmitAsync(kernel, parameters);
        return (await job.GetResultAsync(Patience)).Deserialize<T>(Web)!;
    }
}
