namespace GrainCompute.Bench.Reporting;

/// <summary>One workload of the cluster benchmark's scaling part: 1 pinned silo against 2 silos pinned to their own cores.</summary>
internal sealed record ScalingRow
{
    public required string Workload { get; init; }

    public required string Kernel { get; init; }

    /// <summary>The job's parameters as submitted (JSON).</summary>
    public required string Parameters { get; init; }

    public required long Items { get; init; }

    public required int Chunks { get; init; }

    /// <summary>Median submit-to-completion seconds with one silo on one core.</summary>
    public required double OneSiloSeconds { get; init; }

    /// <summary>Median submit-to-completion seconds with two silos, each on its own core.</summary>
    public required double TwoSilosSeconds { get; init; }

    /// <summary>Every measured repetition (warm-up excluded), in run order.</summary>
    public required IReadOnlyList<double> OneSiloRuns { get; init; }

    public required IReadOnlyList<double> TwoSilosRuns { get; init; }

    /// <summary>t(1 silo) / t(2 silos), from the medians.</summary>
    public required double Speedup { get; init; }

    /// <summary>Median of the silo's own view, status.finished − status.submitted (no HTTP, no polling).</summary>
    public required double OneSiloServerSeconds { get; init; }

    public required double TwoSilosServerSeconds { get; init; }

    /// <summary>Chunks each of the two silos ran in the last two-silo repetition.</summary>
    public required IReadOnlyList<int> TwoSilosChunkShares { get; init; }

    /// <summary>The last two-silo repetition's status.silos: chunks and busy seconds per silo, and which silo held the job.</summary>
    public required IReadOnlyList<Cluster.SiloShare> TwoSilosShares { get; init; }

    public required string TwoSilosHeldBy { get; init; }

    /// <summary>How the result was checked, and that it held.</summary>
    public required string Check { get; init; }

    public required bool CheckPassed { get; init; }

    public string? Goal { get; init; }

    public bool? GoalMet { get; init; }
}
