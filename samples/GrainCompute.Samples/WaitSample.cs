using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Seed 004: <c>wait(futures, return_when=FIRST_COMPLETED)</c>, then the rest.</summary>
public static class WaitSample
{
    public static async Task RunAsync(ComputeClient client, TextWriter output)
    {
        var futures = await Task.WhenAll(Enumerable.Range(0, 5).Select(num => client.Kernels.SlowAddAsync(num, 0, delay: num + 1)));

        var (done, notDone) = await ComputeClient.WaitAsync(futures, ReturnWhen.FirstCompleted);
        await output.WriteLineAsync($"first completed: {done.Count} done, {notDone.Count} not done");

        (done, notDone) = await ComputeClient.WaitAsync(futures, ReturnWhen.AllCompleted, timeout: TimeSpan.FromSeconds(30));
        await output.WriteLineAsync($"all completed: {done.Count} done, {notDone.Count} not done");
    }
}
