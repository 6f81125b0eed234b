using System.Net;

namespace GrainCompute.Client.Tests.Transports;

/// <summary>StartLocalAsync's client reaches its silo through the silo's grain factory, not its HTTP API.</summary>
public sealed class EmbeddedTransportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StartLocalAsync_HttpApiLockedWithAKeyTheClientLacks_JobsStillRunSinceNoneGoesOverHttp()
    {
        // The silo's HTTP API wants a key this client never sends: any HTTP call of it would be a 401.
        var options = new LocalClusterOptions { WorkerSlots = 2 };
        options.ExtraArguments.Add($"--Api:ApiKey=http-only-{Guid.NewGuid():N}");
        await using var client = await ComputeClient.StartLocalAsync(options);
        using var http = new HttpClient { BaseAddress = client.Gateway };
        using var refused = await http.GetAsync("api/jobs");

        var one = await client.SubmitAsync<int>("collatz", new { n = 10 });
        var many = await client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, 50).Select(i => (object?)new { a = i, b = 1, delay = 0.0 }));
        var yielded = new List<ComputeFuture<long>>();
        await foreach (var future in ComputeClient.AsCompleted(many, Patience))
        {
            yielded.Add(future);
        }

        var items = new List<ResultItem>();
        await foreach (var item in (await client.SubmitAsync("square-number", new { n = 20 })).ResultsAsync())
        {
            items.Add(item);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(19, await one.GetResultAsync(Patience));
        Assert.Equal(50, yielded.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), await Task.WhenAll(many.Select(f => f.GetResultAsync(TimeSpan.Zero))));
        Assert.Equal(20, items.Count);
        Assert.Contains(await client.KernelsAsync(), k => k.Name == "collatz");
    }
}
