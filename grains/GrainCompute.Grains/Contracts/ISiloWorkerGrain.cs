namespace GrainCompute.Grains;

/// <summary>What a worker needs to run one chunk.</summary>
/// <param name="RunId">The job id and its submission time: cancels reach this submission's chunks only, not a later job that reuses the id.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.ChunkRequest")]
public sealed record ChunkRequest(string JobId, string RunId, string Kernel, string? ParametersJson, int Index, long Start, int Count, double? TimeoutSeconds);

/// <summary>A chunk's outcome: the encoded item results, or the kernel's error. Never an exception for kernel faults.</summary>
[GenerateSerializer]
[Immutable]
[Alias("gc.ChunkOutcome")]
public sealed record ChunkOutcome(byte[]? Payload, string? ErrorType, string? ErrorMessage, bool Cancelled, string Silo, string Worker, double Seconds);

/// <summary>What a silo tells the cluster about itself: the dashboard, `graincompute cluster` and chunk placement use it.</summary>
/// <param name="ApiUrl">This silo's HTTP API base address, for clients.</param>
/// <param name="WorkerSlots">CPU-bound chunks it runs at once.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.SiloWorkerInfo")]
public sealed record SiloWorkerInfo(string Name, string? ApiUrl, int WorkerSlots, DateTimeOffset Started);

/// <summary>
/// The chunk workers of one silo (key: the silo's address, see <see cref="Placement.SiloKey"/>): runs chunks on the
/// silo's worker slots, cancels a job's chunks there, and says what the silo offers.
/// </summary>
[Alias("gc.ISiloWorkerGrain")]
public interface ISiloWorkerGrain : IGrainWithStringKey
{
    /// <summary>Runs one chunk when a slot is free (CPU-bound kernels) or at once (I/O-bound ones).</summary>
    /// <remarks>The worker enforces the chunk's own timeout; the call's long one only guards against a lost message.</remarks>
    [Alias("Run")]
    [ResponseTimeout("1.00:00:00")]
    Task<ChunkOutcome> Run(ChunkRequest request);

    /// <summary>Running chunks of the job's run (<see cref="ChunkRequest.RunId"/>) are told to stop; its chunks that arrive later never start.</summary>
    [Alias("CancelJob")]
    Task CancelJob(string runId);

    [Alias("GetInfo")]
    Task<SiloWorkerInfo> GetInfo();
}
