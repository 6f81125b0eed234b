using System.Text.Json;
using GrainCompute.Mpi.Sidecar;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>Reads a finished launch: rank 0's <c>--json</c> line for the result, the ranks' stderr for the error.</summary>
internal static class RunResultBuilder
{
    private const int _errorLines = 5;

    public static MpiRunResult Build(RunPlan plan, MpiexecCommand command, LaunchOutcome outcome)
    {
        var output = TaggedOutput.Split(outcome.Lines, plan.Ranks);
        var report = ReadReport(output);
        var succeeded = outcome.ExitCode == 0 && report is not null;
        return new MpiRunResult(
            plan.Example.Name,
            plan.Ranks,
            succeeded,
            outcome.ExitCode,
            report?.Result,
            report?.Seconds,
            outcome.Elapsed.TotalSeconds,
            report?.Details,
            succeeded ? null : Error(outcome, output),
            command.ToString(),
            output);
    }

    /// <summary>The lines that say why: ranks' stderr first (the "rank N: …" message), else mpiexec's own.</summary>
    public static string Error(LaunchOutcome outcome, IReadOnlyList<MpiRankOutput> output)
    {
        var lines = output.Where(o => o.Rank >= 0).SelectMany(o => o.Stderr).Where(l => l.Trim().Length > 0).Take(_errorLines).ToList();
        if (lines.Count == 0)
        {
            lines = [.. output.Where(o => o.Rank < 0).SelectMany(o => o.Stderr).Where(l => l.Trim().Length > 0 && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith('=')).Take(_errorLines)];
        }

        var why = lines.Count > 0 ? string.Join(" | ", lines) : "rank 0 printed no JSON result";
        return $"mpiexec exited with code {outcome.ExitCode}: {why}";
    }

    private static Report? ReadReport(IReadOnlyList<MpiRankOutput> output)
    {
        var line = output.FirstOrDefault(o => o.Rank == 0)?.Stdout.LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new Report(
                root.TryGetProperty("result", out var result) ? result.Clone() : null,
                root.TryGetProperty("seconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number ? seconds.GetDouble() : null,
                root.TryGetProperty("details", out var details) ? details.Clone() : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Report(JsonElement? Result, double? Seconds, JsonElement? Details);
}
