namespace GrainCompute.Grains;

/// <summary>What a worker needs to run one chunk.</summary>
/// <param name="RunId">The job id and its submission time: cancels reach this submission's chunks only, not a later job that reuses the id.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.ChunkRequest")]
/// <param name="KernelVersion">The kernel's version the job was admitted with (see <see cref="GrainCompute.Kernels.KernelVersion"/>); null: any.</param>
public sealed record ChunkRequest(string JobId, string RunId, string Kernel, string? KernelVersion, string? ParametersJson, int Index, long Start, int Count, double? TimeoutSeconds);

/// <summary>A chunk's outcome: the encoded item results, or the kernel's error. Never an exception for kernel faults.</summary>
[GenerateSerializer]
[Immutable]
[Alias("gc.ChunkOutcome")]
public sealed record ChunkOutcome(byte[]? Payload, string? ErrorType, string? ErrorMessage, bool Cancelled, string Silo, string Worker, double Seconds);

/// <summary>What a silo tells the cluster about itself: the dashboard, `graincompute cluster` and chunk placement use it.</summary>
/// <param name="ApiUrl">This silo's HTTP API base address, for clients.</param>
/// <param name="WorkerSlots">CPU-bound chunks it runs at once.</param>
/// <param name="Kernels">The kernels it serves, each at the version it has.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.SiloWorkerInfo")]
public sealed record SiloWorkerInfo(string Name, string? ApiUrl, int WorkerSlots, DateTimeOffset Started, IReadOnlyList<KernelOffer> Kernels)
{
    /// <summary>Whether it serves <paramref name="kernel"/> (a future group: the kernel it calls) at <paramref name="version"/> (null: any).</summary>
    public bool Serves(string kernel, string? version)
    {
        var name = GrainCompute.Kernels.FutureGroupKernel.InnerName(kernel);
        return Kernels.Any(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase) && (version is null || k.Version == version));
    }
}

/// <summary>A kernel a silo serves: its name, version (assembly version + content hash) and catalog entry.</summary>
/// <param name="Reduction">How its items combine, lower case ("sum", "custom").</param>
/// <param name="ParametersJson">Its parameters (name, type, default, description) as a JSON array: defaults are of any JSON shape.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.KernelOffer")]
public sealed record KernelOffer(string Name, string Version, string Description, string Reduction, string ParametersJson)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static KernelOffer Of(GrainCompute.Kernels.IKernel kernel) => new(
        kernel.Name,
        GrainCompute.Kernels.KernelVersion.Of(kernel),
        kernel.Description,
        kernel.Reduction.ToString().ToLowerInvariant(),
        System.Text.Json.JsonSerializer.Serialize(kernel.Parameters, Json));
}

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
