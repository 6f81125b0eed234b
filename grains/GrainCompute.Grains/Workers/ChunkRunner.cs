using System.Diagnostics;
using GrainCompute.Grains.Telemetry;
using GrainCompute.Kernels;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// Runs one chunk and turns every way it can end into a <see cref="ChunkOutcome"/>: a kernel's exception is
/// the chunk's failure, never the worker's ("a broken worker never breaks the pool"). Each run is a <c>chunk</c>
/// span (a child of the job grain's call, so of the HTTP request that submitted the job) and a metrics record.
/// </summary>
internal sealed class ChunkRunner(KernelCatalog catalog, RunningChunks running, BoundParameters parameters, ComputeOptions limits, ComputeMetrics metrics)
{
    public async Task<ChunkOutcome> RunAsync(ChunkRequest request, string silo, string worker)
    {
        using var span = ComputeTelemetry.Source.StartActivity("chunk");
        span?.SetTag("graincompute.job", request.JobId);
        span?.SetTag("graincompute.kernel", request.Kernel);
        span?.SetTag("graincompute.chunk", request.Index);
        span?.SetTag("graincompute.silo", silo);
        span?.SetTag("graincompute.worker", worker);
        var outcome = await RunCoreAsync(request, silo, worker);
        metrics.ChunkRan(request.Kernel, outcome, request.Count);
        if (outcome.ErrorType is not null)
        {
            span?.SetStatus(ActivityStatusCode.Error, outcome.ErrorMessage);
        }

        return outcome;
    }

    private async Task<ChunkOutcome> RunCoreAsync(ChunkRequest request, string silo, string worker)
    {
        var started = Stopwatch.GetTimestamp();
        var runCancelled = running.Enter(request.RunId);
        try
        {
            return await RunKernelAsync(request, silo, worker, started, runCancelled);
        }
        finally
        {
            running.Leave(request.RunId);
        }
    }

    private async Task<ChunkOutcome> RunKernelAsync(ChunkRequest request, string silo, string worker, long started, CancellationToken runCancelled)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(runCancelled);
        if (request.TimeoutSeconds is { } seconds)
        {
            limit.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        ChunkOutcome Outcome(byte[]? payload, Exception? error = null, bool cancelled = false) =>
            new(payload, error?.GetType().Name, error?.Message, cancelled, silo, worker, Stopwatch.GetElapsedTime(started).TotalSeconds);

        try
        {
            limit.Token.ThrowIfCancellationRequested();
            var kernel = catalog.Get(request.Kernel);
            var bound = parameters.Bind(request.JobId, kernel, request.ParametersJson);
            var payload = await kernel.RunChunkAsync(bound, request.Start, request.Count, limit.Token);
            // Checked here, before the payload travels to the job grain: a message that large would hurt both silos.
            return payload.Length > limits.MaxChunkResultBytes
                ? Outcome(null, new ResultTooLargeException($"chunk {request.Index}'s results are {payload.Length} bytes; at most {limits.MaxChunkResultBytes} are allowed per chunk (Compute:MaxChunkResultBytes): use a smaller chunkSize than {request.Count}"))
                : Outcome(payload);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            return runCancelled.IsCancellationRequested
                ? Outcome(null, cancelled: true)
                : Outcome(null, new TimeoutException($"chunk {request.Index} ran longer than its {request.TimeoutSeconds} s timeout"));
        }
        catch (Exception exception)
        {
            return Outcome(null, exception);
        }
    }
}
