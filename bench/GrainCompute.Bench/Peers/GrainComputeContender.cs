using System.Globalization;
using System.Text.Json;
using GrainCompute.Client;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// GrainCompute as a user runs it: jobs submitted through <see cref="ComputeClient"/> and their results read back,
/// against an embedded silo (<see cref="ComputeClient.StartLocalAsync"/>, its grains in-process) or a silo process over HTTP or through
/// its Orleans gateway (<see cref="ComputeClient.ConnectGatewayAsync(IReadOnlyList{string}, string, ComputeClientOptions?, CancellationToken)"/>). The clock
/// covers submit → result in this process; the cluster is started once, before any clock.
/// </summary>
internal sealed class GrainComputeContender(string name, Func<Task<GrainComputeTarget>> start, PeerSettings settings) : IPeerContender, IAsyncDisposable
{
    private Task<GrainComputeTarget>? _target;

    public string Name => name;

    public bool IsPython => false;

    public async Task<PeerMeasurement> MeasureAsync(PeerWorkload workload, CancellationToken cancellationToken = default)
    {
        GrainComputeTarget target;
        try
        {
            target = await (_target ??= start());
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or ComputeUnreachableException)
        {
            return PeerMeasurement.Unavailable($"could not start: {e.Message}");
        }

        var client = target.Client;
        if (workload.Kind == PeerWorkloadKind.SubmitAll)
        {
            var measured = await GrainComputeSubmitAll.MeasureAsync(target, workload, settings, cancellationToken);
            // Its silo now holds some 10⁵ finished jobs for their retention, each with a keep-alive timer: left running,
            // it kept most of a core busy while the contenders after it were measured (2026-12-01). A fresh one later.
            await DisposeAsync();
            return measured;
        }

        if (workload.Kind == PeerWorkloadKind.Futures)
        {
            var measured = await FuturesAsync(client, cancellationToken);
            // The same: its silo holds the loop's finished jobs, and this process hosts the next contenders' clients.
            await DisposeAsync();
            return measured;
        }

        return workload.Kind switch
        {
            PeerWorkloadKind.Batch => await TimedRuns.MeasureAsync(() => MapNoopAsync(client, workload, cancellationToken), settings.Repeats, note: "one job, chunkSize 1 (a chunk per task), MapAsync"),
            _ => await TimedRuns.MeasureAsync(() => RunJobAsync(client, workload, cancellationToken), settings.Repeats),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_target is { IsCompletedSuccessfully: true })
        {
            await _target.Result.DisposeAsync();
        }

        _target = null;
    }

    private static async Task<string?> RunJobAsync(ComputeClient client, PeerWorkload workload, CancellationToken cancellationToken)
    {
        if (workload.Id == "sumprimes")
        {
            // No reduction: the three sums are the items.
            var sums = new List<long>();
            await foreach (var sum in client.MapAsync<long>(workload.Kernel, workload.Parameters, cancellationToken: cancellationToken))
            {
                sums.Add(sum);
            }

            return string.Join(", ", sums);
        }

        var job = await client.SubmitAsync(workload.Kernel, workload.Parameters, cancellationToken: cancellationToken);
        return PeerResults.FromJson(workload, await job.ResultAsync<JsonElement>(cancellationToken));
    }

    private static async Task<string?> MapNoopAsync(ComputeClient client, PeerWorkload workload, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in client.MapAsync<int>(workload.Kernel, workload.Parameters, chunkSize: 1, cancellationToken))
        {
            count++;
        }

        return count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// How long each way of the closed loop runs before it is measured: the JIT's tiers (tier 0, instrumented, then
    /// optimized with PGO) take seconds to settle on two busy cores — a loop of embedded calls ran 5,600/s over its
    /// first 40,000 calls, 10,900/s over the next and ~30,000/s from the fourth 40,000 on (2026-12-01) — while the
    /// Python peers run interpreted from the start. A service lives long past its first ten seconds.
    /// </summary>
    public static readonly TimeSpan FuturesWarmUp = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The closed loop twice: a call per future (CallAsync), then a job per future (SubmitAsync + result). Calls
    /// first: they leave nothing on the silo, while the jobs' finished grains stay active for their retention.
    /// </summary>
    private async Task<PeerMeasurement> FuturesAsync(ComputeClient client, CancellationToken cancellationToken)
    {
        Task Call(CancellationToken ct) => client.CallAsync("noop", new { n = 1 }, cancellationToken: ct);

        async Task Job(CancellationToken ct)
        {
            var job = await client.SubmitAsync("noop", new { n = 1 }, cancellationToken: ct);
            await job.ResultAsync<JsonElement>(ct);
        }

        await FuturesLoop.RunAsync(Call, settings.Inflight, FuturesWarmUp, cancellationToken: cancellationToken);
        var calls = await FuturesLoop.RunAsync(Call, settings.Inflight, settings.NoopWindow, "a call per future: CallAsync, no job", cancellationToken);
        await FuturesLoop.RunAsync(Job, settings.Inflight, FuturesWarmUp, cancellationToken: cancellationToken);
        var jobs = await FuturesLoop.RunAsync(Job, settings.Inflight, settings.NoopWindow, "a job per future: submit + result", cancellationToken);
        return jobs with { Calls = calls };
    }
}
