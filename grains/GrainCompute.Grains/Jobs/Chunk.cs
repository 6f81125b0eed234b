namespace GrainCompute.Grains.Jobs;

/// <summary>The job grain's record of one chunk. Mutated only on the job grain's turn.</summary>
internal sealed class Chunk(int index, long start, int count)
{
    public int Index { get; } = index;

    public long Start { get; } = start;

    public int Count { get; } = count;

    public FutureState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>Runs lost to the cluster (a dead or draining silo), not to the kernel; kept by this activation only.</summary>
    public int LostRuns { get; set; }

    public DateTimeOffset? Started { get; set; }

    public DateTimeOffset? Ended { get; set; }

    public string? Silo { get; set; }

    public string? Worker { get; set; }

    public string? Error { get; set; }

    public double Seconds { get; set; }

    /// <summary>Encoded item results once done; the first result stored wins (a chunk may run twice).</summary>
    public byte[]? Payload { get; set; }

    public long? CompletionSeq { get; set; }

    /// <summary>Its outcome is in the job store: only then do results and completion order show it.</summary>
    public bool Saved { get; set; }

    public bool IsTerminal => State is FutureState.Done or FutureState.Failed or FutureState.Cancelled;

    public StoredChunk ToStored() => new(Index, State, Payload, CompletionSeq ?? 0, Error, Silo, Worker, Started, Ended, Attempts, Seconds);

    public void Restore(StoredChunk stored)
    {
        (State, Payload, CompletionSeq, Error, Silo, Worker, Started, Ended, Attempts, Seconds) =
            (stored.State, stored.Payload, stored.Seq, stored.Error, stored.Silo, stored.Worker, stored.Started, stored.Ended, stored.Attempts, stored.Seconds);
        Saved = true;
    }

    public ChunkInfo ToInfo() => new(Index, Start, Count, State, Attempts, Started, Ended, Silo, Worker, Error, CompletionSeq);
}
