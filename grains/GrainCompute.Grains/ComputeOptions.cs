namespace GrainCompute.Grains;

/// <summary>Limits of the compute service, bound from the "Compute" configuration section (GRAINCOMPUTE__COMPUTE__…).</summary>
public sealed class ComputeOptions
{
    /// <summary>Most items one job may have.</summary>
    public long MaxItems { get; set; } = 100_000_000;

    /// <summary>Most jobs running at once; more are refused with a clear error.</summary>
    public int MaxConcurrentJobs { get; set; } = 64;

    /// <summary>Largest request body the API accepts, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Chunks handed out ahead per worker slot, to hide the round trip ("pull beats push", with look-ahead).</summary>
    public int ChunksAheadPerSlot { get; set; } = 2;

    public IEnumerable<string> Validate()
    {
        if (MaxItems < 1)
        {
            yield return $"Compute:MaxItems must be ≥ 1, not {MaxItems} (set GRAINCOMPUTE__COMPUTE__MAXITEMS)";
        }

        if (MaxConcurrentJobs < 1)
        {
            yield return $"Compute:MaxConcurrentJobs must be ≥ 1, not {MaxConcurrentJobs} (set GRAINCOMPUTE__COMPUTE__MAXCONCURRENTJOBS)";
        }

        if (MaxBodyBytes < 1024)
        {
            yield return $"Compute:MaxBodyBytes must be ≥ 1024, not {MaxBodyBytes} (set GRAINCOMPUTE__COMPUTE__MAXBODYBYTES)";
        }

        if (ChunksAheadPerSlot < 1)
        {
            yield return $"Compute:ChunksAheadPerSlot must be ≥ 1, not {ChunksAheadPerSlot} (set GRAINCOMPUTE__COMPUTE__CHUNKSAHEADPERSLOT)";
        }
    }
}
