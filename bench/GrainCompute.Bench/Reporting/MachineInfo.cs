using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace GrainCompute.Bench.Reporting;

/// <summary>Where a benchmark ran: enough to tell whether two reports are comparable.</summary>
internal sealed record MachineInfo(int ProcessorCount, string Cpu, string Os, string Framework, string Architecture, string Gc, string Configuration)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Interactive ? ", concurrent" : "")
            // The silo image's gen0 budget (docker/silo.Dockerfile): this process and the silos it starts inherit it.
            + (Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is { Length: > 0 } gen0 ? $", DOTNET_GCgen0size={gen0}" : ""),
        typeof(MachineInfo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown");

    public override string ToString() =>
        $"{ProcessorCount} logical processors ({Cpu}), {Os}, {Framework} {Architecture}, {Gc} GC, {Configuration} build";

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return "cpu unknown";
        }

        var model = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model is null ? "cpu unknown" : model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
