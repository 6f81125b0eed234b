using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainCompute.Mpi.Sidecar;

namespace GrainCompute.Mpi.Tests.Serve;

public sealed class SidecarApiTests(SidecarFixture sidecar) : IClassFixture<SidecarFixture>
{
    [Fact]
    public async Task Health_IsHealthy_WhenMpiexecIsInstalled()
    {
        Assert.True(await sidecar.Client.IsHealthyAsync(), "GET /health should succeed where mpich is installed");
    }

    [Fact]
    public async Task Examples_ListsEveryExample_WithItsParameters()
    {
        var examples = await sidecar.Client.GetExamplesAsync();

        Assert.Equal(["hello", "pi", "euler", "julia", "primes", "pingpong", "overlap", "objects", "collectives", "pool"], examples.Select(e => e.Name));
        Assert.Contains(examples.Single(e => e.Name == "pi").Parameters, p => p.Name == "samples");
        Assert.DoesNotContain(examples.Single(e => e.Name == "julia").Parameters, p => p.Name == "output");
    }

    [Fact]
    public async Task Run_Pi_ReturnsResultTimingsAndPerRankOutput()
    {
        var result = await sidecar.Client.RunAsync(new MpiRunRequest("pi", 2, new Dictionary<string, string> { ["samples"] = "1000000" }));

        Assert.True(result.Succeeded, result.Error);
        Assert.InRange(result.Result!.Value.GetDouble(), 3.13, 3.15);
        Assert.True(result.Seconds > 0 && result.WallSeconds >= result.Seconds, $"seconds {result.Seconds}, wall {result.WallSeconds}");
        Assert.Equal([0, 1], result.Output.Where(o => o.Rank >= 0).Select(o => o.Rank));
        Assert.Contains(result.Output[0].Stdout, line => line.StartsWith("pi: π ≈ ", StringComparison.Ordinal));
        Assert.Contains("mpiexec.mpich -n 2 -bind-to none -prepend-rank ", result.Command, StringComparison.Ordinal);
        Assert.DoesNotContain("OMPI_", result.Command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Hello_SplitsOutputByRank()
    {
        var result = (await sidecar.Client.RunAsync(new MpiRunRequest("hello", 3))).EnsureSucceeded();

        foreach (var rank in new[] { 0, 1, 2 })
        {
            Assert.Contains($"hello from rank {rank} of 3 on ", result.Output.Single(o => o.Rank == rank).Stdout.First(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_AcceptsNumbersAsParameterValues()
    {
        using var response = await sidecar.Http.PostAsJsonAsync("runs", new { example = "primes", ranks = 2, parameters = new { n = 1000 } });
        var result = await response.Content.ReadFromJsonAsync<MpiRunResult>(JsonSerializerOptions.Web);

        Assert.Equal(168, result!.Result!.Value.GetInt32());
    }

    [Fact]
    public async Task Run_UnknownExample_Answers400ProblemListingKnownExamples()
    {
        using var response = await sidecar.Http.PostAsJsonAsync("runs", new { example = "pie", ranks = 2 });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("example 'pie' not found; known: hello, pi, euler, julia, primes, pingpong, overlap, objects, collectives, pool", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(5)]
    public async Task Run_RanksOutOfRange_Answers400NamingTheField(int ranks)
    {
        var error = await Assert.ThrowsAsync<MpiSidecarException>(() => sidecar.Client.RunAsync(new MpiRunRequest("pi", ranks)));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains($"ranks: ranks must be between 1 and 4, got {ranks}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownParameter_Answers400NamingIt()
    {
        var error = await Assert.ThrowsAsync<MpiSidecarException>(() =>
            sidecar.Client.RunAsync(new MpiRunRequest("pi", 1, new Dictionary<string, string> { ["sample"] = "5" })));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("parameters.sample: 'sample' is not a parameter of pi; known: samples, seed, block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhereARankFails_ReturnsAFailedResultWithItsMessage()
    {
        var result = await sidecar.Client.RunAsync(new MpiRunRequest("pingpong", 1));

        Assert.False(result.Succeeded);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("rank 0: InvalidOperationException: pingpong needs at least 2 ranks", result.Error, StringComparison.Ordinal);
        Assert.Throws<MpiSidecarException>(() => result.EnsureSucceeded());
    }

    [Fact]
    public async Task Run_PastItsTimeLimit_Answers504_AndRefusesOthersAsBusyMeanwhile()
    {
        var slow = sidecar.Client.RunAsync(new MpiRunRequest("pi", 2, new Dictionary<string, string> { ["samples"] = "100000000000" }, TimeoutSeconds: 2));
        await WaitUntilRunningAsync();

        var busy = await Assert.ThrowsAsync<MpiSidecarException>(() => sidecar.Client.RunAsync(new MpiRunRequest("hello", 1)));
        Assert.Equal(429, busy.StatusCode);
        Assert.Contains("MPI sidecar busy", busy.Message, StringComparison.Ordinal);

        var timedOut = await Assert.ThrowsAsync<MpiSidecarException>(() => slow);
        Assert.Equal(504, timedOut.StatusCode);
        Assert.Contains("'pi' on 2 ranks ran past its 2 s limit; mpiexec and its ranks were killed", timedOut.Message, StringComparison.Ordinal);

        // The killed run released its slot: the next one is accepted.
        Assert.True((await sidecar.Client.RunAsync(new MpiRunRequest("hello", 1))).Succeeded);
    }

    private async Task WaitUntilRunningAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var health = await sidecar.Http.GetFromJsonAsync<JsonElement>("health", deadline.Token);
            if (health.GetProperty("running").GetInt32() == 1)
            {
                return;
            }

            await Task.Delay(20, deadline.Token);
        }
    }
}
