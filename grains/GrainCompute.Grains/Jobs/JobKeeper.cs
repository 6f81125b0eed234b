using GrainCompute.Runtime;
using GrainCompute.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace GrainCompute.Grains.Jobs;

/// <summary>
/// Keeps unfinished jobs going after a failover, and forgets finished ones when their retention ends. A job grain
/// only re-activates when called, so the oldest active silo calls every unfinished job in the store every few
/// seconds; the call re-activates a job whose silo died (on its new owner), which then resumes from the store. A
/// call to a running job costs one message. The same silo deletes the jobs whose retention ended from the store.
/// </summary>
internal sealed class JobKeeper(IJobStore store, TimeProvider time, ILogger<JobKeeper> logger) : ISiloLifecycleParticipant
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private ITimer? _timer;
    private int _running;

    public Task OnSiloActiveAsync(Silo silo, CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(_ => _ = KeepAsync(silo), null, Period, Period);
        silo.Stopped.Register(() => _timer?.Dispose());
        return Task.CompletedTask;
    }

    public Task OnSiloStoppingAsync(Silo silo, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    private async Task KeepAsync(Silo silo)
    {
        var oldest = silo.View.Silos.Where(s => s.Status == SiloStatus.Active).OrderBy(s => s.StartTime).ThenBy(s => s.Address.ToString(), StringComparer.Ordinal).FirstOrDefault();
        if (oldest?.Address != silo.Address || Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            await ResumeUnfinishedAsync(silo).ConfigureAwait(false);
            await DeleteExpiredAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task ResumeUnfinishedAsync(Silo silo)
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
                await silo.GrainFactory.GetGrain<IJobGrain>(id).Resume().ConfigureAwait(false);
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
