namespace GrainCompute.Runtime.Activation;

internal enum ActivationState
{
    /// <summary>Created, no work seen yet.</summary>
    Created,

    /// <summary>OnActivateAsync is running; work waits.</summary>
    Activating,

    /// <summary>Serving work.</summary>
    Valid,

    /// <summary>Taking no more work; OnDeactivateAsync runs once running work is done.</summary>
    Deactivating,

    /// <summary>Gone; any reference still held re-resolves through the catalog.</summary>
    Invalid,
}
