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
}
