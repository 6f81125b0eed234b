using MPI;

namespace GrainCompute.Mpi.Examples.Pool;

/// <summary>
/// mpi4py's <c>MPIPoolExecutor.map</c> on MPI.NET: rank 0 hands items to whichever worker rank is idle and yields
/// the results in completion order; ranks 1.. apply the function until told to stop.
/// </summary>
/// <remarks>
/// Design note. In MPI every rank runs the same program, so the function is not shipped: both sides name it
/// (<see cref="Map"/> and <see cref="Serve"/> with the same delegate). Items go out as <see cref="PoolMessage{T}"/> object messages (JSON); results come back as <see cref="PoolMessage{T}"/> object
/// messages from any source (probe, then receive: see AnySourceReceive), so a slow item never holds up a fast one. One item per worker is in flight; with
/// one rank there are no workers and rank 0 applies the function itself, in order. Every worker gets a Stop
/// before <see cref="Map"/> finishes, including when the caller stops enumerating early.
/// </remarks>
internal sealed class MpiPoolExecutor<TItem, TResult>(Intracommunicator world, Func<TItem, TResult> function)
{
    private const int _itemTag = 11;
    private const int _stopTag = 12;
    private const int _resultTag = 13;

    /// <summary>On rank 0: results as they complete, each with its item's position in <paramref name="items"/>.</summary>
    public IEnumerable<(int Index, int Worker, TResult Result)> Map(IReadOnlyList<TItem> items)
    {
        if (world.Size == 1)
        {
            for (var i = 0; i < items.Count; i++)
            {
                yield return (i, 0, function(items[i]));
            }

            yield break;
        }

        var next = 0;
        var busy = 0;
        try
        {
            for (var worker = 1; worker < world.Size && next < items.Count; worker++, next++, busy++)
            {
                world.Send(new PoolMessage<TItem>(next, items[next]), worker, _itemTag);
            }

            while (busy > 0)
            {
                var done = world.ReceiveFromAnySource<PoolMessage<TResult>>(_resultTag, out var worker);
                busy--;
                if (next < items.Count)
                {
                    world.Send(new PoolMessage<TItem>(next, items[next]), worker, _itemTag);
                    next++;
                    busy++;
                }

                yield return (done.Index, worker, done.Value);
            }
        }
        finally
        {
            // Early exit with items in flight: drain them, so no worker is left blocked in a send.
            for (; busy > 0; busy--)
            {
                _ = world.ReceiveFromAnySource<PoolMessage<TResult>>(_resultTag, out _);
            }

            for (var worker = 1; worker < world.Size; worker++)
            {
                world.Send(new PoolMessage<TItem>(-1, default!), worker, _stopTag);
            }
        }
    }

    /// <summary>On ranks 1..: applies the function to each item rank 0 sends until it sends Stop.</summary>
    public void Serve()
    {
        while (true)
        {
            world.Receive(0, Communicator.anyTag, out PoolMessage<TItem> work, out CompletedStatus status);
            if (status.Tag == _stopTag)
            {
                return;
            }

            world.Send(new PoolMessage<TResult>(work.Index, function(work.Value)), 0, _resultTag);
        }
    }
}
