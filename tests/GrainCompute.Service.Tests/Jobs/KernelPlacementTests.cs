using GrainCompute.Grains;
using GrainCompute.Grains.Placement;
using GrainCompute.Testing;

namespace GrainCompute.Service.Tests.Jobs;

/// <summary>Silos that load different kernel packs, or two versions of one: jobs run only where their kernel does.</summary>
public sealed class KernelPlacementTests
{
    [Fact]
    public async Task A_kernel_only_some_silos_serve_runs_there_job_grain_and_chunks_alike()
    {
        var pack = PackCompiler.Compile("Cube.Pack", TestPacks.Cube);
        await using var cluster = await ComputeCluster.StartAsync(3, optionsFor: silo => new ComputeOptions { KernelPacks = silo == "Primary" ? [] : [pack] });
        var serving = cluster.Silos.Where(s => s.Name != "Primary").Select(s => s.SiloAddress.ToString()).ToHashSet();

        KernelServedPlacement.Prefer("cube");
        var status = await ComputeCluster.RunAsync(cluster.Client, "cubes", new JobSpec("cube", """{"n": 200, "delayMs": 5}""", ChunkSize: 5));

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal("404010000", status.ResultJson); // (n(n+1)/2)² for n = 200
        Assert.Contains(status.HeldBy, serving);
        Assert.Equal(serving, status.Silos.Select(s => s.Silo).ToHashSet());
    }

    [Fact]
    public async Task Chunks_run_only_on_silos_with_the_version_the_job_was_admitted_with()
    {
        var first = PackCompiler.Compile("Cube.Pack", TestPacks.Cube);
        var second = PackCompiler.Compile("Cube.Pack", TestPacks.CubeRebuilt);
        var names = new List<string>();
        await using var cluster = await ComputeCluster.StartAsync(3, optionsFor: silo =>
        {
            names.Add(silo);
            return new ComputeOptions { KernelPacks = [names.Count == 3 ? second : first] };
        });
        var upgraded = cluster.Silos.Single(s => s.Name == names[2]).SiloAddress.ToString();

        var holders = new HashSet<string>();
        for (var i = 0; i < 8; i++)
        {
            KernelServedPlacement.Prefer("cube");
            var status = await ComputeCluster.RunAsync(cluster.Client, $"versions-{i}", new JobSpec("cube", """{"n": 60, "delayMs": 5}""", ChunkSize: 2));

            Assert.Equal("3348900", status.ResultJson);
            var ranOn = status.Silos.Select(s => s.Silo).ToHashSet();
            if (status.HeldBy == upgraded)
            {
                Assert.Equal([upgraded], ranOn);
            }
            else
            {
                Assert.DoesNotContain(upgraded, ranOn);
                Assert.Equal(2, ranOn.Count);
            }

            holders.Add(status.HeldBy);
        }

        Assert.True(holders.Count > 1, "eight jobs all landed on one silo; the test saw only one version");
    }
}
