using GrainCompute.Grains;
using GrainCompute.Kernels;
using GrainCompute.Runtime;
using GrainCompute.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GrainCompute.Service.Tests;

/// <summary>In-process clusters hosting the compute grains, with the test kernel added to the catalog.</summary>
internal static class ComputeCluster
{
    public static readonly KernelCatalog Catalog = new([.. KernelCatalog.Default.All, new TestKernel()]);

    /// <summary>Silos sharing one job store, as silos of a real cluster share PostgreSQL.</summary>
    public static Task<InProcessTestCluster> StartAsync(int silos, ComputeOptions? options = null, IJobStore? store = null)
    {
        store ??= new InMemoryJobStore();
        return InProcessTestCluster.StartAsync(
            silos,
            o =>
            {
                o.GrainAssemblies.Add(typeof(IJobGrain).Assembly);
                o.WorkerSlots = 2;
            },
            services =>
            {
                services.AddSingleton(Catalog);
                services.AddSingleton(store);
                services.AddComputeGrains(options);
            });
    }

    public static async Task<JobStatus> RunAsync(IGrainFactory grains, string id, JobSpec spec, double timeoutSeconds = 60)
    {
        var job = grains.GetGrain<IJobGrain>(id);
        await job.Submit(spec);
        using (GrainCallOptions.WithTimeout(TimeSpan.FromSeconds(timeoutSeconds + 10)))
        {
            var outcome = await job.Wait(ReturnWhen.AllCompleted, timeoutSeconds);
            Assert.True(outcome.Satisfied, $"job {id} did not finish in {timeoutSeconds} s: {outcome.Status}");
            return outcome.Status;
        }
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
