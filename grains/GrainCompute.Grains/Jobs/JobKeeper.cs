using GrainCompute.Grains.Workers;
using Microsoft.Extensions.Logging;

namespace GrainCompute.Grains.Jobs;

/// <summary>
/// Keeps unfinished jobs going after a failover, and forgets finished ones when their retention ends. A job grain
/// only re-activates when called, so the oldest active silo calls, every few seconds, each unfinished job in the
/// store that has no activation on any silo (Orleans' management grain lists them from each silo's catalog); the call
/// re-activates a job whose silo died (Orleans places it on a survivor), which then resumes from the store. Jobs
/// still active are not called: with a long queue (tens of thousands of jobs waiting for a run slot) a call to each
/// every few seconds would keep a core busy. The same silo deletes the jobs whose retention ended.
/// </summary>
internal sealed class JobKeeper(
    IJobStore store,
    IGrainFactory grains,
    ClusterWorkers workers,
    ILocalSiloDetails local,
    TimeProvider time,
    ILogger<JobKeeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private ITimer? _timer;
    private int _running;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(JobKeeper),
        ServiceLifecycleStage.Active,
        _ =>
        {
            _timer = time.CreateTimer(_ => _ = KeepAsync(), null, Period, Period);
            return Task.CompletedTask;
        },
        _ =>
        {
            _timer?.Dispose();
            return Task.CompletedTask;
        });

    private async Task KeepAsync()
    {
        // Silo generations grow with start time: the smallest is the oldest silo.
        var oldest = workers.ActiveSilos
            .OrderBy(s => s.Generation)
            .ThenBy(s => s.ToString(), StringComparer.Ordinal)
            .FirstOrDefault();
        if (!local.SiloAddress.Equals(oldest) || Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            await ResumeUnfinishedAsync().ConfigureAwait(false);
            await DeleteExpiredAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task ResumeUnfinishedAsync()
    {
        IReadOnlyList<string> unfinished;
        try
        {
            unfinished = await store.UnfinishedAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            logger.ResumeFailed(exception, "the job store", Period);
            return;
        }

        var active = await ActiveJobsAsync().ConfigureAwait(false);
        // One job that cannot resume (say, its kernel is gone from this version) must not stop the others.
        foreach (var id in unfinished)
        {
            if (active?.Contains(id) == true)
            {
                continue;
            }

            try
            {
                await grains.GetGrain<IJobGrain>(id).Resume().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                logger.ResumeFailed(exception, id, Period);
            }
        }
    }

    /// <summary>
    /// Ids of the jobs activated on some silo now; null when a silo did not answer, and then every unfinished job is
    /// called. A job that deactivates just after the list is taken is called on the next round.
    /// </summary>
    private async Task<HashSet<string>?> ActiveJobsAsync()
    {
        try
        {
            var jobType = grains.GetGrain<IJobGrain>("any").GetGrainId().Type; // a reference only: nothing is called or activated
            var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(jobType).ConfigureAwait(false);
            return active.Select(id => id.Key.ToString()).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception exception)
        {
            logger.ActiveJobsUnknown(exception);
            return null;
        }
    }

    private async Task DeleteExpiredAsync()
    {
        try
        {
            await store.DeleteExpiredAsync(time.GetUtcNow()).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            logger.PurgeFailed(exception, Period);
        }
    }
}
