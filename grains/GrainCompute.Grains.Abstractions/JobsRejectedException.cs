namespace GrainCompute.Grains;

/// <summary>
/// A batch refused whole because some of its jobs are invalid: each bad field by the job's index ("jobs[3].parameters.n"),
/// as the HTTP API's validation problem lists them.
/// </summary>
[GenerateSerializer]
[Alias("gc.JobsRejectedException")]
public sealed class JobsRejectedException : Exception
{
    public JobsRejectedException(string message, Dictionary<string, string[]> errors)
        : base(message)
    {
        Errors = errors;
    }

    public JobsRejectedException()
        : this("invalid jobs", [])
    {
    }

    public JobsRejectedException(string message)
        : this(message, [])
    {
    }

    public JobsRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Field ("jobs[3].parameters.n") → what is wrong with it.</summary>
    [Id(0)]
    public Dictionary<string, string[]> Errors { get; private set; }
}
