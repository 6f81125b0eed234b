using System.Net.Http.Json;

namespace GrainCompute.Service.Tests.Api;

public sealed class ComputeApiTests
{
    [Fact]
    public async Task A_submitted_job_runs_and_its_results_can_be_read_waited_on_and_streamed()
    {
        await using var silo = await SiloProcess.StartAsync();

        var accepted = await silo.PostAsync("/api/jobs", new { kernel = "sumprimes", id = "sums" }, HttpStatusCode.Accepted);
        var waited = await silo.PostAsync("/api/jobs/sums/wait", new { returnWhen = "allCompleted", timeoutSeconds = 30 }, HttpStatusCode.OK);
        var page = await silo.GetAsync("/api/jobs/sums/results?order=completion");
        var stream = await silo.Http.GetStringAsync("/api/jobs/sums/results/stream?offset=1");

        Assert.Equal("sums", accepted.GetProperty("id").GetString());
        Assert.True(waited.GetProperty("satisfied").GetBoolean());
        Assert.Equal("completed", waited.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
        var lines = stream.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1L, 2L], lines.Select(l => l.GetProperty("index").GetInt64()));
        Assert.Equal(3709507114L, lines[1].GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task An_unknown_kernel_is_a_problem_naming_the_field_and_the_closest_kernels()
    {
        await using var silo = await SiloProcess.StartAsync();

        var problem = await silo.PostAsync("/api/jobs", new { kernel = "julai" }, HttpStatusCode.BadRequest);

        Assert.Contains("julia", problem.GetProperty("errors").GetProperty("kernel")[0].GetString());
    }

    [Fact]
    public async Task A_parameter_out_of_range_is_a_problem_naming_it()
    {
        await using var silo = await SiloProcess.StartAsync();

        var problem = await silo.PostAsync("/api/jobs", new { kernel = "countprimes", parameters = new { n = -5 } }, HttpStatusCode.BadRequest);

        Assert.StartsWith("n must be ≥ 2", problem.GetProperty("errors").GetProperty("n")[0].GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_problem()
    {
        await using var silo = await SiloProcess.StartAsync();

        using var response = await silo.Http.PostAsync("/api/jobs", new StringContent("{\"kernel\": ", System.Text.Encoding.UTF8, "application/json"));
        var problem = await SiloProcess.ReadAsync(response, HttpStatusCode.BadRequest);

        Assert.StartsWith("malformed JSON", problem.GetProperty("errors").GetProperty("body")[0].GetString());
    }

    [Fact]
    public async Task Too_many_items_are_refused_with_the_limit_named()
    {
        await using var silo = await SiloProcess.StartAsync("--Compute:MaxItems=1000");

        var problem = await silo.PostAsync("/api/jobs", new { kernel = "square", parameters = new { n = 5000 } }, HttpStatusCode.BadRequest);

        Assert.Contains("Compute:MaxItems", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_naming_the_setting()
    {
        await using var silo = await SiloProcess.StartAsync("--Compute:MaxBodyBytes=2048");

        var problem = await silo.PostAsync("/api/jobs", new { kernel = "correlate", parameters = new { data = Enumerable.Range(0, 4).Select(_ => new double[2000]).ToArray() } }, HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("Compute:MaxBodyBytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_job_is_404()
    {
        await using var silo = await SiloProcess.StartAsync();

        var problem = await silo.GetAsync("/api/jobs/missing", HttpStatusCode.NotFound);

        Assert.Contains("'missing' does not exist", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task With_an_api_key_requests_without_it_get_401_and_reads_can_be_opened()
    {
        await using var silo = await SiloProcess.StartAsync("--Api:ApiKey=s3cret", "--Api:OpenReadOnly=true");

        var refused = await silo.PostAsync("/api/jobs", new { kernel = "noop" }, HttpStatusCode.Unauthorized);
        await silo.GetAsync("/api/kernels");
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { kernel = "noop", parameters = new { n = 10 } }) };
        keyed.Headers.Add("X-Api-Key", "s3cret");
        using var accepted = await silo.Http.SendAsync(keyed);

        Assert.Equal("API key required", refused.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task The_catalog_cluster_health_and_openapi_endpoints_answer()
    {
        await using var silo = await SiloProcess.StartAsync();

        var kernels = await silo.GetAsync("/api/kernels");
        var cluster = await silo.GetAsync("/api/cluster");
        var ready = await silo.GetAsync("/health/ready");
        var openapi = await silo.Http.GetStringAsync("/openapi/v1.json");

        Assert.Contains(kernels.EnumerateArray(), k => k.GetProperty("name").GetString() == "julia");
        Assert.Equal("active", cluster.GetProperty("silos")[0].GetProperty("status").GetString());
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Contains("/api/jobs/{id}/results", openapi);
    }

    [Fact]
    public async Task Cancelling_through_the_api_cancels_the_job()
    {
        await using var silo = await SiloProcess.StartAsync();
        await silo.PostAsync("/api/jobs", new { kernel = "slowadd", id = "sleepy", parameters = new { delay = 30 } }, HttpStatusCode.Accepted);

        var cancelled = await silo.PostAsync("/api/jobs/sleepy/cancel", new { }, HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_julia_job_is_served_as_a_pgm_image_identical_to_the_kernels_lines()
    {
        await using var silo = await SiloProcess.StartAsync();
        await silo.PostAsync("/api/jobs", new { kernel = "julia", id = "small-julia", parameters = new { width = 64, height = 48 } }, HttpStatusCode.Accepted);
        await silo.PostAsync("/api/jobs/small-julia/wait", new { timeoutSeconds = 30 }, HttpStatusCode.OK);

        var pgm = await silo.Http.GetByteArrayAsync("/api/jobs/small-julia/image?format=pgm");
        var png = await silo.Http.GetByteArrayAsync("/api/jobs/small-julia/image");

        var expected = new List<byte>("P5 64 48 255\n"u8.ToArray());
        for (var k = 0; k < 48; k++)
        {
            var line = new byte[64];
            GrainCompute.Kernels.JuliaLine.Compute(k, 64, 48, line);
            expected.AddRange(line);
        }

        Assert.Equal(expected, pgm);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}
