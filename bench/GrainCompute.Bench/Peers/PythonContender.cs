using System.Globalization;
using System.Text.Json;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// A seed's Python tool, run as a script with the system interpreter (bench/python/peer_*.py): one process per
/// workload that starts its pool before the clock, warms it on a small size, then times the runs and prints one
/// JSON line. A run past the cap is stopped and the cell shows a lower bound.
/// </summary>
/// <param name="clientSilo">For GrainCompute's own Python client: the silo it talks to, whose address the script gets in its environment; it runs the futures workloads only.</param>
internal sealed class PythonContender(PythonTool tool, PythonProbe probe, string scriptDirectory, PeerSettings settings, PythonClientSilo? clientSilo = null) : IPeerContender
{
    public string Name => tool.Name;

    public bool IsPython => tool.SeedTool;

    public async Task<PeerMeasurement> MeasureAsync(PeerWorkload workload, CancellationToken cancellationToken = default)
    {
        if (await probe.MissingAsync(tool) is { } missing)
        {
            return PeerMeasurement.Unavailable(missing);
        }

        if (clientSilo is not null && workload.Kind is not (PeerWorkloadKind.SubmitAll or PeerWorkloadKind.Futures or PeerWorkloadKind.Batch))
        {
            return PeerMeasurement.Unavailable("the Python client row measures futures (submit-all, noop) and map (noop map) only");
        }

        var environment = clientSilo is null ? null : await clientSilo.EnvironmentAsync();

        var script = Path.Combine(scriptDirectory, tool.Script);
        if (!File.Exists(script))
        {
            return PeerMeasurement.Unavailable($"{script} not found: run from the repository root or pass --python-dir");
        }

        var cores = settings.Cores.ToString(CultureInfo.InvariantCulture);
        string[] scriptArguments =
        [
            script, workload.PythonWorkload, workload.PythonSize,
            "--warmup", workload.PythonWarmup,
            // Submit-all's rounds are short and the issue asks for the median of the same rounds everywhere.
            "--repeats", (workload.Kind == PeerWorkloadKind.SubmitAll ? settings.Repeats : settings.PythonRepeats).ToString(CultureInfo.InvariantCulture),
            "--workers", cores,
            "--inflight", settings.Inflight.ToString(CultureInfo.InvariantCulture),
        ];
        var run = tool.UnderMpi
            ? await ChildProcess.RunAsync("mpiexec", ["-n", (settings.Cores + 1).ToString(CultureInfo.InvariantCulture), "--oversubscribe", "--bind-to", "none", probe.Python, "-m", "mpi4py.futures", .. scriptArguments], settings.Cap, scriptDirectory, MpiContender.Environment)
            : await ChildProcess.RunAsync(probe.Python, scriptArguments, settings.Cap, scriptDirectory, environment);
        if (clientSilo is not null && workload.Kind == PeerWorkloadKind.SubmitAll)
        {
            // As GrainComputeContender does: a silo holding the round's jobs would load the contenders after it.
            await clientSilo.DisposeAsync();
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (run.Stopped && workload.Kind == PeerWorkloadKind.SubmitAll && run.LastJsonLine is { } partial)
        {
            // The script reports after each round: the rounds that finished before the cap still count, and say so.
            using var rounds = JsonDocument.Parse(partial);
            var measured = SubmitAll(workload, rounds.RootElement, rounds.RootElement.GetProperty("startupSeconds").GetDouble(), null);
            return measured.NotAvailable is null
                ? measured with { Note = $"{measured.Note}; stopped at the {settings.Cap.TotalSeconds:0} s cap after {measured.Runs.Count} of {settings.Repeats} rounds" }
                : new PeerMeasurement { StoppedAfter = settings.Cap.TotalSeconds, Note = $"stopped after {settings.Cap.TotalSeconds:0} s (pool start and warm-up included)" };
        }

        if (run.Stopped)
        {
            return new PeerMeasurement { StoppedAfter = settings.Cap.TotalSeconds, Note = $"stopped after {settings.Cap.TotalSeconds:0} s (pool start and warm-up included)" };
        }

        if (run.ExitCode != 0 || run.LastJsonLine is not { } line)
        {
            return PeerMeasurement.Unavailable($"the script failed: {run.Failure}");
        }

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var startup = root.GetProperty("startupSeconds").GetDouble();
        var note = root.TryGetProperty("note", out var n) ? n.GetString() : null;
        if (workload.Kind == PeerWorkloadKind.Futures)
        {
            if (!root.TryGetProperty("futuresPerSecond", out var rate))
            {
                return PeerMeasurement.Unavailable(note ?? "no futures measured");
            }

            return new PeerMeasurement
            {
                Runs = [.. root.GetProperty("seconds").EnumerateArray().Select(e => e.GetDouble())],
                FuturesPerSecond = rate.GetDouble(),
                P50Milliseconds = root.TryGetProperty("p50Ms", out var p50) ? p50.GetDouble() : null,
                P99Milliseconds = root.TryGetProperty("p99Ms", out var p99) ? p99.GetDouble() : null,
                Result = root.GetProperty("result").GetRawText(),
                StartupSeconds = startup,
                Note = note,
            };
        }

        if (workload.Kind == PeerWorkloadKind.SubmitAll)
        {
            return SubmitAll(workload, root, startup, note);
        }

        var runs = root.GetProperty("seconds").EnumerateArray().Select(e => e.GetDouble()).ToList();
        return PeerMeasurement.FromRuns(runs, PeerResults.FromJson(workload, root.GetProperty("result")), note) with { StartupSeconds = startup };
    }

    /// <summary>The script's rounds: futures/s from their median, the results it checked, the pool's peak RSS (parent and workers).</summary>
    private static PeerMeasurement SubmitAll(PeerWorkload workload, JsonElement root, double startup, string? note)
    {
        note ??= root.TryGetProperty("note", out var n) ? n.GetString() : null;
        if (!root.TryGetProperty("seconds", out var seconds))
        {
            return PeerMeasurement.Unavailable(note ?? "no futures measured");
        }

        var measured = PeerMeasurement.FromRuns([.. seconds.EnumerateArray().Select(e => e.GetDouble())], root.GetProperty("result").GetRawText(), note);
        var futures = root.GetProperty("futures").GetInt64();
        var right = root.GetProperty("right").GetInt64();
        return measured with
        {
            FuturesPerSecond = workload.Futures / measured.Median,
            Tally = new FuturesTally(futures, right, futures - right, 0),
            PeakRssMiB = root.TryGetProperty("peakRssMiB", out var rss) && rss.ValueKind == JsonValueKind.Number ? rss.GetDouble() : null,
            StartupSeconds = startup,
        };
    }
}
