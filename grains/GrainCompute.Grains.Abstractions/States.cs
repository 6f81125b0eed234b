namespace GrainCompute.Grains;

/// <summary>A future's (chunk's) life: pending → running → done / failed / cancelled.</summary>
[GenerateSerializer]
[Alias("gc.FutureState")]
public enum FutureState
{
    Pending,
    Running,
    Done,
    Failed,
    Cancelled,
}

[GenerateSerializer]
[Alias("gc.JobState")]
public enum JobState
{
    /// <summary>Waiting for the jobs it depends on.</summary>
    Waiting,
    Running,
    Completed,
    Failed,
    Cancelled,

    /// <summary>Admitted, waiting for one of the cluster's <c>Compute:MaxConcurrentJobs</c> run slots (last: stored as a number).</summary>
    Queued,
}

[GenerateSerializer]
[Alias("gc.ResultOrder")]
public enum ResultOrder
{
    /// <summary>Item order, like map: an item is delivered once it and all before it are done.</summary>
    Input,

    /// <summary>The order chunks finished in, like as_completed.</summary>
    Completion,
}

/// <summary>When a wait returns, as in concurrent.futures.wait.</summary>
[GenerateSerializer]
[Alias("gc.ReturnWhen")]
public enum ReturnWhen
{
    FirstCompleted,
    FirstException,
    AllCompleted,
}
