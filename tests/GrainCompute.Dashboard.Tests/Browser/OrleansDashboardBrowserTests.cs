using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GrainCompute.Dashboard.Tests.Browser;

/// <summary>Both dashboards in a real (headless) browser while a job runs: the Orleans one at /dashboard/orleans/ and ours, linked.</summary>
public sealed class OrleansDashboardBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task While_a_job_runs_the_orleans_page_lists_its_job_and_worker_grains_and_both_pages_read_in_a_narrow_window()
    {
        await using var silo = await SiloProcess.StartAsync("--Silo:WorkerSlots=2", "--Silo:SiloName=silo-a", "--Api:ApiKey=s3cret");
        silo.Http.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");
        await using var browser = await BrowserSession.StartAsync();

        // About 20 s of work on two worker slots, so the pages are taken mid-job.
        var id = $"orl-{Guid.NewGuid():N}"[..16];
        await silo.PostAsync("/api/jobs", new { kernel = "montecarlo-pi", id, parameters = new { samples = 2_000_000_000 }, chunkSize = 20 }, HttpStatusCode.Accepted);

        // Ours first: the key entered there is what lets the Orleans page's own requests through.
        var page = await browser.OpenAsync(new Uri(silo.Http.BaseAddress!, "/dashboard/"), 1280, 800);
        await page.Locator("#key-form").WaitForAsync();
        await page.FillAsync("#key-input", "s3cret");
        await page.ClickAsync("#key-form button[type='submit']");
        await page.Locator("#silos tr[data-status='active']").WaitForAsync();
        await page.ClickAsync("a[data-tab='jobs']");
        await page.Locator($"#jobs tr[data-job='{id}'][data-state='running']").WaitForAsync();
        await page.WaitForFunctionAsync($"() => Number(document.querySelector(`#jobs tr[data-job='{id}']`).dataset.progress) > 0", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        output.WriteLine($"screenshot: {await BrowserSession.ScreenshotForDocsAsync(page, "dashboard-jobs")}");

        await page.ClickAsync("#orleans-link");
        await page.WaitForURLAsync("**/dashboard/orleans/**");
        await page.GotoAsync(new Uri(silo.Http.BaseAddress!, "/dashboard/orleans/#/grains").ToString());
        await page.WaitForFunctionAsync(
            "() => document.body.innerText.includes('JobGrain') && document.body.innerText.includes('SiloWorkerGrain')",
            null,
            new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 250 });
        Assert.Equal("running", (await silo.GetAsync($"/api/jobs/{id}")).GetProperty("state").GetString());
        output.WriteLine($"screenshot: {await BrowserSession.ScreenshotForDocsAsync(page, "orleans-dashboard-grains")}");

        await page.GotoAsync(new Uri(silo.Http.BaseAddress!, "/dashboard/orleans/#/silos").ToString());
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('127.0.0.1')", null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 250 });
        output.WriteLine($"screenshot: {await BrowserSession.ScreenshotForDocsAsync(page, "orleans-dashboard-silos")}");

        // A phone-sized window: the grain list is still there to read, on the Orleans page and on ours.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(new Uri(silo.Http.BaseAddress!, "/dashboard/orleans/#/grains").ToString());
        var grain = page.GetByText("JobGrain").First;
        await grain.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var box = await grain.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 0 && box.X >= 0 && box.X < 390, $"JobGrain is drawn at x={box.X}, width {box.Width}, outside a 390 px window");
        output.WriteLine($"screenshot: {await BrowserSession.ScreenshotForDocsAsync(page, "orleans-dashboard-narrow")}");

        await page.GotoAsync(new Uri(silo.Http.BaseAddress!, "/dashboard/#/jobs").ToString());
        await page.Locator($"#jobs tr[data-job='{id}']").WaitForAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"our jobs page is {overflow} px wider than a 390 px window");
        await silo.PostAsync($"/api/jobs/{id}/cancel", new { }, HttpStatusCode.OK);
    }
}
