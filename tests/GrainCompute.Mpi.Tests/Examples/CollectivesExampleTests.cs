using System.Text.Json;
using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class CollectivesExampleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Collectives_ScanAllgatherAlltoallAndA64BitAllreduce_GiveEveryRankWhatTheFormulasSay(int ranks)
    {
        var details = (await MpiExec.RunAsync(ranks, "collectives", "--json")).Report().GetProperty("details");
        var all = Enumerable.Range(0, ranks).ToArray();

        Assert.Equal(all.Select(r => (long)(r + 1) * (r + 2) / 2), Longs(details.GetProperty("scan")));
        Assert.Equal(all.Select(r => (long)r * (r + 1) / 2), Longs(details.GetProperty("exclusiveScan")));
        Assert.All(details.GetProperty("allgather").EnumerateArray(), squares => Assert.Equal(all.Select(r => (long)r * r), Longs(squares)));
        var alltoall = details.GetProperty("alltoall").EnumerateArray().ToList();
        foreach (var rank in all)
        {
            Assert.Equal(all.Select(j => (100L * j) + rank), Longs(alltoall[rank]));
        }

        // Above 2³²: wrong if MPI.NET's long travelled as a 32-bit MPI type.
        Assert.Equal((ranks * (1L << 40)) + (ranks * (ranks - 1) / 2), details.GetProperty("int64Sum").GetInt64());
    }

    private static IEnumerable<long> Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64());
}
