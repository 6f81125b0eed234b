using System.Threading.Channels;
using GrainCompute.Grains;
using GrainCompute.Server.Api;

namespace GrainCompute.Server.Gateway;

/// <summary>
/// One <see cref="IComputeGateway.Follow"/> call: a wait on each unfinished job's grain (on whatever silo holds it),
/// and the final statuses pushed to the client's observer in batches of whatever finished meanwhile, so that 10,000
/// tiny jobs cost a few pushes, not 10,000 answers. Each push is awaited, so all are delivered before the call
/// returns the ids still running; the client follows those with a new call. A silo dying under a job only delays
/// its wait: the next call reaches the grain where it was activated again.
/// </summary>
internal sealed class JobFollowing(IGrainFactory grains, IJobCompletionObserver observer)
{
    /// <summary>Most statuses one push carries.</summary>
    private const int MaxPerPush = 1000;

    public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<string> ids, TimeSpan hold, CancellationToken cancellationToken)
    {
        var unseen = new HashSet<string>(ids, StringComparer.Ordinal);
        // Unknown ids fail the call (JobNotFoundException, a 404) before anything is pushed, as the HTTP stream does.
        var current = await Task.WhenAll(unseen.Select(id => grains.GetGrain<IJobGrain>(id).GetStatus()));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(hold);
        var finished = Channel.CreateUnbounded<JobStatus>();
        foreach (var status in current)
        {
            if (status.IsFinished)
            {
                finished.Writer.TryWrite(status);
            }
            else
            {
                _ = WatchAsync(grains.GetGrain<IJobGrain>(status.Id), finished.Writer, stop.Token);
            }
        }

        try
        {
            var batch = new List<JobStatus>();
            while (unseen.Count > 0 && await finished.Reader.WaitToReadAsync(stop.Token))
            {
                batch.Clear();
                while (batch.Count < MaxPerPush && finished.Reader.TryRead(out var status))
                {
                    if (unseen.Remove(status.Id))
                    {
                        batch.Add(status);
                    }
                }

                if (batch.Count > 0)
                {
                    await observer.Finished([.. batch]);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The hold passed: the caller asks again for the rest.
        }
        finally
        {
            await stop.CancelAsync();
        }

        return [.. unseen];
    }

    /// <summary>Writes the job's final status; a job forgotten meanwhile stays unseen, and the caller's next Follow call reports it missing.</summary>
    private static async Task WatchAsync(IJobGrain job, ChannelWriter<JobStatus> finished, CancellationToken stop)
    {
        if (await JobEnd.UntilFinishedAsync(job, stop) is { } status)
        {
            finished.TryWrite(status);
        }
    }
}
