using System.Text.Json;

namespace GrainCompute.Client.Transport;

/// <summary>POST /api/jobs body.</summary>
internal sealed record SubmitJobRequest(string Kernel, JsonElement? Parameters, int? ChunkSize, string Id, JobOptions? Options);

/// <summary>POST /api/jobs/{id}/wait body.</summary>
internal sealed record WaitRequest(ReturnWhen ReturnWhen, double TimeoutSeconds);

/// <summary>An item of GET /api/jobs/{id}/results: its value as JSON text.</summary>
internal sealed record PageItem(long Index, long Seq, string? ValueJson, string? Error);

internal sealed record WirePage(IReadOnlyList<PageItem> Items, long NextOffset, bool Complete)
{
    public ResultsPage ToPage() => new(
        [.. Items.Select(i => new ResultItem(i.Index, i.Seq, i.ValueJson is null ? null : ClientJson.Parse(i.ValueJson), i.Error))],
        NextOffset,
        Complete);
}

/// <summary>RFC 9457 problem details as ASP.NET Core writes them.</summary>
internal sealed record ProblemDetailsBody(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);
