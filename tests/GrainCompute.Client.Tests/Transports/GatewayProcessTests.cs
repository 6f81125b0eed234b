using GrainCompute.Testing;

namespace GrainCompute.Client.Tests.Transports;

/// <summary>ConnectGatewayAsync against real silo processes (graincompute-silo on PostgreSQL membership), as a program on another host would.</summary>
public sealed class GatewayProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ConnectGatewayAsync_SiloProcess_RunsManyFuturesAndPushesTheirCompletions()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        var port = LoopbackPort.Free();
        await silos.StartAsync($"--Silo:GatewayPort={port}", Pooled(database));
        await using var client = await ComputeClient.ConnectGatewayAsync([$"127.0.0.1:{port}"], silos.ClusterId);

        var futures = await client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, 500).Select(i => (object?)new { a = i, b = 2, delay = 0.0 }));
        var yielded = new List<ComputeFuture<long>>();
        await foreach (var future in ComputeClient.AsCompleted(futures, Patience))
        {
            yielded.Add(future);
        }

        Assert.True(yielded.ToHashSet().SetEquals(futures), "each future yielded once");
        Assert.Equal(Enumerable.Range(2, 500).Select(i => (long)i), await Task.WhenAll(futures.Select(f => f.GetResultAsync(TimeSpan.Zero))));
    }

    [Fact]
    public async Task AsCompleted_TheGatewaySiloDies_FollowsTheJobsThroughTheOtherGateway()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        var ports = new[] { LoopbackPort.Free(), LoopbackPort.Free() };
        await silos.StartAsync($"--Silo:GatewayPort={ports[0]}", "--Silo:WorkerSlots=2", Pooled(database));
        await silos.StartAsync($"--Silo:GatewayPort={ports[1]}", "--Silo:WorkerSlots=2", Pooled(database));
        await using var client = await ComputeClient.ConnectGatewayAsync([.. ports.Select(p => $"127.0.0.1:{p}")], silos.ClusterId);
        await Wait.UntilAsync(async () => (await client.ClusterAsync()).Silos.Count(s => s.Status == "active") == 2, "both silos are active", TimeSpan.FromSeconds(30));
        var cluster = await client.ClusterAsync();
        var futures = await client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, 20).Select(i => (object?)new { a = i, b = 1, delay = 2.0 }));

        var yielded = new List<ComputeFuture<long>>();
        var following = Task.Run(async () =>
        {
            await foreach (var future in ComputeClient.AsCompleted(futures, Patience))
            {
                yielded.Add(future);
            }
        });
        await silos.KillAsync(cluster.Gateway);
        await following;

        Assert.True(yielded.ToHashSet().SetEquals(futures), $"each future yielded once; {yielded.Count} of {futures.Count}");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), await Task.WhenAll(futures.Select(f => f.GetResultAsync(TimeSpan.Zero))));
    }

    /// <summary>
    /// The test database's connection string pooled and capped: unpooled, a batch submit opens a connection per job
    /// at once and meets PostgreSQL's max_connections (the store's own business, not this test's).
    /// </summary>
    private static string Pooled(TestDatabase database) =>
        $"--Membership:ConnectionString={new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true, MaxPoolSize = 20 }}";
}
