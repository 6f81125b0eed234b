using GrainCompute.Testing;

namespace GrainCompute.Client.Tests;

/// <summary>A call whose kernel throws fails with the remote error, and only that call.</summary>
public sealed class CallTests
{
    [Fact]
    public async Task A_kernel_that_throws_fails_its_call_with_the_remote_type_and_message_and_the_others_answer()
    {
        await using var client = await ComputeClient.StartLocalAsync(new LocalClusterOptions { WorkerSlots = 2 }.AddKernel<OddOnlyKernel>());

        var calls = Enumerable.Range(1, 6).Select(n => client.CallAsync<long>("odd-only", new { n })).ToList();

        foreach (var (call, n) in calls.Select((c, i) => (c, i + 1)))
        {
            if (n % 2 == 1)
            {
                Assert.Equal(n, await call);
                continue;
            }

            var failure = await Assert.ThrowsAsync<ComputeTaskFailedException>(() => call);
            Assert.Equal("InvalidOperationException", failure.RemoteType);
            Assert.Equal($"{n} is even", failure.RemoteMessage);
            Assert.Equal($"call of odd-only failed: InvalidOperationException: {n} is even", failure.Message);
        }
    }
}
