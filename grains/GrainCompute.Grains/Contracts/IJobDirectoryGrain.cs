using GrainCompute.Runtime;

namespace GrainCompute.Grains;

/// <summary>A job known to the directory.</summary>
public sealed record JobEntry(string Id, string Kernel, DateTimeOffset Submitted, bool Finished);

/// <summary>The list of jobs (key "jobs"), and the limit on how many run at once.</summary>
public interface IJobDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Admits a job; throws <see cref="ComputeLimitException"/> when too many are running.</summary>
    Task Admit(string jobId, string kernel, int maxConcurrentJobs);

    Task Finished(string jobId);

    Task<IReadOnlyList<JobEntry>> List(int limit);
}
