using System.Globalization;
using System.Text.Json;
using GrainCompute.Kernels;
using GrainCompute.Mpi.Sidecar;
using Microsoft.Extensions.Logging;

namespace GrainCompute.Grains.Mpi;

/// <summary>
/// This silo's MPI sidecar (<c>graincompute-mpi serve</c>, at <see cref="ComputeOptions.MpiSidecarUrl"/>): where the
/// <c>mpi-*</c> kernels send their one run request. Turns every way a run can go wrong into one sentence.
/// </summary>
/// <remarks>
/// Failure model: the sidecar enforces the run's time limit itself and answers 504; the silo only guards against a
/// sidecar that never answers, with the run's limit plus a margin. Cancelling the job cancels the HTTP call, the
/// sidecar sees its request aborted and kills mpiexec with its ranks. Nothing is retried here: a busy sidecar is
/// the job's failure, and the job's own <c>retries</c> decide whether to try again.
/// </remarks>
internal sealed class MpiSidecar : IDisposable
{
    private static readonly TimeSpan _answerMargin = TimeSpan.FromSeconds(30);
    private readonly HttpClient? _http;
    private readonly MpiSidecarClient? _client;
    private readonly ILogger<MpiSidecar> _logger;

    public MpiSidecar(ComputeOptions options, ILogger<MpiSidecar> logger)
    {
        _logger = logger;
        Address = options.MpiSidecarUri;
        if (Address is not null)
        {
            // The time limit is per run (below), not per client: runs may legitimately take minutes.
            _http = new HttpClient { BaseAddress = Address, Timeout = Timeout.InfiniteTimeSpan };
            _client = new MpiSidecarClient(_http);
        }
    }

    /// <summary>The sidecar's base address; null when this silo has none.</summary>
    public Uri? Address { get; }

    /// <summary>The one-line refusal for a silo without a sidecar; a 400 at submit, naming the setting.</summary>
    public static KernelParameterException NotConfigured(string kernel) => new(
        "kernel",
        $"kernel '{kernel}' runs on an MPI sidecar and this silo has none: set Compute:MpiSidecarUrl (GRAINCOMPUTE__COMPUTE__MPISIDECARURL) to where `graincompute-mpi serve` listens, e.g. http://127.0.0.1:5090/");

    /// <summary>Runs the example and returns the sidecar's result; throws <see cref="MpiRunFailedException"/> saying why not.</summary>
    public async Task<MpiRunResult> RunAsync(string kernel, MpiRunRequest request, CancellationToken cancellationToken)
    {
        var client = _client ?? throw NotConfigured(kernel);
        var limit = TimeSpan.FromSeconds(request.TimeoutSeconds ?? 60) + _answerMargin;
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answer.CancelAfter(limit);
        _logger.MpiRunRequested(kernel, request.Example, request.Ranks, Address!);
        MpiRunResult run;
        try
        {
            run = await client.RunAsync(request, answer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(kernel, $"MPI sidecar {Address} did not answer within {limit.TotalSeconds:0} s (the run's limit plus {_answerMargin.TotalSeconds:0} s)");
        }
        catch (HttpRequestException exception)
        {
            throw Failed(kernel, $"MPI sidecar {Address} is not reachable ({exception.Message}); start `graincompute-mpi serve` there or fix Compute:MpiSidecarUrl", exception);
        }
        catch (JsonException exception)
        {
            throw Failed(kernel, $"MPI sidecar {Address} sent an answer that is not a run result: {exception.Message}", exception);
        }
        catch (MpiSidecarException exception)
        {
            throw Failed(kernel, exception.StatusCode switch
            {
                429 => $"MPI sidecar {Address} is busy ({exception.Detail ?? exception.Title}); submit the job again later",
                504 => $"MPI run timed out in the sidecar: {exception.Detail ?? exception.Title}",
                400 => $"MPI sidecar {Address} refused the run: {exception.Detail ?? exception.Title}",
                _ => $"MPI sidecar {Address} answered {exception.StatusCode}: {exception.Message}",
            }, exception);
        }

        if (!run.Succeeded)
        {
            throw Failed(kernel, string.Create(CultureInfo.InvariantCulture,
                $"MPI run of '{run.Example}' on {run.Ranks} ranks failed with exit code {run.ExitCode}: {run.Error ?? "no error message"}"));
        }

        _logger.MpiRunFinished(kernel, run.Example, run.Ranks, run.WallSeconds);
        return run;
    }

    public void Dispose() => _http?.Dispose();

    private MpiRunFailedException Failed(string kernel, string message, Exception? inner = null)
    {
        _logger.MpiRunFailed(kernel, message);
        return new MpiRunFailedException(message, inner);
    }
}
