using System.Net.Http.Json;
using System.Text.Json;

namespace GrainCompute.Mpi.Sidecar;

/// <summary>
/// Typed client for <c>graincompute-mpi serve</c>. Give it an <see cref="HttpClient"/> whose BaseAddress is the
/// sidecar (e.g. <c>http://127.0.0.1:5090/</c>) and whose Timeout exceeds the runs' time limits.
/// </summary>
public sealed class MpiSidecarClient(HttpClient http)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs an example; a run that failed in its ranks returns with Succeeded false (see <see cref="MpiRunResult.EnsureSucceeded"/>).</summary>
    /// <exception cref="MpiSidecarException">The sidecar refused the run (400, 429/503 busy) or it hit its time limit (504).</exception>
    public async Task<MpiRunResult> RunAsync(MpiRunRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("runs", request, _json, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<MpiRunResult>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MpiExampleInfo>> GetExamplesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri("examples", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<MpiExampleInfo>>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the sidecar answers <c>GET /health</c> with success.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var problem = await TryReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
            var detail = problem.Errors is { Count: > 0 } errors
                ? string.Join("; ", errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")))
                : problem.Detail;
            throw new MpiSidecarException((int)response.StatusCode, problem.Title ?? response.ReasonPhrase ?? "MPI sidecar error", detail);
        }

        return await response.Content.ReadFromJsonAsync<T>(_json, cancellationToken).ConfigureAwait(false)
            ?? throw new MpiSidecarException((int)response.StatusCode, "MPI sidecar returned an empty body", null);
    }

    private static async Task<Problem> TryReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(_json, cancellationToken).ConfigureAwait(false) ?? new Problem(null, null, null);
        }
        catch (JsonException)
        {
            return new Problem(null, null, null);
        }
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
