using GrainCompute.Mpi.Sidecar;

namespace GrainCompute.Mpi.Tests.Serve;

public sealed class SidecarQueueTests
{
    [Fact]
    public async Task Run_QueuedPastItsTimeLimit_Answers504_WithoutWaitingForTheRunAhead()
    {
        var sidecar = new SidecarFixture(queueLimit: 1);
        await sidecar.InitializeAsync();
        try
        {
            await QueuedRunTimesOutAsync(sidecar.Http, sidecar.Client);
        }
        finally
        {
            await sidecar.DisposeAsync();
        }
    }

    private static async Task QueuedRunTimesOutAsync(HttpClient http, MpiSidecarClient client)
    {
        var slow = client.RunAsync(new MpiRunRequest("pi", 1, new Dictionary<string, string> { ["samples"] = "100000000000" }, TimeoutSeconds: 5));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await http.GetStringAsync("health")).Contains("\"running\":1", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the slow run did not start within 10 s");
            await Task.Delay(20);
        }

        var started = DateTime.UtcNow;
        var queued = await Assert.ThrowsAsync<MpiSidecarException>(() => client.RunAsync(new MpiRunRequest("hello", 1, TimeoutSeconds: 1)));

        Assert.Equal(504, queued.StatusCode);
        Assert.Contains("waited in the queue past its 1 s limit", queued.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "the queued run waited for the slow one instead of its own limit");
        Assert.Equal(504, (await Assert.ThrowsAsync<MpiSidecarException>(() => slow)).StatusCode);
    }
}
