using GrainCompute.Grains;
using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace GrainCompute.Service.Tests;

/// <summary>Orleans in-process clusters hosting the compute grains, with the test kernel added to the catalog.</summary>
internal static class ComputeCluster
{
    /// <summary>Silos sharing one job store, as silos of a real cluster share PostgreSQL.</summary>
    /// <param name="optionsFor">Options per silo, by silo name ("Primary", "Secondary_1", …), where silos differ (kernel packs).</param>
    /// <param name="configure">More of each silo's set-up (a grain call filter that counts calls).</param>
    public static async Task<InProcessTestCluster> StartAsync(int silos, ComputeOptions? options = null, IJobStore? store = null, Func<string, ComputeOptions>? optionsFor = null, Action<ISiloBuilder>? configure = null)
    {
        store ??= new InMemoryJobStore();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((silo, orleans) =>
        {
            orleans.Services.AddSingleton(store);
            orleans.AddKernel<TestKernel>();
            orleans.AddComputeGrains(optionsFor?.Invoke(silo.SiloName) ?? options, new LocalSilo(silo.SiloName, null, WorkerSlots: 2, DrainTimeout: TimeSpan.FromSeconds(20)));
            orleans.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
            });
            configure?.Invoke(orleans);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The silo whose address prints as <paramref name="address"/> (as in <see cref="JobStatus.HeldBy"/>).</summary>
    public static InProcessSiloHandle SiloAt(this InProcessTestCluster cluster, string address) =>
        cluster.Silos.Single(s => s.SiloAddress.ToString() == address);

    public static async Task<JobStatus> RunAsync(IGrainFactory grains, string id, JobSpec spec, double timeoutSeconds = 60)
    {
        var job = grains.GetGrain<IJobGrain>(id);
        await job.Submit(spec);
        var outcome = await job.WaitAsync(ReturnWhen.AllCompleted, TimeSpan.FromSeconds(timeoutSeconds));
        Assert.True(outcome.Satisfied, $"job {id} did not finish in {timeoutSeconds} s: {outcome.Status}");
        return outcome.Status;
    }

    /// <summary>Reads results page by page: to the end (<paramref name="untilComplete"/>), or only what is there now.</summary>
    public static async Task<List<ResultItem>> AllResultsAsync(IGrainFactory grains, string id, ResultOrder order, int pageSize = 1000, bool untilComplete = true)
    {
        var items = new List<ResultItem>();
        long offset = 0;
        while (true)
        {
            var page = await grains.GetGrain<IJobGrain>(id).GetResults(order, offset, pageSize);
            items.AddRange(page.Items);
            offset = page.NextOffset;
            if (page.Complete || (!untilComplete && page.Items.Count == 0))
            {
                return items;
            }

            Assert.NotEmpty(page.Items);
        }
    }
}
