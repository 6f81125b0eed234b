using System.Text.Json;
using GrainCompute.Console.Output;

namespace GrainCompute.Client.Tests.Console.Output;

public sealed class JobJsonTests
{
    [Fact]
    public void Of_CompletedJob_HasTheResultAsAJsonValueWhereResultJsonWas()
    {
        var status = Status(JobState.Completed, """{"n":97,"isPrime":true,"factor":null}""");

        using var document = JsonDocument.Parse(Formats.Serialize(JobJson.Of(status)));

        var result = document.RootElement.GetProperty("result");
        Assert.True(result.GetProperty("isPrime").GetBoolean());
        Assert.Equal(97, result.GetProperty("n").GetInt64());
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain("resultJson", names);
        Assert.Equal(names.IndexOf("finished") + 1, names.IndexOf("result"));
    }

    [Fact]
    public void Of_NumberResult_IsANumber()
    {
        using var document = JsonDocument.Parse(Formats.Serialize(JobJson.Of(Status(JobState.Completed, "19"))));

        Assert.Equal(19, document.RootElement.GetProperty("result").GetInt32());
    }

    [Fact]
    public void Of_RunningJob_HasANullResult()
    {
        using var document = JsonDocument.Parse(Formats.Serialize(JobJson.Of(Status(JobState.Running, null))));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("result").ValueKind);
    }

    [Fact]
    public void Serialize_Job_WritesEnumsCamelCaseAndDatesAsTheyAre()
    {
        var json = Formats.Serialize(JobJson.Of(Status(JobState.Completed, "19")));

        Assert.Contains("\"state\": \"completed\"", json, StringComparison.Ordinal);
        Assert.Contains("+00:00\"", json, StringComparison.Ordinal);
    }

    private static JobStatus Status(JobState state, string? resultJson)
    {
        var submitted = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var finished = state == JobState.Completed;
        return new JobStatus(
            "job-1", "isprime", state, 4, 2, finished ? 2 : 1, 0, 0, finished ? 0 : 1, finished ? 4 : 2,
            submitted, submitted, finished ? submitted.AddSeconds(1) : null, resultJson, false, null, [], [], "silo-1");
    }
}
