using System.Buffers.Binary;
using GrainCompute.Samples;
using GrainCompute.Samples.ThermalGas;

namespace GrainCompute.Client.Tests;

/// <summary>The samples (samples/GrainCompute.Samples) run against the embedded silo and print what the seeds print.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class SamplesTests(LocalClusterFixture cluster)
{
    [Theory]
    [InlineData("julia", "1228800 pixels")]
    [InlineData("isprime", "489133282872437279 is prime.")]
    [InlineData("montecarlo-pi", "π ≈ 3.14")]
    [InlineData("collatz", "524 steps")]
    [InlineData("futures", "result 3, done: True")]
    [InlineData("dependencies", "slowadd(slowinc(1), slowinc(2)) = 5")]
    [InlineData("sumprimes", "300000 : Sum = 3709507114")]
    [InlineData("as-completed", "Return of 4")]
    [InlineData("wait", "all completed: 5 done, 0 not done")]
    public async Task Sample_RunsAndPrintsTheSeedsAnswer(string sample, string expected)
    {
        using var output = new StringWriter();

        await Seeds.All[sample](cluster.Client, output).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thermal_gas_sample_draws_a_png_of_the_trajectories_and_speeds()
    {
        // The shared cluster serves the built-ins only; this one also serves the sample's kernel pack.
        await using var client = await ComputeClient.StartLocalAsync(new LocalClusterOptions { WorkerSlots = 2 }.AddKernel<ThermalGasKernel>());
        var path = Path.Combine(Path.GetTempPath(), $"thermal-gas-{Guid.NewGuid():N}.png");
        using var output = new StringWriter();
        try
        {
            await ThermalGasSample.RunAsync(client, output, path).WaitAsync(TimeSpan.FromMinutes(2));

            var png = await File.ReadAllBytesAsync(path);
            Assert.InRange(png.Length, 50_000, 10_000_000); // a blank canvas compresses to a few kB
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal(1600, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(760, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
            Assert.Contains($"figure written to {path}", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("100 trajectories", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
