using System.Net.Http.Json;

namespace GrainCompute.Service.Tests.Api;

/// <summary>Many futures per request: POST /api/jobs/batch, /api/jobs/wait and /api/jobs/completions on a silo process.</summary>
public sealed class BatchApiTests
{
    [Fact]
    public async Task A_batch_of_a_thousand_futures_beyond_the_running_limit_queues_and_every_one_completes_once()
    {
        await using var silo = await SiloProcess.StartAsync("--Compute:MaxConcurrentJobs=4");
        var jobs = Enumerable.Range(0, 1000).Select(i => new { kernel = "square-number", id = $"sq-{i}", parameters = new { n = 1 + (i % 5) } }).ToList();

        var accepted = await silo.PostAsync("/api/jobs/batch", new { jobs }, HttpStatusCode.Accepted);
        var waited = await silo.PostAsync("/api/jobs/wait", new { ids = jobs.Select(j => j.id), returnWhen = "allCompleted", timeoutSeconds = 60 }, HttpStatusCode.OK);

        Assert.Equal(jobs.Select(j => j.id), accepted.GetProperty("jobs").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Contains(accepted.GetProperty("jobs").EnumerateArray(), s => s.GetProperty("state").GetString() == "queued");
        Assert.True(waited.GetProperty("satisfied").GetBoolean());
        Assert.Empty(waited.GetProperty("notDone").EnumerateArray());
        var done = waited.GetProperty("done").EnumerateArray().ToList();
        Assert.Equal(1000, done.Select(s => s.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(done, s => Assert.Equal("completed", s.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task One_bad_entry_refuses_the_whole_batch_naming_it_and_submits_nothing()
    {
        await using var silo = await SiloProcess.StartAsync();

        var problem = await silo.PostAsync("/api/jobs/batch", new
        {
            jobs = new object[]
            {
                new { kernel = "collatz", id = "fine", parameters = new { n = 10 } },
                new { kernel = "collatz", id = "bad", parameters = new { n = -1 } },
                new { kernel = "julai", id = "typo" },
                new { kernel = "collatz", id = "fine" },
            },
        }, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("jobs[1].n", out _), errors.ToString());
        Assert.Contains("did you mean 'julia'?", errors.GetProperty("jobs[2].kernel")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("jobs[0]", errors.GetProperty("jobs[3].id")[0].GetString(), StringComparison.Ordinal);
        using var missing = await silo.Http.GetAsync("/api/jobs/fine");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_job_may_name_a_job_listed_after_it_in_the_same_batch()
    {
        await using var silo = await SiloProcess.StartAsync();

        // The dependency comes after more jobs than one batch submits at once: submitted all together, the dependent
        // would ask for it before it exists.
        var dependent = new { kernel = "slowadd", id = "sum", parameters = (object)new Dictionary<string, object> { ["a"] = new Dictionary<string, string> { ["$future"] = "base" }, ["b"] = 10, ["delay"] = 0 } };
        var fillers = Enumerable.Range(0, 400).Select(i => new { kernel = "noop", id = $"filler-{i}", parameters = (object)new { n = 1 } });
        var dependency = new { kernel = "slowadd", id = "base", parameters = (object)new { a = 1, b = 2, delay = 0 } };

        await silo.PostAsync("/api/jobs/batch", new { jobs = new[] { dependent }.Concat(fillers).Append(dependency) }, HttpStatusCode.Accepted);
        var waited = await silo.PostAsync("/api/jobs/wait", new { ids = new[] { "sum" }, returnWhen = "allCompleted", timeoutSeconds = 30 }, HttpStatusCode.OK);

        var sum = waited.GetProperty("done")[0];
        Assert.Equal("completed", sum.GetProperty("state").GetString());
        Assert.Equal("13", sum.GetProperty("resultJson").GetString()); // (1 + 2) + 10
    }

    [Fact]
    public async Task Jobs_of_a_batch_that_wait_for_each_other_in_a_cycle_are_refused_and_nothing_is_submitted()
    {
        await using var silo = await SiloProcess.StartAsync();
        var jobs = new object[]
        {
            new { kernel = "slowinc", id = "free", parameters = new { x = 1, delay = 0 } },
            new { kernel = "slowinc", id = "chicken", parameters = new Dictionary<string, object> { ["x"] = new Dictionary<string, string> { ["$future"] = "egg" } } },
            new { kernel = "slowinc", id = "egg", parameters = new Dictionary<string, object> { ["x"] = new Dictionary<string, string> { ["$future"] = "chicken" } } },
        };

        var problem = await silo.PostAsync("/api/jobs/batch", new { jobs }, HttpStatusCode.BadRequest);

        var error = problem.GetProperty("errors").GetProperty("jobs[1].parameters")[0].GetString();
        Assert.Contains("in a cycle (chicken → egg → chicken)", error, StringComparison.Ordinal);
        using var free = await silo.Http.GetAsync("/api/jobs/free");
        Assert.Equal(HttpStatusCode.NotFound, free.StatusCode);
    }

    [Fact]
    public async Task Waiting_for_the_first_completed_returns_it_and_names_the_others_not_done()
    {
        await using var silo = await SiloProcess.StartAsync();
        await silo.PostAsync("/api/jobs/batch", new
        {
            jobs = new object[]
            {
                new { kernel = "slowadd", id = "quick", parameters = new { a = 1, b = 2, delay = 0.1 } },
                new { kernel = "slowadd", id = "slow", parameters = new { a = 1, b = 2, delay = 20 } },
            },
        }, HttpStatusCode.Accepted);

        var waited = await silo.PostAsync("/api/jobs/wait", new { ids = new[] { "slow", "quick" }, returnWhen = "firstCompleted", timeoutSeconds = 10 }, HttpStatusCode.OK);

        Assert.True(waited.GetProperty("satisfied").GetBoolean());
        Assert.Equal(["quick"], waited.GetProperty("done").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(["slow"], waited.GetProperty("notDone").EnumerateArray().Select(s => s.GetString()));
        await silo.PostAsync("/api/jobs/slow/cancel", new { }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Completions_stream_each_job_once_in_the_order_they_finish()
    {
        await using var silo = await SiloProcess.StartAsync();
        var delays = new Dictionary<string, double> { ["third"] = 1.5, ["first"] = 0.1, ["second"] = 0.8 };
        await silo.PostAsync("/api/jobs/batch", new { jobs = delays.Select(d => new { kernel = "slowinc", id = d.Key, parameters = new { x = 1, delay = d.Value } }) }, HttpStatusCode.Accepted);

        using var response = await silo.Http.PostAsJsonAsync("/api/jobs/completions", new { ids = delays.Keys });
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["first", "second", "third"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.All(lines, l => Assert.Equal("2", l.GetProperty("resultJson").GetString()));
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after()
    {
        await using var silo = await SiloProcess.StartAsync("--Compute:MaxConcurrentJobs=1", "--Compute:MaxQueuedJobs=1");
        await silo.PostAsync("/api/jobs", new { kernel = "slowadd", id = "running", parameters = new { delay = 30 } }, HttpStatusCode.Accepted);
        await silo.PostAsync("/api/jobs", new { kernel = "slowadd", id = "queued" }, HttpStatusCode.Accepted);

        using var refused = await silo.Http.PostAsJsonAsync("/api/jobs", new { kernel = "slowadd", id = "refused" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        await silo.PostAsync("/api/jobs/running/cancel", new { }, HttpStatusCode.OK);
    }
}
