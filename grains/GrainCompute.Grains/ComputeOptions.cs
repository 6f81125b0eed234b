namespace GrainCompute.Grains;

/// <summary>Limits of the compute service, bound from the "Compute" configuration section (GRAINCOMPUTE__COMPUTE__…).</summary>
public sealed class ComputeOptions
{
    /// <summary>Most items one job may have.</summary>
    public long MaxItems { get; set; } = 100_000_000;

    /// <summary>Most chunks one job may be cut into: each is an object in its job grain and a row in the job store.</summary>
    public long MaxChunksPerJob { get; set; } = 1_000_000;

    /// <summary>Largest encoded results of one chunk, in bytes: a chunk beyond it fails, naming a smaller chunkSize.</summary>
    public long MaxChunkResultBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Largest results of one job, in bytes (its chunks' encoded results, and its combined result): the job grain holds
    /// them while the job runs, so one job beyond it fails instead of exhausting its silo.
    /// </summary>
    public long MaxJobResultBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Results a finished job keeps in its grain's memory, in bytes; a larger one lets them go, and its result pages
    /// are read back from the job store, so that finished jobs awaiting their readers do not fill the silo.
    /// </summary>
    public long ResultsInMemoryBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Longest chain of jobs each waiting for the one before (<c>{"$future": id}</c>): every waiting job is an
    /// activation holding a wait on its dependency, so a chain has a bound like any other job.
    /// </summary>
    public int MaxDependencyDepth { get; set; } = 1_000;

    /// <summary>Most jobs running at once on one silo; more wait their turn (state <c>queued</c>), fairly across clients.</summary>
    public int MaxConcurrentJobs { get; set; } = 64;

    /// <summary>Most jobs waiting for a run slot on one silo; a submit beyond it is refused (HTTP 429 with Retry-After).</summary>
    public int MaxQueuedJobs { get; set; } = 100_000;

    /// <summary>Most calls (<c>POST /api/calls</c>: one kernel call, no job) one silo has under way at once; one beyond it is refused (HTTP 429 with Retry-After).</summary>
    public int MaxPendingCalls { get; set; } = 10_000;

    /// <summary>Largest request body the API accepts, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Chunks handed out ahead per worker slot, to hide the round trip ("pull beats push", with look-ahead).</summary>
    public int ChunksAheadPerSlot { get; set; } = 2;

    /// <summary>
    /// Where this silo's MPI sidecar (<c>graincompute-mpi serve</c>) listens, e.g. <c>http://127.0.0.1:5090/</c>;
    /// the <c>mpi-*</c> kernels forward to it. Unset: those kernels are refused at submit, naming this setting.
    /// </summary>
    public string? MpiSidecarUrl { get; set; }

    /// <summary><see cref="MpiSidecarUrl"/> parsed, with a trailing slash so relative paths append; null when unset.</summary>
    public Uri? MpiSidecarUri =>
        string.IsNullOrWhiteSpace(MpiSidecarUrl) ? null : new Uri(MpiSidecarUrl.EndsWith('/') ? MpiSidecarUrl : MpiSidecarUrl + "/");

    /// <summary>
    /// Kernel packs this silo loads at start: assemblies, or folders whose assemblies reference the kernel SDK
    /// (<c>Compute:KernelPacks:0=/packs/Acme.Kernels.dll</c>, <c>GRAINCOMPUTE__COMPUTE__KERNELPACKS__0</c>). See docs/kernels.md.
    /// </summary>
    public string[] KernelPacks { get; set; } = [];

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

        if (MaxChunksPerJob < 1)
        {
            yield return $"Compute:MaxChunksPerJob must be ≥ 1, not {MaxChunksPerJob} (set GRAINCOMPUTE__COMPUTE__MAXCHUNKSPERJOB)";
        }

        if (MaxChunkResultBytes < 1024)
        {
            yield return $"Compute:MaxChunkResultBytes must be ≥ 1024, not {MaxChunkResultBytes} (set GRAINCOMPUTE__COMPUTE__MAXCHUNKRESULTBYTES)";
        }

        if (MaxJobResultBytes < MaxChunkResultBytes)
        {
            yield return $"Compute:MaxJobResultBytes must be ≥ Compute:MaxChunkResultBytes ({MaxChunkResultBytes}), not {MaxJobResultBytes} (set GRAINCOMPUTE__COMPUTE__MAXJOBRESULTBYTES)";
        }

        if (ResultsInMemoryBytes < 0)
        {
            yield return $"Compute:ResultsInMemoryBytes must be ≥ 0, not {ResultsInMemoryBytes} (set GRAINCOMPUTE__COMPUTE__RESULTSINMEMORYBYTES)";
        }

        if (MaxPendingCalls < 1)
        {
            yield return $"Compute:MaxPendingCalls must be ≥ 1, not {MaxPendingCalls} (set GRAINCOMPUTE__COMPUTE__MAXPENDINGCALLS)";
        }

        if (MaxQueuedJobs < 0)
        {
            yield return $"Compute:MaxQueuedJobs must be ≥ 0, not {MaxQueuedJobs} (set GRAINCOMPUTE__COMPUTE__MAXQUEUEDJOBS)";
        }

        if (MaxBodyBytes < 1024)
        {
            yield return $"Compute:MaxBodyBytes must be ≥ 1024, not {MaxBodyBytes} (set GRAINCOMPUTE__COMPUTE__MAXBODYBYTES)";
        }

        if (ChunksAheadPerSlot < 1)
        {
            yield return $"Compute:ChunksAheadPerSlot must be ≥ 1, not {ChunksAheadPerSlot} (set GRAINCOMPUTE__COMPUTE__CHUNKSAHEADPERSLOT)";
        }

        if (!string.IsNullOrWhiteSpace(MpiSidecarUrl)
            && (!Uri.TryCreate(MpiSidecarUrl, UriKind.Absolute, out var sidecar) || sidecar.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(sidecar.Query)))
        {
            yield return $"Compute:MpiSidecarUrl is '{MpiSidecarUrl}', not an absolute http URL (set GRAINCOMPUTE__COMPUTE__MPISIDECARURL, e.g. http://127.0.0.1:5090/ where `graincompute-mpi serve` listens)";
        }
    }
}
