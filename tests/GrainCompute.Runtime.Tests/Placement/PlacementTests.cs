using GrainCompute.Runtime.Tests.Grains;

namespace GrainCompute.Runtime.Tests.Placement;

public sealed class PlacementTests
{
    [Fact]
    public async Task Every_silo_places_a_key_on_the_same_silo_while_membership_is_unchanged()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        var keys = Enumerable.Range(0, 60).Select(i => $"stable-{i}").ToList();

        var seenFrom = new List<string[]>();
        foreach (var silo in cluster.Silos)
        {
            seenFrom.Add(await Task.WhenAll(keys.Select(k => silo.GrainFactory.GetGrain<ICounterGrain>(k).WhereAmI())));
        }

        var again = await Task.WhenAll(keys.Select(k => cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(k).WhereAmI()));
        Assert.All(seenFrom, placements => Assert.Equal(seenFrom[0], placements));
        Assert.Equal(seenFrom[0], again);
        Assert.Equal(3, seenFrom[0].Distinct().Count());
    }

    [Fact]
    public async Task A_silo_leaving_moves_only_its_own_grains()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        var keys = Enumerable.Range(0, 60).Select(i => $"moving-{i}").ToList();
        var before = await Task.WhenAll(keys.Select(k => cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(k).WhereAmI()));
        var leaving = cluster.Silos[2];

        await cluster.StopSiloAsync(leaving);
        var after = await Task.WhenAll(keys.Select(k => cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(k).WhereAmI()));

        for (var i = 0; i < keys.Count; i++)
        {
            if (before[i] == leaving.Address.ToString())
            {
                Assert.NotEqual(before[i], after[i]);
            }
            else
            {
                Assert.Equal(before[i], after[i]);
            }
        }
    }

    [Fact]
    public async Task A_call_sent_on_a_stale_view_is_forwarded_to_the_owner()
    {
        await using var cluster = await TestClusters.StartAsync(2, configure: o => o.MembershipRefreshPeriod = TimeSpan.FromHours(1));
        var (fresh, stale) = (cluster.Silos[0], cluster.Silos[1]);
        var newcomer = await cluster.StartSiloAsync(refreshOthers: false);
        await fresh.RefreshMembershipAsync();
        Assert.Equal(2, stale.View.Active.Count);
        Assert.Equal(3, fresh.View.Active.Count);

        // A key the stale silo sends to the fresh one, which knows it now belongs to the newcomer.
        var key = Enumerable.Range(0, 10_000).Select(i => $"forwarded-{i}").First(k =>
            stale.OwnerOf(new GrainId(typeof(ICounterGrain).FullName!, k)) == fresh.Address &&
            fresh.OwnerOf(new GrainId(typeof(ICounterGrain).FullName!, k)) == newcomer.Address);

        var where = await stale.GrainFactory.GetGrain<ICounterGrain>(key).WhereAmI();

        Assert.Equal(newcomer.Address.ToString(), where);
    }
}
