using GrainCompute.Grains;

namespace GrainCompute.Client.Transport;

/// <summary>The client's end of a <see cref="IComputeGateway.Follow"/> call: hands each pushed final status on.</summary>
internal sealed class CompletionObserver(Func<IReadOnlyList<Grains.JobStatus>, Task> finished) : IJobCompletionObserver
{
    public Task Finished(IReadOnlyList<Grains.JobStatus> statuses) => finished(statuses);
}
