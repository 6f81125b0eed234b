using System.Text.Json;
using GrainCompute.Grains.Placement;
using GrainCompute.Kernels;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// Runs calls: one kernel call, its whole work in one chunk, answered in the reply — no job grain, no store row,
/// no results stream. The call goes to the silo with the most room for it (as a job's chunks do) as a future
/// group of one (<see cref="FutureGroupKernel"/>), so its outcome has the group's JSON shape: <c>{"result": …}</c>,
/// <c>{"items": […]}</c> or <c>{"error": …, "errorType": …}</c>.
/// </summary>
/// <remarks>
/// The caller owns the call, as Ray's task owners do: nothing records it, so nothing is left behind, and the only
/// one who wants its result is the one waiting for it. A call whose silo is lost (dies, drains, drops the message)
/// is run again on another one, up to <see cref="MaxTries"/> times — kernels are pure functions of their
/// parameters, so at-least-once is safe for them; a caller that goes away takes its call with it. At most
/// <see cref="ComputeOptions.MaxPendingCalls"/> are under way through one silo; one more is a
/// <see cref="ComputeLimitException"/> (429), which clients retry.
/// </remarks>
public sealed class CallRunner
{
    /// <summary>Runs of a call on silos that were lost before the call is failed.</summary>
    public const int MaxTries = 3;

    private readonly ClusterWorkers _workers;
    private readonly WorkerPool _pool;
    private readonly RunningChunks _running;
    private readonly IGrainFactory _grains;
    private readonly ComputeOptions _options;
    private int _pending;

    internal CallRunner(ClusterWorkers workers, WorkerPool pool, RunningChunks running, IGrainFactory grains, ComputeOptions options)
    {
        (_workers, _pool, _running, _grains, _options) = (workers, pool, running, grains, options);
    }

    /// <summary>Calls under way through this silo now.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Runs <paramref name="kernel"/> once with <paramref name="parametersJson"/> (a JSON object, or null for its
    /// defaults, already checked by the caller where this silo has the kernel) and answers its outcome JSON.
    /// </summary>
    /// <param name="timeoutSeconds">How long the kernel may run; null: as long as it takes.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired: the running call was told to stop.</exception>
    public async Task<string> RunAsync(string kernel, string? parametersJson, double? timeoutSeconds, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _pending) > _options.MaxPendingCalls)
        {
            Interlocked.Decrement(ref _pending);
            throw new ComputeLimitException($"{_options.MaxPendingCalls} calls are under way through this silo, the most Compute:MaxPendingCalls allows. Try again when some have finished.");
        }

        try
        {
            var runId = $"call-{Guid.NewGuid():N}";
            var group = FutureGroupKernel.Prefix + kernel;
            // No job id: nothing of a job applies (its bound parameters are not cached for the chunks to come).
            var request = new ChunkRequest("", runId, group, null, $"{{\"members\":[{parametersJson ?? "null"}]}}", 0, 0, 1, timeoutSeconds);
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var silo = _workers.Pick(group, null) ?? _workers.Here;
                _workers.Sent(silo);
                try
                {
                    return OutcomeOf(await RunOnAsync(silo, request, cancellationToken).ConfigureAwait(false), cancellationToken);
                }
                catch (Exception exception) when (attempt < MaxTries && (ClusterWorkers.IsLostCall(exception) || exception is KernelUnavailableException))
                {
                    if (exception is not KernelUnavailableException)
                    {
                        _workers.Refused(silo); // passed over while it is remembered
                    }
                }
                finally
                {
                    _workers.Returned(silo);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>
    /// Runs the call's chunk on <paramref name="silo"/>'s workers, told to stop when <paramref name="cancellationToken"/>
    /// fires: this silo's own straight through its pool — a grain message to itself would only add a turn each way —
    /// another's through its worker grain.
    /// </summary>
    private async Task<ChunkOutcome> RunOnAsync(SiloAddress silo, ChunkRequest request, CancellationToken cancellationToken)
    {
        if (silo.Equals(_workers.Here))
        {
            using var stop = cancellationToken.Register(() => _running.Cancel(request.RunId));
            return await _pool.RunAsync(request, silo.ToString()).ConfigureAwait(false);
        }

        var worker = _grains.GetGrain<ISiloWorkerGrain>(SiloKey.Of(silo));
        using var cancel = cancellationToken.Register(() => _ = worker.CancelJob(request.RunId));
        return await worker.Run(request).ConfigureAwait(false);
    }

    private static string OutcomeOf(ChunkOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Cancelled)
        {
            throw new OperationCanceledException("the call was cancelled", cancellationToken);
        }

        if (outcome.Payload is { } payload)
        {
            return FutureGroupKernel.Outcomes(payload)[0];
        }

        // The run itself failed (timed out, its result too large, its parameters refused where they were bound):
        // the call's outcome, in the shape of a kernel's error.
        return JsonSerializer.Serialize(new { error = outcome.ErrorMessage, errorType = outcome.ErrorType });
    }
}
