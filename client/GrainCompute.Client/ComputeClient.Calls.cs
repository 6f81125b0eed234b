using System.Text.Json;
using GrainCompute.Client.Transport;

namespace GrainCompute.Client;

public sealed partial class ComputeClient
{
    /// <summary>
    /// Runs one kernel call and returns its result — no job: nothing is stored, listed or kept after it answers, so a
    /// small call costs a round trip and the kernel's run, not a job's grain, store row and results stream. For many
    /// small futures one at a time (a closed loop, an RPC); <see cref="Task{TResult}"/> is the future (combine with
    /// <see cref="Task.WhenAll(Task[])"/>, <see cref="Task.WhenEach(Task[])"/>).
    /// </summary>
    /// <remarks>
    /// The call must fit one chunk of its kernel (larger work is a job, whose chunks spread over the cluster). This
    /// client owns it: a call whose silo is lost runs again on another (so at least once — kernels are pure), and one
    /// whose client goes away is gone with it. Cancelling <paramref name="cancellationToken"/> stops the running call.
    /// </remarks>
    /// <param name="kernel">Kernel name, as <see cref="KernelsAsync"/> lists them.</param>
    /// <param name="parameters">As in <see cref="SubmitAsync(string, object?, SubmitOptions?, CancellationToken)"/>, but no future among them.</param>
    /// <param name="timeout">How long the kernel may run; null: as long as it takes.</param>
    /// <returns>The kernel's result (its items, for a kernel whose result is its items) as JSON.</returns>
    /// <exception cref="ComputeTaskFailedException">The kernel failed or ran past <paramref name="timeout"/>.</exception>
    /// <exception cref="ComputeApiException">Unknown kernel, bad parameter (<see cref="ComputeApiException.Field"/> names it), a call larger than one chunk.</exception>
    public Task<JsonElement> CallAsync(string kernel, object? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync<JsonElement>(kernel, parameters, timeout, cancellationToken);

    /// <summary>Runs one kernel call like <see cref="CallAsync(string, object?, TimeSpan?, CancellationToken)"/>; its result is read as <typeparamref name="T"/>.</summary>
    /// <exception cref="ComputeTaskFailedException">The kernel failed or ran past <paramref name="timeout"/>.</exception>
    /// <exception cref="ComputeApiException">Unknown kernel, bad parameter (<see cref="ComputeApiException.Field"/> names it), a call larger than one chunk.</exception>
    public async Task<T> CallAsync<T>(string kernel, object? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernel);
        var outcome = await Transport.CallAsync(new CallBody(kernel, ParametersJson(parameters), timeout?.TotalSeconds), cancellationToken).ConfigureAwait(false);
        if (outcome.TryGetProperty("error", out var error))
        {
            var type = outcome.TryGetProperty("errorType", out var named) ? named.GetString() : "Exception";
            throw ComputeTaskFailedException.OfCall(kernel, $"{type}: {error.GetString()}");
        }

        var value = outcome.TryGetProperty("result", out var result) ? result : outcome.GetProperty("items");
        return value.Deserialize(ClientJson.Info<T>())!;
    }
}
