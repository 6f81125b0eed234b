using GrainCompute.Runtime.Hosting;
using GrainCompute.Runtime.Testing;
using GrainCompute.Runtime.Tests.Grains;

namespace GrainCompute.Runtime.Tests;

/// <summary>Test clusters hosting the test grains.</summary>
internal static class TestClusters
{
    public static Task<InProcessTestCluster> StartAsync(int silos, ISiloTransport? transport = null, Action<SiloOptions>? configure = null) =>
        InProcessTestCluster.StartAsync(
            silos,
            options =>
            {
                options.GrainAssemblies.Add(typeof(CounterGrain).Assembly);
                configure?.Invoke(options);
            },
            transport: transport);

    /// <summary>Waits for a condition, failing with <paramref name="expectation"/> after <paramref name="timeout"/>.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string expectation, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), expectation, timeout);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string expectation, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (cancel.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {expectation}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Finds a key whose grain lands on <paramref name="silo"/>.</summary>
    public static async Task<string> KeyOnAsync(Silo silo, IGrainFactory factory)
    {
        for (var i = 0; i < 1000; i++)
        {
            var key = $"key-{i}";
            if (await factory.GetGrain<ICounterGrain>(key).WhereAmI() == silo.Address.ToString())
            {
                return key;
            }
        }

        throw new InvalidOperationException($"No key out of 1000 placed on {silo.Address}.");
    }
}
