namespace GrainCompute.Bench.Reporting;

/// <summary>One run of the failover part: the long job undisturbed, or with the silo holding its grain killed with SIGKILL.</summary>
internal sealed record FailoverRow
{
    public required string Run { get; init; }

    /// <summary>Submit to completion, seconds.</summary>
    public required double TotalSeconds { get; init; }

    /// <summary>Total over the undisturbed run's total.</summary>
    public required double VersusUndisturbed { get; init; }

    public required int Chunks { get; init; }

    /// <summary>Chunks done when the holder was killed (null for the undisturbed run).</summary>
    public int? KilledAtChunksDone { get; init; }

    /// <summary>Submit to the kill, seconds.</summary>
    public double? KilledAfterSeconds { get; init; }

    /// <summary>Kill to a survivor's GET /api/cluster listing one silo fewer as active.</summary>
    public double? KillToDeclaredDeadSeconds { get; init; }

    /// <summary>Kill to the job's completion, as seen through a survivor.</summary>
    public double? KillToCompletedSeconds { get; init; }

    public required string HeldBy { get; init; }

    /// <summary>The holder when the job finished (differs from the killed one after failover).</summary>
    public string? HeldByAfter { get; init; }

    public required string State { get; init; }

    public string? Result { get; init; }

    public required bool ResultExact { get; init; }

    public string? Goal { get; init; }

    public bool? GoalMet { get; init; }
}
