namespace GrainCompute.Client;

/// <summary>A job's state, as the API reports it.</summary>
public enum JobState
{
    Waiting,
    Running,
    Completed,
    Failed,
    Cancelled,

    /// <summary>Waiting for a run slot: more jobs were submitted than the cluster runs at once (Compute:MaxConcurrentJobs).</summary>
    Queued,
}

/// <summary>A chunk's state: pending → running → done / failed / cancelled.</summary>
public enum FutureState
{
    Pending,
    Running,
    Done,
    Failed,
    Cancelled,
}

/// <summary>The order results are read in.</summary>
public enum ResultOrder
{
    /// <summary>Item order, like map.</summary>
    Input,

    /// <summary>The order chunks finished in, like as_completed.</summary>
    Completion,
}

/// <summary>When a wait returns, as in concurrent.futures.wait.</summary>
public enum ReturnWhen
{
    FirstCompleted,
    FirstException,
    AllCompleted,
}
