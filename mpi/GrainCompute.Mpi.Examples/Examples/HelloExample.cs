using System.Text;
using GrainCompute.Mpi.Examples.Cli;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Seed 002's <c>mpi.py</c>: every rank reports rank/size/host; rank 0 sends a greeting to every other rank
/// and collects a reply from whichever answers first (any-source receive); host names come back by Gather.
/// </summary>
internal sealed class HelloExample : IExample
{
    private const int _greetingTag = 1;
    private const int _replyTag = 2;
    private const int _nameBytes = 64;

    public string Name => "hello";

    public string Description => "every rank reports rank/size/host; rank 0 greets every rank and collects the replies";

    public IReadOnlyList<ExampleParameter> Parameters { get; } = [];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var world = context.World;
        ExampleContext.Say($"hello from rank {world.Rank} of {world.Size} on {context.Mpi.ProcessorName} (thread level {context.Mpi.ProvidedThreadLevel})");
        var buffer = new byte[256];
        var replies = new List<string>();
        if (world.Rank == 0)
        {
            for (var rank = 1; rank < world.Size; rank++)
            {
                world.Send<byte>(Encoding.UTF8.GetBytes($"greetings from rank 0 to rank {rank}"), rank, _greetingTag);
            }

            for (var i = 1; i < world.Size; i++)
            {
                var status = world.Recv<byte>(buffer, Mpi.AnySource, _replyTag);
                var reply = Encoding.UTF8.GetString(buffer, 0, status.Count);
                replies.Add(reply);
                ExampleContext.Say($"rank 0 got from rank {status.Source}: {reply}");
            }
        }
        else
        {
            var status = world.Recv<byte>(buffer, 0, _greetingTag);
            var greeting = Encoding.UTF8.GetString(buffer, 0, status.Count);
            world.Send<byte>(Encoding.UTF8.GetBytes($"rank {world.Rank} received '{greeting}'"), 0, _replyTag);
        }

        var hosts = GatherNames(world, context.Mpi.ProcessorName);
        return world.Rank == 0
            ? new ExampleOutcome(
                $"{world.Size} ranks on {string.Join(", ", hosts.Distinct())}; {replies.Count} replies",
                replies.Count,
                new Dictionary<string, object?> { ["hosts"] = hosts, ["replies"] = replies, ["threadLevel"] = context.Mpi.ProvidedThreadLevel.ToString() })
            : null;
    }

    private static string[] GatherNames(Communicator world, string name)
    {
        var mine = new byte[_nameBytes];
        _ = Encoding.UTF8.GetBytes(name.AsSpan(0, Math.Min(name.Length, _nameBytes / 4)), mine);
        var all = new byte[world.Rank == 0 ? _nameBytes * world.Size : 0];
        world.Gather<byte>(mine, all, 0);
        return [.. Enumerable.Range(0, all.Length / _nameBytes)
            .Select(r => Encoding.UTF8.GetString(all.AsSpan(r * _nameBytes, _nameBytes)).TrimEnd('\0'))];
    }
}
