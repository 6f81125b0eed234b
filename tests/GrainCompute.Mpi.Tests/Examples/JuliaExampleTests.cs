using System.Text;
using GrainCompute.Kernels;
using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class JuliaExampleTests
{
    private const int _width = 160;
    private const int _height = 120;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Julia_PoolImage_EqualsTheSeedsSerialLoop(int ranks)
    {
        var report = (await MpiExec.RunAsync(ranks, "julia", "--width", "160", "--height", "120", "--chunk", "7", "--json")).Report();

        Assert.Equal(SeedJulia.Sha256(SeedJulia.Pgm(_width, _height)), report.GetProperty("result").GetString());
        var linesPerRank = report.GetProperty("details").GetProperty("linesPerRank").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(_height, linesPerRank.Sum());
        if (ranks > 1)
        {
            Assert.Equal(0, linesPerRank[0]); // the master only hands out work when it has workers
        }
    }

    [Fact]
    public async Task Julia_PoolImage_EqualsTheGrainKernelsJuliaLine()
    {
        var report = (await MpiExec.RunAsync(3, "julia", "--width", "160", "--height", "120", "--chunk", "1", "--json")).Report();

        var pixels = new byte[_width * _height];
        for (var k = 0; k < _height; k++)
        {
            JuliaLine.Compute(k, _width, _height, pixels.AsSpan(k * _width, _width));
        }

        byte[] pgm = [.. Encoding.ASCII.GetBytes($"P5 {_width} {_height} 255\n"), .. pixels];
        Assert.Equal(SeedJulia.Sha256(pgm), report.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Julia_WithOutput_WritesThePgmFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"julia-{Guid.NewGuid():N}.pgm");
        try
        {
            _ = (await MpiExec.RunAsync(2, "julia", "--width", "160", "--height", "120", "--output", path, "--json")).Report();

            Assert.Equal(SeedJulia.Pgm(_width, _height), await File.ReadAllBytesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
