using GrainCompute.Grains.Workers;
using Microsoft.Extensions.Logging;

namespace GrainCompute.Grains.Jobs;

/// <summary>
/// Keeps unfinished jobs going after a failover, and forgets finished ones when their retention ends. A job grain
/// only re-activates when called, so the oldest active silo calls every unfinished job in the store every few
/// seconds; the call re-activates a job whose silo died (Orleans places it on a survivor), which then resumes from
/// the store. A call to a running job costs one message. The same silo deletes the jobs whose retention ended.
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

        // One job that cannot resume (say, its kernel is gone from this version) must not stop the others.
        foreach (var id in unfinished)
        {
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
