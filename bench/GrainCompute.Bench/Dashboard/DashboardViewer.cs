using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GrainCompute.Bench.Dashboard;

/// <summary>
/// What an open dashboard tab does to a silo, without a browser: it loads the page and the files the page names,
/// GET api/settings once, then reads GET api/events (Server-Sent Events, one "update" a second) and parses every
/// update, until closed; when the stream drops it reconnects after 2 s. That is all the page requests
/// (wwwroot/dashboard/dashboard.js polls nothing), so this costs the silo what a tab on the cluster view costs it,
/// minus the browser's own rendering, which runs on the viewer's machine, not the silo's.
/// </summary>
internal sealed partial class DashboardViewer : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly HttpClient _http;
    private readonly CancellationTokenSource _close = new();
    private readonly TaskCompletionSource _firstUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;
    private long _updates;
    private long _updateBytes;
    private long _reconnects;
    private long _pageBytes;

    private DashboardViewer(Uri dashboard) =>
        _http = new HttpClient { BaseAddress = dashboard, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Updates received and parsed so far.</summary>
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Bytes of update JSON received so far.</summary>
    public long UpdateBytes => Interlocked.Read(ref _updateBytes);

    /// <summary>Times the stream dropped and was opened again.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Bytes of the page, its files and the settings, loaded once on open.</summary>
    public long PageBytes => _pageBytes;

    /// <summary>Opens the dashboard at <paramref name="dashboard"/> (ending in '/') and returns once the first update arrived.</summary>
    public static async Task<DashboardViewer> OpenAsync(Uri dashboard, TimeSpan firstUpdateTimeout)
    {
        var viewer = new DashboardViewer(dashboard);
        try
        {
            await viewer.LoadPageAsync();
            viewer._reading = viewer.ReadEventsAsync();
            await viewer._firstUpdate.Task.WaitAsync(firstUpdateTimeout);
            return viewer;
        }
        catch (TimeoutException)
        {
            await viewer.DisposeAsync();
            throw new TimeoutException($"the dashboard at {dashboard} sent no update within {firstUpdateTimeout.TotalSeconds:0} s of opening api/events");
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
        await _reading;
        _http.Dispose();
        _close.Dispose();
    }

    private async Task LoadPageAsync()
    {
        var page = await _http.GetStringAsync(new Uri("", UriKind.Relative));
        long bytes = Encoding.UTF8.GetByteCount(page);
        foreach (var asset in PageFiles().Matches(page).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            bytes += (await _http.GetByteArrayAsync(new Uri(asset, UriKind.Relative))).Length;
        }

        var settings = await _http.GetStringAsync(new Uri("api/settings", UriKind.Relative));
        using (JsonDocument.Parse(settings))
        {
            bytes += settings.Length;
        }

        _pageBytes = bytes;
    }

    private async Task ReadEventsAsync()
    {
        while (!_close.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/events", UriKind.Relative));
                request.Headers.Accept.ParseAdd("text/event-stream");
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _close.Token);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_close.Token));
                var data = new StringBuilder();
                while (await reader.ReadLineAsync(_close.Token) is { } line)
                {
                    if (line.Length == 0)
                    {
                        if (data.Length > 0)
                        {
                            OnUpdate(data.ToString());
                            data.Clear();
                        }
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data.Append(line, 6, line.Length - 6);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException or JsonException)
            {
                if (_close.IsCancellationRequested)
                {
                    return;
                }
            }

            Interlocked.Increment(ref _reconnects);
            try
            {
                await Task.Delay(ReconnectDelay, _close.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnUpdate(string json)
    {
        // Parse it as the page does (JSON.parse).
        using var update = JsonDocument.Parse(json);

        Interlocked.Add(ref _updateBytes, json.Length);
        Interlocked.Increment(ref _updates);
        _firstUpdate.TrySetResult();
    }

    // The stylesheet and scripts index.html names (relative URLs; in-page anchors, absolute URLs and folders, like
    // the Orleans dashboard's orleans/, are not files).
    [GeneratedRegex("(?:src|href)=\"(?!#|[a-z]+:|/)([^\"]*[^\"/])\"")]
    private static partial Regex PageFiles();
}
