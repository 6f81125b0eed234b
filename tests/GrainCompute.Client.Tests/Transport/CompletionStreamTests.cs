using System.Net;
using System.Text;
using System.Text.Json;

namespace GrainCompute.Client.Tests.Transport;

/// <summary>ComputeClient.AsCompleted over a fake gateway's completions stream: each future once, resumed after a cut.</summary>
public sealed class CompletionStreamTests
{
    [Fact]
    public async Task AsCompleted_StreamCutAfterTheFirstLine_ReopensWithTheUnseenIdsAndYieldsEachFutureOnceEvenIfALineRepeats()
    {
        using var gateway = new FakeGateway((request, n) => n == 0
            ? Stream(cut: true, FakeGateway.Status("b", "completed", "2"))
            : Stream(cut: false, [FakeGateway.Status("b", "completed", "2"), .. request.Json.GetProperty("ids").EnumerateArray().Select(id => FakeGateway.Status(id.GetString()!, "completed", "1"))]));
        await using var client = gateway.Client();
        var futures = new[] { client.GetJob<long>("a"), client.GetJob<long>("b"), client.GetJob<long>("c") };

        var order = new List<string>();
        await foreach (var future in ComputeClient.AsCompleted(futures, TimeSpan.FromSeconds(30)))
        {
            order.Add(future.Id);
        }

        Assert.Equal("b", order[0]);
        Assert.Equal(["a", "b", "c"], order.Order());
        Assert.Equal(2, gateway.Requests.Count);
        Assert.Equal(["a", "c"], gateway.Requests[1].Json.GetProperty("ids").EnumerateArray().Select(id => id.GetString()).Order());
        Assert.Equal(2L, await futures[1].GetResultAsync());
        Assert.Equal(2, gateway.Requests.Count);
    }

    [Fact]
    public async Task AsCompleted_StreamKeepsBreakingWithoutProgress_ThrowsUnreachable()
    {
        using var gateway = new FakeGateway((_, _) => Stream(cut: true));
        await using var client = gateway.Client();

        var error = await Assert.ThrowsAsync<ComputeUnreachableException>(async () =>
        {
            await foreach (var future in ComputeClient.AsCompleted([client.GetJob<long>("a")], TimeSpan.FromSeconds(30)))
            {
                Assert.Fail($"{future.Id} was yielded although no status came");
            }
        });

        Assert.Equal(5, gateway.Requests.Count);
        Assert.Contains("completions stream broke", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An NDJSON answer with one status a line; when <paramref name="cut"/>, reading past them fails as a dropped connection does.</summary>
    private static HttpResponseMessage Stream(bool cut, params object[] statuses)
    {
        var lines = string.Concat(statuses.Select(s => JsonSerializer.Serialize(s, JsonSerializerOptions.Web) + "\n"));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new CutStream(Encoding.UTF8.GetBytes(lines), cut)) };
    }

    /// <summary>Its bytes, then an IOException instead of the end when cut.</summary>
    private sealed class CutStream(byte[] bytes, bool cut) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => Cut(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Cut(base.Read(buffer));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        private int Cut(int read) => read == 0 && cut ? throw new IOException("the response ended prematurely") : read;
    }
}
