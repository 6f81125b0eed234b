namespace GrainCompute.Client;

/// <summary>Error handling, timeouts and retention of a job (the API's "options").</summary>
/// <param name="StopOnFirstError">Cancel the rest of the job when a chunk fails.</param>
/// <param name="ChunkTimeoutSeconds">A chunk running longer fails (and is retried if retries are left).</param>
/// <param name="Retries">How often a failed chunk is run again before the failure counts.</param>
/// <param name="RetentionSeconds">How long results stay readable after the job ends.</param>
public sealed record JobOptions(bool StopOnFirstError = false, double? ChunkTimeoutSeconds = null, int Retries = 0, double RetentionSeconds = 3600);

/// <summary>How to submit a job.</summary>
/// <param name="ChunkSize">Items per chunk; null lets the cluster pick chunks of ~10–50 ms.</param>
/// <param name="Id">Job id; null makes one. Submitting the same id twice is idempotent, which is what makes a retried submit safe.</param>
/// <param name="Options">Error handling, timeouts, retention.</param>
public sealed record SubmitOptions(int? ChunkSize = null, string? Id = null, JobOptions? Options = null);
