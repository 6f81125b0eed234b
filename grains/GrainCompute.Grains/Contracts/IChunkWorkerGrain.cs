using GrainCompute.Runtime;

namespace GrainCompute.Grains;

/// <summary>What a worker needs to run one chunk.</summary>
public sealed record ChunkRequest(string JobId, string Kernel, string? ParametersJson, int Index, long Start, int Count, double? TimeoutSeconds);

/// <summary>A chunk's outcome: the encoded item results, or the kernel's error. Never an exception for kernel faults.</summary>
public sealed record ChunkOutcome(byte[]? Payload, string? ErrorType, string? ErrorMessage, bool Cancelled, string Silo, string Worker, double Seconds);

/// <summary>Runs chunks of CPU-bound kernels; a pool of these on every silo, one per worker slot.</summary>
public interface IChunkWorkerGrain : IGrainWithStringKey
{
    Task<ChunkOutcome> Run(ChunkRequest request);
}

/// <summary>Runs chunks of I/O-bound kernels: reentrant, so waiting chunks hold no worker slot.</summary>
public interface IIoChunkWorkerGrain : IGrainWithStringKey
{
    Task<ChunkOutcome> Run(ChunkRequest request);
}

/// <summary>One per silo (key: the silo address): things a job must tell every silo.</summary>
public interface ISiloControlGrain : IGrainWithStringKey
{
    Task CancelJob(string jobId);
}
