using System.Text.Json;

namespace GrainCompute.Client.Transport;

/// <summary>POST /api/jobs body.</summary>
internal sealed record SubmitJobRequest(string Kernel, JsonElement? Parameters, int? ChunkSize, string Id, JobOptions? Options);

/// <summary>POST /api/calls body.</summary>
internal sealed record CallBody(string Kernel, JsonElement? Parameters, double? TimeoutSeconds);

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

/// <summary>POST /api/jobs/batch body: each entry as in POST /api/jobs.</summary>
internal sealed record SubmitBatchRequest(IReadOnlyList<SubmitJobRequest> Jobs);

/// <summary>POST /api/jobs/batch answer: each job's status, in request order.</summary>
internal sealed record SubmitBatchAnswer(IReadOnlyList<JobStatus> Jobs);

/// <summary>POST /api/jobs/wait body: wait on many jobs at once.</summary>
internal sealed record WaitManyRequest(IReadOnlyList<string> Ids, ReturnWhen ReturnWhen, double TimeoutSeconds);

/// <summary>POST /api/jobs/wait answer: the final statuses of the finished jobs and the ids of the others.</summary>
internal sealed record WaitManyAnswer(bool Satisfied, IReadOnlyList<JobStatus> Done, IReadOnlyList<string> NotDone);

/// <summary>POST /api/jobs/completions body: the jobs whose final statuses to stream (NDJSON) as they finish.</summary>
internal sealed record CompletionsRequest(IReadOnlyList<string> Ids);
