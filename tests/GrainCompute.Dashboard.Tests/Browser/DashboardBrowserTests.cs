using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GrainCompute.Dashboard.Tests.Browser;

/// <summary>The dashboard in a real (headless) browser, against real silos.</summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_job_started_through_the_api_shows_its_progress_bar_moving_to_100_percent()
    {
        await using var silo = await SiloProcess.StartAsync("--Silo:WorkerSlots=1");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.OpenAsync(new Uri(silo.Http.BaseAddress!, "/dashboard"));

        await page.Locator("#silos tr[data-status='active']").WaitForAsync();
        Assert.Equal(1, await page.Locator("#silos tbody tr").CountAsync());
        Assert.Contains("1", await page.Locator("#silos tr[data-status='active'] td").Nth(5).InnerTextAsync());

        // About 6 s of work on one worker slot: 30 chunks finishing one after another.
        var id = $"dash-{Guid.NewGuid():N}"[..16];
        await silo.PostAsync("/api/jobs", new { kernel = "montecarlo-pi", id, parameters = new { samples = 600_000_000 }, chunkSize = 20 }, HttpStatusCode.Accepted);
        await page.ClickAsync("a[data-tab='jobs']");
        await page.WaitForFunctionAsync(
            """
            id => {
              const row = document.querySelector(`#jobs tr[data-job="${id}"]`);
              if (!row) return false;
              const progress = Number(row.dataset.progress);
              (window.seenProgress ??= []).push(progress);
              return progress === 1;
            }
            """,
            id,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 });
        var seen = await page.EvaluateAsync<double[]>("() => window.seenProgress");
        output.WriteLine($"progress seen: {string.Join(", ", seen.Distinct())}");
        Assert.Contains(seen, p => p is > 0 and < 1);
        var row = page.Locator($"#jobs tr[data-job='{id}']");
        Assert.Equal("100%", await row.Locator(".pct").InnerTextAsync());
        Assert.Equal("completed", await row.GetAttributeAsync("data-state"));

        await row.Locator("a").ClickAsync();
        await page.Locator("#job-state[data-state='completed']").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#chunks tbody tr[data-state=\"done\"]').length === 30");
        Assert.True(await page.Locator("#chart-stream").IsVisibleAsync());
        output.WriteLine($"screenshot: {await BrowserSession.ScreenshotAsync(page, "job-page")}");

        await page.SetViewportSizeAsync(390, 844);
        await page.ClickAsync("a[data-tab='cluster']");
        await page.Locator("#silos tr[data-status='active']").WaitForAsync();
        // Charts resize a moment after the window does (debounced), so the page may be wider for a while: give the
        // layout a few seconds to settle before calling it too wide.
        try
        {
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth", null, new PageWaitForFunctionOptions { Timeout = 5_000, PollingInterval = 100 });
        }
        catch (PlaywrightException)
        {
            // Still too wide after the wait: the assertion below says by how much.
        }

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a 390 px window");
        output.WriteLine($"screenshot: {await BrowserSession.ScreenshotAsync(page, "cluster-narrow")}");
    }

    [Fact]
    public async Task A_killed_silo_of_two_is_marked_dead_on_the_survivors_dashboard()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        var survivor = await silos.StartAsync();
        var victim = await silos.StartAsync();
        using var http = new HttpClient { BaseAddress = victim };
        var victimAddress = (await http.GetFromJsonAsync<JsonElement>("/health/ready")).GetProperty("silo").GetString()!;
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.OpenAsync(new Uri(survivor, "/dashboard/"));

        await page.WaitForFunctionAsync("() => document.querySelectorAll('#silos tr[data-status=\"active\"]').length === 2");
        await silos.KillAsync(victimAddress);
        await page.Locator($"#silos tr[data-silo='{victimAddress}'][data-status='dead']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        Assert.Equal(1, await page.Locator("#silos tr[data-status='active']").CountAsync());
        output.WriteLine($"screenshot: {await BrowserSession.ScreenshotAsync(page, "silo-dead")}");
    }

    [Fact]
    public async Task A_silo_that_joins_with_another_version_of_a_kernel_is_called_out()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        var first = await silos.StartAsync("--Silo:SiloName=old", $"--Compute:KernelPacks:0={PackCompiler.Compile("Cube.Pack", TestPacks.Cube)}");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.OpenAsync(new Uri(first, "/dashboard/"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#silos tr[data-status=\"active\"]').length === 1");
        Assert.True(await page.Locator("#kernel-versions").IsHiddenAsync());

        await silos.StartAsync("--Silo:SiloName=new", $"--Compute:KernelPacks:0={PackCompiler.Compile("Cube.Pack", TestPacks.CubeRebuilt, version: "1.1.0.0")}");
        await page.Locator("#kernel-versions").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        var notice = await page.Locator("#kernel-versions").InnerTextAsync();
        Assert.Matches(@"Kernel cube differs between silos: 1\.0\.0\.0\+\w{12} on old; 1\.1\.0\.0\+\w{12} on new\.", notice);
        output.WriteLine($"screenshot: {await BrowserSession.ScreenshotAsync(page, "kernel-versions")}");
    }
}
