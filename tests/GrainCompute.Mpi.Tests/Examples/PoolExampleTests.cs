using System.Text;
using GrainCompute.Kernels;
using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class PoolExampleTests
{
    private const int _width = 160;
    private const int _height = 120;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Pool_MappedLinesInCompletionOrder_MakeTheGrainKernelsImage(int ranks)
    {
        var report = (await MpiExec.RunAsync(ranks, "pool", "--width", "160", "--height", "120", "--json")).Report();

        Assert.Equal(Sha256OfKernelImage(_width, _height), report.GetProperty("result").GetString());
        Assert.Equal(SeedJulia.Sha256(SeedJulia.Pgm(_width, _height)), report.GetProperty("result").GetString());
        var linesPerRank = report.GetProperty("details").GetProperty("linesPerRank").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(_height, linesPerRank.Sum());
        if (ranks > 1)
        {
            Assert.Equal(0, linesPerRank[0]); // rank 0 only hands out items when it has workers
        }
        else
        {
            Assert.Equal(0, report.GetProperty("details").GetProperty("outOfOrder").GetInt32());
        }
    }

    [Fact]
    public async Task Pool_AtTheSeedsSize_WithThreeWorkersRacingToReply_StillMakesTheKernelsImage()
    {
        // 960 object replies from 3 workers at once: the any-source receive must take each reply whole from one sender.
        var report = (await MpiExec.RunAsync(4, "pool", "--json")).Report();

        Assert.Equal(Sha256OfKernelImage(1280, 960), report.GetProperty("result").GetString());
        Assert.Equal(960, report.GetProperty("details").GetProperty("linesPerRank").EnumerateArray().Sum(e => e.GetInt32()));
    }

    private static string Sha256OfKernelImage(int width, int height)
    {
        var pixels = new byte[width * height];
        for (var k = 0; k < height; k++)
        {
            JuliaLine.Compute(k, width, height, pixels.AsSpan(k * width, width));
        }

        return SeedJulia.Sha256([.. Encoding.ASCII.GetBytes($"P5 {width} {height} 255\n"), .. pixels]);
    }
}
