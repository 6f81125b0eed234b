using GrainCompute.Runtime.Tests.Grains;

namespace GrainCompute.Runtime.Tests.Activation;

public sealed class StatelessWorkerTests
{
    [Fact]
    public async Task The_pool_grows_to_its_maximum_and_no_further()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var silo = cluster.Silos[0];
        var worker = cluster.GrainFactory.GetGrain<IWorkerGrain>("pool");

        var one = worker.Work(200);
        await TestClusters.WaitUntilAsync(() => silo.Catalog.WorkerCount(new GrainId(typeof(IWorkerGrain).FullName!, "pool")) == 1, "one worker exists");
        var many = Enumerable.Range(0, 10).Select(_ => worker.Work(200)).ToList();
        await Task.WhenAll(many.Append(one));

        Assert.Equal(3, silo.Catalog.WorkerCount(new GrainId(typeof(IWorkerGrain).FullName!, "pool")));
    }

    [Fact]
    public async Task The_pool_shrinks_when_idle()
    {
        await using var cluster = await TestClusters.StartAsync(1, configure: o =>
        {
            o.StatelessWorkerIdleTime = TimeSpan.FromMilliseconds(100);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var silo = cluster.Silos[0];
        var id = new GrainId(typeof(IWorkerGrain).FullName!, "shrinking");
        var worker = cluster.GrainFactory.GetGrain<IWorkerGrain>("shrinking");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => worker.Work(50)));
        Assert.True(silo.Catalog.WorkerCount(id) > 1);

        await TestClusters.WaitUntilAsync(() => silo.Catalog.WorkerCount(id) == 0, "idle workers were collected");
    }

    [Fact]
    public async Task Local_workers_run_on_the_callers_silo()
    {
        await using var cluster = await TestClusters.StartAsync(2);
        var second = cluster.Silos[1];

        var where = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => second.GrainFactory.GetGrain<IWorkerGrain>("local").Work(10)));

        Assert.All(where, silo => Assert.Equal(second.Address.ToString(), silo));
    }

    [Fact]
    public async Task Workers_placed_across_silos_spread_over_every_silo()
    {
        await using var cluster = await TestClusters.StartAsync(3);

        var where = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => cluster.Silos[0].GrainFactory.GetGrain<ISpreadWorkerGrain>("spread").Work(50)));

        Assert.Equal(cluster.Silos.Select(s => s.Address.ToString()).Order(), where.Distinct().Order());
    }
}
