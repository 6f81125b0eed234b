using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Seed 003's slowinc/slowadd as a task graph, Dask style: a future passed as an argument is a dependency.</summary>
public static class DependenciesSample
{
    public static async Task RunAsync(ComputeClient client, TextWriter output)
    {
        // x = client.submit(slowinc, 1); y = client.submit(slowinc, 2); z = client.submit(slowadd, x, y)
        var x = await client.Kernels.SlowIncAsync(1);
        var y = await client.Kernels.SlowIncAsync(2);
        var z = await client.Kernels.SlowAddAsync(x, y);   // runs on the cluster once x and y are done, with their results
        await output.WriteLineAsync($"slowadd(slowinc(1), slowinc(2)) = {await z.GetResultAsync()}");
    }
}
