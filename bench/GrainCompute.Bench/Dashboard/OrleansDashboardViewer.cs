using System.Text.Json;

namespace GrainCompute.Bench.Dashboard;

/// <summary>
/// What an open Orleans dashboard tab (at /dashboard/orleans/) does to a silo, without a browser: it loads the page,
/// then once a second GETs DashboardCounters (silos and activations per grain type), ClusterStats and TopGrainMethods,
/// the overview's data, and parses each answer, until closed. While it asks, the Orleans dashboard's grain profiler
/// times every grain call on the silo (it profiles only while a dashboard asks).
/// </summary>
internal sealed class OrleansDashboardViewer : IAsyncDisposable
{
    private static readonly string[] Polled = ["DashboardCounters", "ClusterStats", "TopGrainMethods"];

    private readonly HttpClient _http;
    private readonly CancellationTokenSource _close = new();
    private Task _polling = Task.CompletedTask;
    private long _polls;
    private long _failures;

    private OrleansDashboardViewer(Uri dashboard) => _http = new HttpClient { BaseAddress = dashboard, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Rounds of the three requests answered and parsed so far.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>Requests that failed or did not parse (expected 0).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Opens the Orleans dashboard at <paramref name="dashboard"/> (ending in '/') and returns once its first poll was answered.</summary>
    public static async Task<OrleansDashboardViewer> OpenAsync(Uri dashboard)
    {
        var viewer = new OrleansDashboardViewer(dashboard);
        try
        {
            await viewer._http.GetStringAsync(new Uri("", UriKind.Relative));
            await viewer.PollAsync();
            viewer._polling = viewer.PollEverySecondAsync();
            return viewer;
        }
        catch
        {
            await viewer.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _close.CancelAsync();
        await _polling;
        _http.Dispose();
        _close.Dispose();
    }

    private async Task PollEverySecondAsync()
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await ticks.WaitForNextTickAsync(_close.Token))
            {
                try
                {
                    await PollAsync();
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !_close.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed.
        }
    }

    private async Task PollAsync()
    {
        foreach (var path in Polled)
        {
            using var answer = JsonDocument.Parse(await _http.GetStringAsync(new Uri(path, UriKind.Relative), _close.Token));
        }

        Interlocked.Increment(ref _polls);
    }
}
