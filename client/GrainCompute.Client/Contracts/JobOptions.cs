namespace GrainCompute.Client;

/// <summary>Error handling, timeouts and retention of a job (the API's "options").</summary>
/// <param name="StopOnFirstError">Cancel the rest of the job when a chunk fails.</param>
/// <param name="ChunkTimeoutSeconds">A chunk running longer fails (and is retried if retries are left).</param>
/// <param name="Retries">How often a failed chunk is run again before the failure counts.</param>
/// <param name="RetentionSeconds">How long results stay readable after the job ends.</param>
public sealed record JobOptions(bool StopOnFirstError = false, double? ChunkTimeoutSeconds = null, int Retries = 0, double RetentionSeconds = 3600);

/// <summary>How to submit a job.</summary>
/// <param name="ChunkSize">Items per chunk; null lets the cluster pick chunks of ~10–50 ms. In a future group: calls per chunk.</param>
/// <param name="Id">Job id; null makes one. Submitting the same id twice is idempotent, which is what makes a retried submit safe.</param>
/// <param name="Options">Error handling, timeouts, retention.</param>
/// <param name="Grouped">
/// <see cref="ComputeClient.SubmitManyAsync(string, IEnumerable{object?}, SubmitOptions?, CancellationToken)"/> only:
/// submit up to 10,000 calls as one future group, a job whose items are the calls (like Python's
/// <c>executor.map(f, xs, chunksize=…)</c>), instead of one job per call: many times cheaper per future. Each call
/// runs whole in one chunk (a call larger than one chunk of its kernel is refused), one failing call fails only its
/// future, and cancelling any future of a group cancels the group. A call may take a job's future as an argument
/// (the group then waits for it), not a grouped call's future.
/// </param>
public sealed record SubmitOptions(int? ChunkSize = null, string? Id = null, JobOptions? Options = null, bool Grouped = false);
