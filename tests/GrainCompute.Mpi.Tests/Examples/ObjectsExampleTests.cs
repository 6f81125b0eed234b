using GrainCompute.Mpi.Examples.Examples;
using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class ObjectsExampleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Objects_RecordsStringsAndArraysOfRecords_ArriveIntactOnEveryPath(int ranks)
    {
        var details = (await MpiExec.RunAsync(ranks, "objects", "--json")).Report().GetProperty("details");

        // Broadcast of an array of records: every field of every element as rank 0 built it.
        var roster = details.GetProperty("roster").EnumerateArray().ToList();
        Assert.Equal(ranks, roster.Count);
        for (var rank = 0; rank < ranks; rank++)
        {
            var order = ObjectsExample.Order(rank);
            Assert.Equal(order.Greeting, roster[rank].GetProperty("greeting").GetString());
            Assert.Equal(order.Weights, roster[rank].GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()));
        }

        // Send/Receive of records, any source: one receipt per other rank, echoing what that rank was sent.
        var receipts = details.GetProperty("receipts").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, ranks - 1), receipts.Select(r => r.GetProperty("rank").GetInt32()));
        foreach (var receipt in receipts)
        {
            var order = ObjectsExample.Order(receipt.GetProperty("rank").GetInt32());
            Assert.Equal($"rank {order.Rank} got '{order.Greeting}'", receipt.GetProperty("echo").GetString());
            Assert.Equal(order.Weights.Sum(), receipt.GetProperty("sum").GetDouble());
        }

        // Gather of records: in rank order, the weights 0.5 + 1.5 + … + (r + 0.5) summed per rank.
        var gathered = details.GetProperty("gathered").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, ranks), gathered.Select(g => g.GetProperty("rank").GetInt32()));
        Assert.Equal(Enumerable.Range(0, ranks).Select(r => (r + 1) * (r + 1) / 2.0), gathered.Select(g => g.GetProperty("sum").GetDouble()));
    }
}
