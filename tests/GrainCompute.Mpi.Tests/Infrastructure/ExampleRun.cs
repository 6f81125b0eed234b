using System.Text.Json;

namespace GrainCompute.Mpi.Tests.Infrastructure;

/// <summary>One finished mpiexec job: exit code and merged output of all ranks.</summary>
internal sealed record ExampleRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Rank 0's <c>--json</c> object; fails the test with the output when the run did not succeed.</summary>
    public JsonElement Report()
    {
        Assert.True(ExitCode == 0, $"mpiexec exited with {ExitCode}:\n{Stdout}\n{Stderr}");
        var lines = Stdout.Split('\n').Where(l => l.StartsWith('{')).ToList();
        Assert.True(lines.Count == 1, $"expected one JSON line from rank 0, got {lines.Count}:\n{Stdout}");
        using var document = JsonDocument.Parse(lines[0]);
        return document.RootElement.Clone();
    }

    public string Output => Stdout + Stderr;
}
