using System.Net.Http.Json;

namespace GrainCompute.Service.Tests.Telemetry;

/// <summary>The job state log lines of a real silo process, in the JSON console format a log shipper reads.</summary>
public sealed class JobLogTests
{
    [Fact]
    public async Task A_silo_started_with_the_json_console_formatter_writes_one_json_line_per_job_state_with_job_kernel_and_silo()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        var api = await silos.StartAsync("--Logging:Console:FormatterName=json", "--Logging:LogLevel:GrainCompute=Information");
        using var http = new HttpClient { BaseAddress = api };
        var silo = (await http.GetFromJsonAsync<JsonElement>("/health/ready")).GetProperty("silo").GetString();
        var id = $"log-{Guid.NewGuid():N}"[..16];

        using var submitted = await http.PostAsJsonAsync("/api/jobs", new { kernel = "slowinc", id, parameters = new { count = 2, delay = 0.05 }, chunkSize = 1 });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        List<JsonElement> states = [];
        await Wait.UntilAsync(() =>
        {
            states = [.. silos.OutputOf(api).Select(Parse).Where(e => e.GetProperty("EventId").GetInt32() == 2007 && e.GetProperty("State").GetProperty("Job").GetString() == id)];
            return Task.FromResult(states.Any(s => s.GetProperty("State").GetProperty("State").GetString() == "completed"));
        }, $"the silo logs job {id} completed", TimeSpan.FromSeconds(30), () => string.Join('\n', silos.OutputOf(api).TakeLast(5)));

        Assert.Equal(["running", "completed"], states.Select(s => s.GetProperty("State").GetProperty("State").GetString()));
        Assert.All(states, s =>
        {
            Assert.Equal("Information", s.GetProperty("LogLevel").GetString());
            Assert.Equal("GrainCompute.Grains.Jobs.JobGrain", s.GetProperty("Category").GetString());
            Assert.Equal("slowinc", s.GetProperty("State").GetProperty("Kernel").GetString());
            Assert.Equal(silo, s.GetProperty("State").GetProperty("Silo").GetString());
        });
    }

    /// <summary>Every line of the process's stdout is one JSON object: a line that is not fails the test here.</summary>
    private static JsonElement Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException exception)
        {
            Assert.Fail($"stdout line is not JSON ({exception.Message}): {line}");
            throw;
        }
    }
}
