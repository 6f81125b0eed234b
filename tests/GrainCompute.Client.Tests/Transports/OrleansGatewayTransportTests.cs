namespace GrainCompute.Client.Tests.Transports;

/// <summary>The contract through Orleans' client on a silo's gateway port (ConnectGatewayAsync).</summary>
[Collection(SeparateSiloCollection.Name)]
public sealed class OrleansGatewayTransportTests(SeparateSiloFixture silo) : TransportContractTests
{
    protected override ComputeClient Client => silo.Gateway;

    [Fact]
    public void Gateway_NamesTheOrleansGatewayItGoesThrough()
    {
        Assert.Equal(new Uri($"orleans://127.0.0.1:{silo.GatewayPort}/"), Client.Gateway);
    }

    [Fact]
    public async Task BadInput_ThrowsTheSameErrorAsOverHttp()
    {
        var badJobs = Enumerable.Range(0, 4).Select(i => (object?)new { n = i == 2 ? 0 : 1 }).ToList();
        Func<ComputeClient, Task>[] calls =
        [
            client => client.SubmitAsync("julai"),
            client => client.SubmitAsync("collatz", new { n = "many" }),
            client => client.SubmitAsync("collatz", new { n = 5 }, new SubmitOptions(Id: "no spaces allowed")),
            client => client.SubmitManyAsync("noop", badJobs),
            client => client.GetJob("no-such-job").StatusAsync(),
            client => client.GetJob("no-such-job").ResultsPageAsync(),
        ];

        foreach (var call in calls)
        {
            var overHttp = await Assert.ThrowsAsync<ComputeApiException>(() => call(silo.Http));
            var overGateway = await Assert.ThrowsAsync<ComputeApiException>(() => call(Client));

            Assert.Equal(overHttp.Message, overGateway.Message);
            Assert.Equal((overHttp.StatusCode, overHttp.Title, overHttp.Detail), (overGateway.StatusCode, overGateway.Title, overGateway.Detail));
            Assert.Equal(overHttp.Errors.OrderBy(e => e.Key).Select(e => (e.Key, string.Join("|", e.Value))), overGateway.Errors.OrderBy(e => e.Key).Select(e => (e.Key, string.Join("|", e.Value))));
        }
    }

    [Fact]
    public async Task ConnectGatewayAsync_WrongClusterId_ThrowsUnreachableNamingTheClusterId()
    {
        var error = await Assert.ThrowsAsync<ComputeUnreachableException>(() => ComputeClient.ConnectGatewayAsync([$"127.0.0.1:{silo.GatewayPort}"], "some-other-cluster"));

        Assert.Contains("some-other-cluster", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectGatewayAsync_NothingListening_ThrowsUnreachableNamingTheAddress()
    {
        var port = Testing.LoopbackPort.Free();

        var error = await Assert.ThrowsAsync<ComputeUnreachableException>(() => ComputeClient.ConnectGatewayAsync([$"127.0.0.1:{port}"], silo.ClusterId));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectGatewayAsync_NotHostColonPort_ThrowsArgumentExceptionSayingWhatItTakes()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ComputeClient.ConnectGatewayAsync(["http://127.0.0.1:8080"]));

        Assert.Contains("host:port", error.Message, StringComparison.Ordinal);
    }
}
