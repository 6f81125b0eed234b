using System.Diagnostics;

namespace GrainCompute.Service.Tests.Api;

public sealed class SiloExitCodeTests
{
    [Fact]
    public async Task The_silo_process_with_a_bad_setting_prints_one_line_and_exits_2()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "graincompute-silo.dll"), "--Silo:SiloPort=99999" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("graincompute-silo: Silo:SiloPort must be 0..65535, not 99999 (set GRAINCOMPUTE__SILO__SILOPORT or --Silo:SiloPort=…)", line);
    }
}
