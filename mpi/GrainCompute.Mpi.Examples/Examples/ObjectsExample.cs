using GrainCompute.Mpi.Examples.Cli;
using GrainCompute.Mpi.Examples.Messages;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Object messages, mpi4py's lower-case <c>send</c>/<c>bcast</c>/<c>gather</c>: records, strings and arrays of
/// records travel through MPI.NET's serializer (System.Text.Json here, see JsonMessageSerializer). Rank 0
/// broadcasts a roster (an array of records), sends every rank a <see cref="WorkOrder"/>, receives a
/// <see cref="Receipt"/> from any source (probe first: AnySourceReceive), and gathers every rank's own receipt; it reports what came back.
/// </summary>
internal sealed class ObjectsExample : IExample
{
    private const int _orderTag = 21;
    private const int _receiptTag = 22;

    public string Name => "objects";

    public string Description => "object messages: Broadcast an array of records, Send/Receive records, Gather records (JSON serializer)";

    public IReadOnlyList<ExampleParameter> Parameters { get; } = [];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var world = context.World;
        var roster = context.IsRoot
            ? [.. Enumerable.Range(0, world.Size).Select(Order)]
            : Array.Empty<WorkOrder>();
        world.Broadcast(ref roster, 0);

        var receipts = new List<Receipt>();
        if (context.IsRoot)
        {
            for (var rank = 1; rank < world.Size; rank++)
            {
                world.Send(roster[rank], rank, _orderTag);
            }

            for (var i = 1; i < world.Size; i++)
            {
                receipts.Add(world.ReceiveFromAnySource<Receipt>(_receiptTag, out _));
            }
        }
        else
        {
            var order = world.Receive<WorkOrder>(0, _orderTag);
            world.Send(new Receipt(world.Rank, $"rank {world.Rank} got '{order.Greeting}'", order.Weights.Sum()), 0, _receiptTag);
        }

        // Every rank derives its own receipt from the broadcast roster: Gather brings them to rank 0 in rank order.
        var mine = roster[world.Rank];
        var gathered = world.Gather(new Receipt(world.Rank, mine.Greeting, mine.Weights.Sum()), 0);
        if (!context.IsRoot)
        {
            return null;
        }

        var sent = receipts.OrderBy(r => r.Rank).ToArray();
        return new ExampleOutcome(
            $"{roster.Length} records broadcast, {sent.Length} receipts received, {gathered.Length} gathered",
            gathered.Sum(r => r.Sum),
            new Dictionary<string, object?> { ["roster"] = roster, ["receipts"] = sent, ["gathered"] = gathered });
    }

    /// <summary>Rank r's order: non-ASCII text and r + 1 weights 0.5, 1.5, …, so every field is checkable.</summary>
    public static WorkOrder Order(int rank) =>
        new(rank, $"grüße an rank {rank} ✓", [.. Enumerable.Range(0, rank + 1).Select(i => i + 0.5)]);
}
