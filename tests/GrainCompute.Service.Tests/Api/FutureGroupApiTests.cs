namespace GrainCompute.Service.Tests.Api;

/// <summary>A future group over HTTP, as another language submits one: the kernel "group:k", one job, an item per call.</summary>
public sealed class FutureGroupApiTests
{
    [Fact]
    public async Task A_group_is_one_job_whose_items_are_its_calls_outcomes_as_json_objects()
    {
        await using var silo = await SiloProcess.StartAsync();

        await silo.PostAsync("/api/jobs", new { kernel = "group:slowadd", id = "calls", chunkSize = 2, parameters = new { members = new[] { new { a = 1, b = 2 }, new { a = 3, b = 4 }, new { a = 5, b = 6 } } } }, HttpStatusCode.Accepted);
        var waited = await silo.PostAsync("/api/jobs/calls/wait", new { returnWhen = "allCompleted", timeoutSeconds = 60 }, HttpStatusCode.OK);
        var page = await silo.GetAsync("/api/jobs/calls/results");
        var kernels = await silo.GetAsync("/api/kernels");

        var status = waited.GetProperty("status");
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(2, status.GetProperty("chunks").GetInt32());
        Assert.Equal("""{"calls":3,"failed":0}""", status.GetProperty("resultJson").GetString());
        var outcomes = page.GetProperty("items").EnumerateArray().Select(i => JsonDocument.Parse(i.GetProperty("valueJson").GetString()!).RootElement).ToList();
        Assert.Equal([3L, 7, 11], outcomes.Select(o => o.GetProperty("result").GetInt64()));
        Assert.DoesNotContain(kernels.EnumerateArray(), k => k.GetProperty("name").GetString()!.StartsWith("group:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_call_refuses_the_group_naming_the_call_and_a_group_of_an_unknown_kernel_names_the_kernel()
    {
        await using var silo = await SiloProcess.StartAsync();

        var bad = await silo.PostAsync("/api/jobs", new { kernel = "group:slowadd", parameters = new { members = new object[] { new { a = 1 }, new { a = "one" } } } }, HttpStatusCode.BadRequest);
        var unknown = await silo.PostAsync("/api/jobs", new { kernel = "group:slowad", parameters = new { members = new[] { new { a = 1 } } } }, HttpStatusCode.BadRequest);
        var empty = await silo.PostAsync("/api/jobs", new { kernel = "group:slowadd", parameters = new { members = Array.Empty<object>() } }, HttpStatusCode.BadRequest);

        Assert.True(bad.GetProperty("errors").TryGetProperty("members[1].a", out _), bad.ToString());
        Assert.Contains("did you mean 'slowadd'?", unknown.GetProperty("errors").GetProperty("kernel")[0].GetString(), StringComparison.Ordinal);
        Assert.True(empty.GetProperty("errors").TryGetProperty("members", out _), empty.ToString());
    }
}
