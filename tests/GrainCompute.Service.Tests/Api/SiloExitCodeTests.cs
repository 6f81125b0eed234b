using System.Diagnostics;
using GrainCompute.Testing;

namespace GrainCompute.Service.Tests.Api;

public sealed class SiloExitCodeTests
{
    [Fact]
    public async Task The_silo_process_with_a_bad_setting_prints_one_line_and_exits_2()
    {
        var (exitCode, line) = await RunSiloAsync("--Silo:SiloPort=99999");

        Assert.Equal(2, exitCode);
        Assert.Equal("graincompute-silo: Silo:SiloPort must be 0..65535, not 99999 (set GRAINCOMPUTE__SILO__SILOPORT or --Silo:SiloPort=…)", line);
    }

    [Fact]
    public async Task The_silo_process_with_a_missing_kernel_pack_prints_one_line_and_exits_2()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-pack-{Guid.NewGuid():N}", "Acme.Kernels.dll");

        var (exitCode, line) = await RunSiloAsync($"--Compute:KernelPacks:0={missing}");

        Assert.Equal(2, exitCode);
        Assert.Equal($"graincompute-silo: Compute:KernelPacks: {missing}: no such file or folder", line);
    }

    [Fact]
    public async Task The_silo_process_with_a_pack_that_clashes_with_a_built_in_prints_one_line_and_exits_2()
    {
        var pack = PackCompiler.Compile("Clash.Pack", TestPacks.Cube.Replace("\"cube\"", "\"isprime\"", StringComparison.Ordinal));

        var (exitCode, line) = await RunSiloAsync($"--Compute:KernelPacks:0={pack}");

        Assert.Equal(2, exitCode);
        Assert.Equal($"graincompute-silo: Compute:KernelPacks: {pack}: kernel 'isprime' (Packs.CubeKernel) clashes with a built-in kernel of that name; rename one", line);
    }

    private static async Task<(int ExitCode, string Line)> RunSiloAsync(string setting)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "graincompute-silo.dll"), setting },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
