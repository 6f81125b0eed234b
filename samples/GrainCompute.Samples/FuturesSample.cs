using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Seed 003: <c>e.submit(slowadd, 1, 2, delay=…)</c>, many futures at once, and the submit-1 exercise.</summary>
public static class FuturesSample
{
    public static async Task RunAsync(ComputeClient client, TextWriter output)
    {
        // future = e.submit(slowadd, 1, 2, delay=3); future.done(); future.result()
        var future = await client.Kernels.SlowAddAsync(1, 2, delay: 3);
        await output.WriteLineAsync($"{future.Id} done: {future.Done}");
        await output.WriteLineAsync($"result {await future.GetResultAsync()}, done: {future.Done}");

        // futures = [e.submit(slowadd, 1, 1) for i in range(10)]; results = [f.result() for f in futures]  — about 1 s, not 10
        var futures = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.Kernels.SlowAddAsync(1, 1)));
        var results = await Task.WhenAll(futures.Select(f => f.GetResultAsync()));
        await output.WriteLineAsync($"10 × slowadd(1, 1) = [{string.Join(", ", results)}]");

        // Exercise submit-1: slowadd where i < j, slowsub where i > j, all at once.
        var pairs = from i in Enumerable.Range(0, 5) from j in Enumerable.Range(0, 5) where i != j select (i, j);
        var submitted = await Task.WhenAll(pairs.Select(p => p.i < p.j ? client.Kernels.SlowAddAsync(p.i, p.j) : client.Kernels.SlowSubAsync(p.i, p.j)));
        await output.WriteLineAsync($"exercise: [{string.Join(", ", await Task.WhenAll(submitted.Select(f => f.GetResultAsync())))}]");
    }
}
