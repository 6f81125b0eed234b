using GrainCompute.Grains;
using GrainCompute.Grains.Jobs;
using GrainCompute.Kernels;

namespace GrainCompute.Server.Api;

/// <summary>
/// Submitting many jobs at once, for POST /api/jobs/batch and <see cref="IComputeGateway.SubmitBatch"/>
/// alike: every job validated before any is submitted, then the job grain calls run at once.
/// </summary>
internal static class JobBatch
{
    /// <summary>Job grain calls in flight for one batch submit: enough to hide their latency, few enough not to flood a silo.</summary>
    private const int SubmitParallelism = 256;

    /// <summary>A batch checked whole: each job's id and spec, in order, and the waves to submit them in (see <see cref="SubmitWaves"/>).</summary>
    public sealed record Prepared((string Id, JobSpec Spec)[] Jobs, IReadOnlyList<int[]> Waves);

    /// <exception cref="JobsRejectedException">Some jobs are invalid (or two share an id, or wait for each other in a cycle): each named by its index.</exception>
    public static async Task<Prepared> PrepareAsync(JobSubmission submission, IReadOnlyList<SubmitJobRequest?> jobs, string client)
    {
        var prepared = new (string Id, JobSpec Spec)[jobs.Count];
        var errors = new Dictionary<string, string[]>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < jobs.Count; i++)
        {
            try
            {
                prepared[i] = await submission.PrepareAsync(jobs[i], client);
                if (!seen.TryAdd(prepared[i].Id, i))
                {
                    errors[$"jobs[{i}].id"] = [$"id '{prepared[i].Id}' is also jobs[{seen[prepared[i].Id]}]'s"];
                }
            }
            catch (KernelParameterException exception)
            {
                errors[$"jobs[{i}].{exception.Field}"] = [exception.Message];
            }
        }

        IReadOnlyList<int[]> waves = [];
        if (errors.Count == 0)
        {
            try
            {
                waves = SubmitWaves.Of(prepared);
            }
            catch (KernelParameterException exception)
            {
                errors[exception.Field] = [exception.Message];
            }
        }

        return errors.Count > 0
            ? throw new JobsRejectedException($"{errors.Count} of {jobs.Count} jobs are invalid; none was submitted", errors)
            : new Prepared(prepared, waves);
    }

    /// <summary>
    /// Submits prepared jobs, their statuses in order. Every job carries its id, so a client that retries the batch
    /// after a failure part-way gets the jobs that were submitted back as they are and the rest submitted. A job naming
    /// another of the batch goes in a later wave. The calls run on the caller's
    /// scheduler: inside a grain, they stay in its turn.
    /// </summary>
    public static async Task<JobStatus[]> SubmitAsync(IGrainFactory grains, Prepared batch, CancellationToken cancellationToken)
    {
        var (prepared, waves) = batch;
        var statuses = new JobStatus[prepared.Length];
        foreach (var wave in waves)
        {
            await Parallel.ForEachAsync(
                wave,
                new ParallelOptions { MaxDegreeOfParallelism = SubmitParallelism, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Current },
                async (i, _) => statuses[i] = await JobSubmission.SubmitAsync(grains, prepared[i].Id, prepared[i].Spec));
        }

        return statuses;
    }
}
