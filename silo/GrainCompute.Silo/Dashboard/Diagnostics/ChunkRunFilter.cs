using GrainCompute.Grains;

namespace GrainCompute.Server.Dashboard.Diagnostics;

/// <summary>
/// An Orleans incoming grain call filter that counts the chunks this silo's workers ran and how long each took (from
/// <see cref="ISiloWorkerGrain.Run"/>'s outcomes), for the cluster charts. Every other call goes straight on after one
/// type comparison: per-grain call statistics are the Orleans dashboard's (<see cref="OrleansDashboard"/>), not ours.
/// </summary>
internal sealed class ChunkRunFilter : IIncomingGrainCallFilter
{
    /// <summary>Chunks run by this silo's workers.</summary>
    public ChunkRunCounters ChunkRuns { get; } = new();

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.Request.GetInterfaceType() == typeof(ISiloWorkerGrain) && context.MethodName == nameof(ISiloWorkerGrain.Run)
            ? CountAsync(context)
            : context.Invoke();

    private async Task CountAsync(IIncomingGrainCallContext context)
    {
        await context.Invoke();

        // Orleans may hand a grain method's exception back in the response instead of throwing it here.
        if (context.Response?.Exception is null && context.Result is ChunkOutcome outcome)
        {
            ChunkRuns.Finished(outcome.Seconds);
        }
    }
}
