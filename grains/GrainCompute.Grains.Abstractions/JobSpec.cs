namespace GrainCompute.Grains;

/// <summary>What to run: a kernel over its items, with parameters as JSON text (null: the kernel's defaults).</summary>
/// <param name="Kernel">Kernel name ("sumprimes").</param>
/// <param name="ParametersJson">
/// Parameters as a JSON object. A member whose value is <c>{"$future": "job-id"}</c> takes that job's result
/// once it completes: the job then waits for it (a dependency), and fails if it fails.
/// </param>
/// <param name="ChunkSize">Items per chunk; null picks a size giving chunks of ~10–50 ms.</param>
/// <param name="Options">Error handling, timeouts, retention.</param>
/// <param name="KernelVersion">Set at admission to the kernel's version on the admitting silo; chunks run only where that version is served.</param>
/// <param name="Client">Who submitted it: jobs waiting for a run slot are queued first in, first out per client, and fairly across clients.</param>
/// <param name="DependencyDepth">Set at admission: 0 without dependencies, else one more than the deepest dependency's.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.JobSpec")]
public sealed record JobSpec(string Kernel, string? ParametersJson = null, int? ChunkSize = null, JobOptions? Options = null, string? KernelVersion = null, string? Client = null, int DependencyDepth = 0);

/// <param name="StopOnFirstError">Cancel the rest of the job when a chunk fails (FIRST_EXCEPTION semantics).</param>
/// <param name="ChunkTimeoutSeconds">A chunk running longer fails (and is retried if retries are left).</param>
/// <param name="Retries">How often a failed chunk is run again before the failure counts.</param>
/// <param name="RetentionSeconds">How long results stay readable after the job ends.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.JobOptions")]
public sealed record JobOptions(bool StopOnFirstError = false, double? ChunkTimeoutSeconds = null, int Retries = 0, double RetentionSeconds = 3600);
