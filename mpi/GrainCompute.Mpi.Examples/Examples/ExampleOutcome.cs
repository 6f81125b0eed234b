namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>What rank 0 reports: a one-line summary for people, the result and details for <c>--json</c>.</summary>
internal sealed record ExampleOutcome(string Summary, object? Result, IReadOnlyDictionary<string, object?> Details);
