using GrainCompute.Mpi.Examples.Cli;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Seed 002's <c>mpi.py</c>: every rank reports rank/size/host; rank 0 sends a greeting to every other rank
/// and collects a reply from whichever answers first (any-source receive); host names come back by Gather.
/// Greetings, replies and names are strings, so they travel as object messages (JsonMessageSerializer).
/// </summary>
internal sealed class HelloExample : IExample
{
    private const int _greetingTag = 1;
    private const int _replyTag = 2;

    public string Name => "hello";

    public string Description => "every rank reports rank/size/host; rank 0 greets every rank and collects the replies";

    public IReadOnlyList<ExampleParameter> Parameters { get; } = [];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var world = context.World;
        ExampleContext.Say($"hello from rank {world.Rank} of {world.Size} on {MpiEnvironment.ProcessorName} (thread level {MpiEnvironment.ProvidedThreadLevel})");
        var replies = new List<string>();
        if (world.Rank == 0)
        {
            for (var rank = 1; rank < world.Size; rank++)
            {
                world.Send($"greetings from rank 0 to rank {rank}", rank, _greetingTag);
            }

            for (var i = 1; i < world.Size; i++)
            {
                // An object message from any source: probe, then receive (AnySourceReceive says why).
                var reply = world.ReceiveFromAnySource<string>(_replyTag, out var source);
                replies.Add(reply);
                ExampleContext.Say($"rank 0 got from rank {source}: {reply}");
            }
        }
        else
        {
            var greeting = world.Receive<string>(0, _greetingTag);
            world.Send($"rank {world.Rank} received '{greeting}'", 0, _replyTag);
        }

        var hosts = world.Gather(MpiEnvironment.ProcessorName, 0);
        return world.Rank == 0
            ? new ExampleOutcome(
                $"{world.Size} ranks on {string.Join(", ", hosts.Distinct())}; {replies.Count} replies",
                replies.Count,
                new Dictionary<string, object?> { ["hosts"] = hosts, ["replies"] = replies, ["threadLevel"] = MpiEnvironment.ProvidedThreadLevel.ToString() })
            : null;
    }
}
