using System.Collections.Concurrent;

namespace GrainCompute.Runtime.Calls;

/// <summary>
/// Calls in flight from this silo, by correlation id. A response completes one; a sweep fails those past
/// their deadline (one timer for all calls, instead of one per call); a dead silo fails all of its calls at
/// once instead of letting them wait out the timeout.
/// </summary>
internal sealed class PendingCalls(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, PendingCall> _calls = new();
    private long _lastId;

    public int Count => _calls.Count;

    public PendingCall Register(GrainId target, GrainMethod method, SiloAddress silo, TimeSpan timeout)
    {
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        var call = new PendingCall(Interlocked.Increment(ref _lastId), target, method, silo, deadline, timeout);
        _calls[call.Id] = call;
        return call;
    }

    public bool TryTake(long id, out PendingCall call) => _calls.TryRemove(id, out call!);

    public void Complete(PendingCall call, object? result)
    {
        if (_calls.TryRemove(call.Id, out _))
        {
            call.TrySetResult(result);
        }
    }

    public void Fail(PendingCall call, Exception exception)
    {
        if (_calls.TryRemove(call.Id, out _))
        {
            call.TrySetException(exception);
        }
    }

    public void FailExpired()
    {
        var now = time.GetTimestamp();
        foreach (var call in _calls.Values)
        {
            if (now >= call.DeadlineTimestamp)
            {
                Fail(call, new GrainCallTimeoutException(
                    $"Call to {call.Method.Name} on grain {call.Target} (silo {call.Silo}) timed out after {call.Timeout.TotalSeconds:0.###} s."));
            }
        }
    }

    public void FailAllOn(SiloAddress silo, string reason)
    {
        foreach (var call in _calls.Values)
        {
            if (call.Silo == silo)
            {
                Fail(call, new SiloUnavailableException($"Call to {call.Method.Name} on grain {call.Target} failed: silo {silo} {reason}."));
            }
        }
    }
}
