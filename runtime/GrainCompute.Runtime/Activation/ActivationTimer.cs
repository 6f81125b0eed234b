namespace GrainCompute.Runtime.Activation;

/// <summary>
/// A grain timer. Each tick is queued on the activation like a request, so it never runs beside grain code
/// (unless the class is reentrant); the next tick is armed only after this one finishes, so ticks never pile up.
/// </summary>
internal sealed class ActivationTimer : ActivationWorkItem, IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _dueTime;
    private readonly TimeSpan _period;
    private readonly CancellationTokenSource _disposed = new();
    private ITimer? _timer;

    public ActivationTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
    }

    public override bool AlwaysInterleave => false;

    public override bool ReadOnly => false;

    public void Start() => Arm(_dueTime);

    public override async Task RunAsync(GrainActivation activation)
    {
        try
        {
            await _callback(_disposed.Token);
        }
        catch (Exception exception) when (!_disposed.IsCancellationRequested)
        {
            activation.Silo.Log.TimerFailed(activation.Id, exception);
        }
        catch (OperationCanceledException)
        {
            // Disposed while running: nothing to report.
        }

        if (_period != Timeout.InfiniteTimeSpan)
        {
            Arm(_period);
        }
    }

    public override void Reject(Exception reason)
    {
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer?.Dispose();
        _activation.RemoveTimer(this);
    }

    private void Arm(TimeSpan due)
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _timer?.Dispose();
        _timer = _activation.Silo.TimeProvider.CreateTimer(
            static state =>
            {
                var self = (ActivationTimer)state!;
                if (!self._disposed.IsCancellationRequested)
                {
                    self._activation.TryEnqueue(self);
                }
            },
            this,
            due,
            Timeout.InfiniteTimeSpan);
    }
}
