using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Seed 004: <c>for x in as_completed(futures): print(x.result())</c> over return_after_5_secs(num).</summary>
public static class AsCompletedSample
{
    public static async Task RunAsync(ComputeClient client, TextWriter output)
    {
        // return_after_5_secs(num): sleep(randint(1, 5)); here num + 0 after 1..5 s.
        var futures = await Task.WhenAll(Enumerable.Range(0, 5).Select(num => client.Kernels.SlowAddAsync(num, 0, delay: Random.Shared.Next(1, 6))));
        await foreach (var future in ComputeClient.AsCompleted(futures))
        {
            await output.WriteLineAsync($"Return of {await future.GetResultAsync()}");
        }
    }
}
