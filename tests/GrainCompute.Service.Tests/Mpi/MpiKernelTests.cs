namespace GrainCompute.Service.Tests.Mpi;

/// <summary>
/// The mpi-* kernels end to end: the HTTP job API of a real silo, a real <c>graincompute-mpi serve</c> process,
/// real mpiexec.mpich runs. The sidecar allows 4 ranks and one run at a time without a queue.
/// </summary>
public sealed class MpiKernelTests(MpiSidecarFixture mpi) : IClassFixture<MpiSidecarFixture>
{
    private static readonly TimeSpan _runLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Mpi_pi_on_two_ranks_is_within_five_sigma_and_equals_montecarlo_pi_for_the_same_seed()
    {
        const int samples = 1_000_000;

        var status = await RunAsync(mpi.Silo, "mpi-pi", new { ranks = 2, samples });
        var pi = (await mpi.Silo.GetAsync($"/api/jobs/{Id(status)}/result")).GetDouble();
        var grains = await RunAsync(mpi.Silo, "montecarlo-pi", new { samples });

        // π̂ = 4·hits/n with hits ~ Binomial(n, π/4): σ = 4·√(p(1−p)/n) ≈ 0.0016 for 10⁶ samples.
        var p = Math.PI / 4;
        var sigma = 4 * Math.Sqrt(p * (1 - p) / samples);
        Assert.True(Math.Abs(pi - Math.PI) < 5 * sigma, $"π estimate {pi} is more than 5σ ({5 * sigma:F5}) from π");
        Assert.Equal((await mpi.Silo.GetAsync($"/api/jobs/{Id(grains)}/result")).GetDouble(), pi);
        var run = await RunSummaryAsync(mpi.Silo, Id(status));
        Assert.Equal(2, run.GetProperty("ranks").GetInt32());
        Assert.Contains("mpiexec.mpich -n 2 -bind-to none", run.GetProperty("command").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mpi_primes_up_to_a_million_counts_78498()
    {
        var status = await RunAsync(mpi.Silo, "mpi-primes", new { ranks = 2, n = 1_000_000 });

        Assert.Equal(78498, (await mpi.Silo.GetAsync($"/api/jobs/{Id(status)}/result")).GetInt64());
        Assert.Equal(1, status.GetProperty("chunks").GetInt32());
    }

    [Theory]
    [InlineData("mpi-pi", 0, "ranks must be ≥ 1 and ≤ 256, got 0")]
    [InlineData("mpi-primes", -3, "ranks must be ≥ 1 and ≤ 256, got -3")]
    [InlineData("mpi-pingpong", 1, "pingpong needs at least 2 ranks")]
    public async Task Ranks_out_of_range_are_a_400_naming_ranks(string kernel, int ranks, string expected)
    {
        var problem = await mpi.Silo.PostAsync("/api/jobs", new { kernel, parameters = new { ranks } }, HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.GetProperty("errors").GetProperty("ranks")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_example_parameter_out_of_range_is_a_400_naming_it()
    {
        var problem = await mpi.Silo.PostAsync("/api/jobs", new { kernel = "mpi-primes", parameters = new { n = 0 } }, HttpStatusCode.BadRequest);

        Assert.Equal("n must be ≥ 1 and ≤ 10^11", problem.GetProperty("errors").GetProperty("n")[0].GetString());
    }

    [Fact]
    public async Task More_ranks_than_the_sidecar_allows_fail_the_job_with_the_sidecars_reason()
    {
        var status = await RunAsync(mpi.Silo, "mpi-hello", new { ranks = 5 }, expectCompleted: false);

        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Contains("refused the run: ranks: ranks must be between 1 and 4, got 5", status.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_past_its_time_limit_fails_the_job_saying_it_timed_out()
    {
        var status = await RunAsync(mpi.Silo, "mpi-pi", new { ranks = 2, samples = 1_000_000_000_000, timeoutSeconds = 1 }, expectCompleted: false);

        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Contains("MPI run timed out in the sidecar: 'pi' on 2 ranks ran past its 1 s limit", status.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_job_stops_the_mpi_run_in_the_sidecar()
    {
        var id = await StartLongRunAsync();

        var cancelled = await mpi.Silo.PostAsync($"/api/jobs/{id}/cancel", new { }, HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        await Wait.UntilAsync(async () => await mpi.Sidecar.RunningAsync() == 0, "the sidecar killed the cancelled job's mpiexec (its limit was 120 s)", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_busy_sidecar_fails_the_job_saying_so()
    {
        var longRun = await StartLongRunAsync();
        try
        {
            var status = await RunAsync(mpi.Silo, "mpi-hello", new { ranks = 1 }, expectCompleted: false);

            Assert.Equal("failed", status.GetProperty("state").GetString());
            Assert.Contains($"MPI sidecar {mpi.Sidecar.Address} is busy", status.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await mpi.Silo.PostAsync($"/api/jobs/{longRun}/cancel", new { }, HttpStatusCode.OK);
            await Wait.UntilAsync(async () => await mpi.Sidecar.RunningAsync() == 0, "the sidecar is idle again", TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public async Task Without_a_sidecar_an_mpi_kernel_is_refused_at_submit_naming_the_setting_and_still_listed()
    {
        await using var silo = await SiloProcess.StartAsync();

        var problem = await silo.PostAsync("/api/jobs", new { kernel = "mpi-pi", parameters = new { ranks = 2 } }, HttpStatusCode.BadRequest);
        var kernels = await silo.GetAsync("/api/kernels");

        var error = problem.GetProperty("errors").GetProperty("kernel")[0].GetString()!;
        Assert.StartsWith("kernel 'mpi-pi' runs on an MPI sidecar and this silo has none: set Compute:MpiSidecarUrl (GRAINCOMPUTE__COMPUTE__MPISIDECARURL)", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        var mpiKernels = kernels.EnumerateArray().Where(k => k.GetProperty("name").GetString()!.StartsWith("mpi-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["mpi-euler", "mpi-hello", "mpi-julia", "mpi-pi", "mpi-pingpong", "mpi-primes"], mpiKernels.Select(k => k.GetProperty("name").GetString()));
        var piParameters = mpiKernels.Single(k => k.GetProperty("name").GetString() == "mpi-pi").GetProperty("parameters").EnumerateArray();
        Assert.Equal(["ranks", "samples", "seed", "blockSize", "timeoutSeconds"], piParameters.Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task An_unreachable_sidecar_fails_the_job_naming_its_address()
    {
        await using var silo = await SiloProcess.StartAsync("--Compute:MpiSidecarUrl=http://127.0.0.1:1");

        var status = await RunAsync(silo, "mpi-hello", new { ranks = 1 }, expectCompleted: false);

        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Contains("MPI sidecar http://127.0.0.1:1/ is not reachable", status.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static string Id(JsonElement status) => status.GetProperty("id").GetString()!;

    /// <summary>Submits and waits for the end; the job's status. Fails the test when it did not complete, unless told otherwise.</summary>
    private static async Task<JsonElement> RunAsync(SiloProcess silo, string kernel, object parameters, bool expectCompleted = true)
    {
        var accepted = await silo.PostAsync("/api/jobs", new { kernel, parameters }, HttpStatusCode.Accepted);
        var waited = await silo.PostAsync($"/api/jobs/{Id(accepted)}/wait", new { returnWhen = "allCompleted", timeoutSeconds = _runLimit.TotalSeconds }, HttpStatusCode.OK);
        Assert.True(waited.GetProperty("satisfied").GetBoolean(), $"{kernel} did not finish within {_runLimit}: {waited}");
        var status = waited.GetProperty("status");
        if (expectCompleted)
        {
            Assert.True(status.GetProperty("state").GetString() == "completed", $"{kernel} did not complete: {status}");
        }

        return status;
    }

    /// <summary>The job's one item: the sidecar's run summary (example, ranks, result, timings, command).</summary>
    private static async Task<JsonElement> RunSummaryAsync(SiloProcess silo, string id)
    {
        var page = await silo.GetAsync($"/api/jobs/{id}/results");
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        var text = JsonDocument.Parse(item.GetProperty("valueJson").GetString()!).RootElement.GetString()!;
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Starts an mpi-pi run that would take minutes and waits until the sidecar is executing it.</summary>
    private async Task<string> StartLongRunAsync()
    {
        var accepted = await mpi.Silo.PostAsync(
            "/api/jobs", new { kernel = "mpi-pi", parameters = new { ranks = 2, samples = 1_000_000_000_000, timeoutSeconds = 120 } }, HttpStatusCode.Accepted);
        await Wait.UntilAsync(async () => await mpi.Sidecar.RunningAsync() == 1, "the sidecar is running the long mpi-pi job", TimeSpan.FromSeconds(20));
        return Id(accepted);
    }
}
