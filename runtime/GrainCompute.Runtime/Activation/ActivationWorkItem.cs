namespace GrainCompute.Runtime.Activation;

/// <summary>One turn's worth of work queued on an activation: a request or a timer tick.</summary>
internal abstract class ActivationWorkItem
{
    /// <summary>May start while other work of the activation is running.</summary>
    public abstract bool AlwaysInterleave { get; }

    /// <summary>May start while only other read-only work is running.</summary>
    public abstract bool ReadOnly { get; }

    /// <summary>Runs on the activation's scheduler. Must not throw: failures go to whoever waits for the work.</summary>
    public abstract Task RunAsync(GrainActivation activation);

    /// <summary>The activation could not run this work (it failed to activate).</summary>
    public abstract void Reject(Exception reason);
}
