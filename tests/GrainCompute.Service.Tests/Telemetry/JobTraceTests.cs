using System.Diagnostics;
using System.Net.Http.Json;
using OpenTelemetry.Trace;

namespace GrainCompute.Service.Tests.Telemetry;

/// <summary>
/// One trace follows a job: the HTTP request that submits it, the job grain's call, and its chunks on both silos of a
/// real two-silo cluster (TCP between silos, PostgreSQL membership). Orleans carries the trace context in each grain
/// call's request context; without it the chunks on the other silo would start traces of their own.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class JobTraceTests
{
    [Fact]
    public async Task A_job_submitted_over_http_is_one_trace_spanning_the_request_the_job_grain_and_chunks_on_both_silos()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = $"trace-{Guid.NewGuid():N}";
        string[] settings = ["--Telemetry:Traces=true", "--Silo:WorkerSlots=1", $"--Silo:ClusterId={cluster}", "--Membership:Provider=PostgreSQL", $"--Membership:ConnectionString={database.ConnectionString}"];
        var spans = new List<Activity>();
        await using var first = await SiloProcess.StartAsync(builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)), [.. settings, "--Silo:SiloName=first"]);
        await using var second = await SiloProcess.StartAsync([.. settings, "--Silo:SiloName=second"]);
        await Wait.UntilAsync(async () => (await first.GetAsync("/api/cluster")).GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active") == 2,
            "both silos are active", TimeSpan.FromSeconds(30));

        var trace = ActivityTraceId.CreateRandom();
        var id = $"trace-{Guid.NewGuid():N}"[..16];
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/jobs")
        {
            Content = JsonContent.Create(new { kernel = "montecarlo-pi", id, parameters = new { samples = 80_000_000 }, chunkSize = 10 }),
            Headers = { { "traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01" } },
        };
        await SiloProcess.ReadAsync(await first.Http.SendAsync(submit), HttpStatusCode.Accepted);
        using var wait = await first.Http.PostAsJsonAsync($"/api/jobs/{id}/wait", new { timeoutSeconds = 60 });
        Assert.True((await SiloProcess.ReadAsync(wait, HttpStatusCode.OK)).GetProperty("satisfied").GetBoolean(), $"job {id} did not finish in 60 s");
        var chunkSilos = (await first.GetAsync($"/api/jobs/{id}/chunks")).EnumerateArray().Select(c => c.GetProperty("silo").GetString()).Distinct().ToList();

        List<Activity> ours = [];
        await Wait.UntilAsync(() =>
        {
            ours = [.. Snapshot(spans).Where(s => s.TraceId == trace)];
            return Task.FromResult(ours.Count(s => s.OperationName == "chunk") == 8);
        }, "the trace has the job's 8 chunk spans", TimeSpan.FromSeconds(10), () => string.Join(", ", ours.Select(s => s.DisplayName)));

        Assert.Equal(2, chunkSilos.Count);
        Assert.True(ours.Any(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore" && s.DisplayName == "POST /api/jobs"),
            "no span of the HTTP request; spans: " + string.Join("; ", ours.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName}")));
        Assert.Contains(ours, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.Orleans.Application" && s.DisplayName == "IJobGrain/Submit");
        Assert.Contains(ours, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.Orleans.Application" && s.DisplayName == "ISiloWorkerGrain/Run");
        var chunks = ours.Where(s => s.OperationName == "chunk").ToList();
        Assert.All(chunks, c => Assert.Equal(id, c.GetTagItem("graincompute.job")));
        Assert.Equal(chunkSilos.Order(), chunks.Select(c => (string)c.GetTagItem("graincompute.silo")!).Distinct().Order());
    }

    /// <summary>The exporter appends from the threads that end spans; copy until a copy is not torn by an append.</summary>
    private static List<Activity> Snapshot(List<Activity> spans)
    {
        while (true)
        {
            try
            {
                return [.. spans.ToArray().Where(s => s is not null)];
            }
            catch (ArgumentException)
            {
                // Resized under the copy: try again.
            }
        }
    }
}
