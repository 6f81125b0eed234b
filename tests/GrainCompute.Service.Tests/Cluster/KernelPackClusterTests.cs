using System.Globalization;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace GrainCompute.Service.Tests.Cluster;

/// <summary>A kernel pack made from the template, outside the repository, loaded by three silo processes on PostgreSQL.</summary>
public sealed class KernelPackClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_silos_load_a_template_pack_and_its_job_runs_across_all_three()
    {
        var pack = await KernelPackBuilder.BuildAsync();
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        await silos.StartAsync($"--Compute:KernelPacks:0={pack.AssemblyPath}");
        await silos.StartAsync($"--Compute:KernelPacks:0={pack.Folder}");
        await silos.StartAsync($"--Compute:KernelPacks:0={pack.Folder}");
        using var http = new HttpClient { BaseAddress = silos.Gateways[0] };
        await Wait.UntilAsync(async () => (await ServingAsync(http, pack.KernelName)).Count == 3, "the three silos serve the pack's kernel", TimeSpan.FromSeconds(30));

        var serving = await ServingAsync(http, pack.KernelName);
        Assert.Single(serving.Select(s => s.GetProperty("version").GetString()).Distinct());
        const int n = 400_000;
        using (var submit = await http.PostAsJsonAsync("/api/jobs", new { kernel = pack.KernelName, id = "digits", parameters = new { n }, chunkSize = 2000 }))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        var outcome = await (await http.PostAsJsonAsync("/api/jobs/digits/wait", new { timeoutSeconds = 60 })).Content.ReadFromJsonAsync<JsonElement>();
        var status = outcome.GetProperty("status");
        output.WriteLine(status.ToString());
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(DigitSums(n).ToString(CultureInfo.InvariantCulture), status.GetProperty("resultJson").GetString());
        Assert.Equal(3, status.GetProperty("silos").GetArrayLength());
    }

    [Fact]
    public async Task A_kernel_no_active_silo_serves_is_a_400_that_says_so()
    {
        var pack = await KernelPackBuilder.BuildAsync();
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        await silos.StartAsync($"--Compute:KernelPacks:0={pack.Folder}");
        using var http = new HttpClient { BaseAddress = silos.Gateways[0] };

        using var response = await http.PostAsJsonAsync("/api/jobs", new { kernel = pack.KernelName + "s" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith($"no active silo serves kernel '{pack.KernelName}s'; did you mean '{pack.KernelName}'? served: ", problem.GetProperty("errors").GetProperty("kernel")[0].GetString());
    }

    private static async Task<List<JsonElement>> ServingAsync(HttpClient http, string kernel)
    {
        var kernels = await http.GetFromJsonAsync<JsonElement>("/api/kernels");
        return kernels.EnumerateArray().FirstOrDefault(k => k.GetProperty("name").GetString() == kernel) is { ValueKind: JsonValueKind.Object } found
            ? [.. found.GetProperty("silos").EnumerateArray()]
            : [];
    }

    /// <summary>The template kernel's result, computed here the plain way.</summary>
    private static long DigitSums(int n)
    {
        long total = 0;
        for (var i = 1; i <= n; i++)
        {
            for (var x = i; x > 0; x /= 10)
            {
                total += x % 10;
            }
        }

        return total;
    }
}
