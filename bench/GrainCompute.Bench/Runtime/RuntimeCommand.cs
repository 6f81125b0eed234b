using System.Globalization;
using GrainCompute.Bench.Cli;
using GrainCompute.Bench.Measurement;
using GrainCompute.Bench.Reporting;

namespace GrainCompute.Bench.Runtime;

/// <summary>
/// <c>graincompute-bench runtime</c>: grain-call throughput and latency of the runtime itself, in one silo and
/// between two silos over the in-memory transport and over TCP on loopback.
/// </summary>
internal sealed class RuntimeCommand : IBenchCommand
{
    private static readonly string[] Options = ["--seconds", "--warmup", "--concurrency", "--grains", "--out"];

    public string Name => "runtime";

    public string Usage => "runtime [--seconds N=5] [--warmup N=2] [--concurrency C=64] [--grains G=64] [--out DIR=bench/results]";

    public string Summary => "Grain calls/s with C callers and p50/p99/p99.9 latency with one caller: in-silo, cross-silo in-memory, cross-silo TCP.";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var arguments = BenchArguments.Parse(args, Options);
        var duration = TimeSpan.FromSeconds(arguments.GetDouble("--seconds", 5, min: 0.1));
        var warmup = TimeSpan.FromSeconds(arguments.GetDouble("--warmup", 2, min: 0));
        var concurrency = arguments.GetInt32("--concurrency", 64, min: 1);
        var grains = arguments.GetInt32("--grains", 64, min: 1);
        var outDirectory = arguments.GetString("--out", Path.Combine("bench", "results"));
        var date = TimeProvider.System.GetUtcNow();
        var machine = MachineInfo.Current();
        Console.WriteLine($"graincompute-bench runtime on {machine}");
        if (machine.Configuration != "Release")
        {
            Console.WriteLine($"warning: this is a {machine.Configuration} build; numbers are only meaningful with -c Release.");
        }

        ScenarioSetup[] setups =
        [
            new("in-silo", BenchTransport.InMemory, Silos: 1, grains),
            new("cross-silo", BenchTransport.InMemory, Silos: 2, grains),
            new("cross-silo", BenchTransport.Tcp, Silos: 2, grains),
        ];
        var rows = new List<RuntimeRow>();
        foreach (var setup in setups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.AddRange(await MeasureAsync(setup, concurrency, warmup, duration));
        }

        var report = new RuntimeReport(date, machine, Command(args), warmup.TotalSeconds, duration.TotalSeconds, CompareWithInSilo(rows));
        await ReportFiles.WriteAsync(outDirectory, "runtime", report.ToMarkdown(), report.ToJson(), cancellationToken);
        return 0;
    }

    private static async Task<RuntimeRow[]> MeasureAsync(ScenarioSetup setup, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        Console.WriteLine($"{setup.Name} over {setup.TransportName}: {setup.Silos} silo(s), {setup.Grains} grains, {concurrency} callers");
        RuntimeRow throughput, latency;
        await using (var cluster = await BenchCluster.StartAsync(setup.Silos, setup.Transport))
        {
            var targets = await BenchCluster.GrainsOnAsync(cluster.Silos[0], cluster.Silos[^1], setup.Grains);
            if (await targets[0].Ping(41) != 42)
            {
                throw new InvalidOperationException("Ping(41) did not return 42: the runtime returned a wrong result.");
            }

            var throughputResult = await ClosedLoop.ThroughputAsync(concurrency, caller => PingLoop(targets[caller % targets.Length]), warmup, duration);
            throughput = RuntimeRow.FromThroughput(setup, concurrency, throughputResult, ThroughputGoal(setup));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  throughput: {throughput.CallsPerSecond:N0} calls/s, fairness {throughput.Fairness:0.00}, slowest call {throughput.MaxMicroseconds:N0} µs, {throughput.FailedCalls} failed"));

            var latencyResult = await ClosedLoop.LatencyAsync(PingLoop(targets[0]), warmup, duration);
            latency = RuntimeRow.FromLatency(setup, latencyResult, LatencyGoal(setup));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  latency: p50 {latency.P50Microseconds:0.0} µs, p99 {latency.P99Microseconds:0.0} µs, p99.9 {latency.P999Microseconds:0.0} µs, {latency.FailedCalls} failed"));
        }

        // Garbage of one setup must not be collected on the next one's clock.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return [throughput, latency];
    }

    /// <summary>One caller's operation: <c>await grain.Ping(i++)</c>, with no allocation of its own per call.</summary>
    private static Func<Task> PingLoop(IPingGrain grain)
    {
        var i = 0;
        return () => grain.Ping(i++);
    }

    // The goals, for a 2-core machine: ≥ 200k in-silo calls/s, ≥ 50k cross-silo calls/s, p50 cross-silo < 200 µs.
    private static Goal? ThroughputGoal(ScenarioSetup setup) => setup switch
    {
        { IsInSilo: true } => Goal.AtLeastCallsPerSecond(200_000),
        { Transport: BenchTransport.Tcp } => Goal.AtLeastCallsPerSecond(50_000),
        _ => null,
    };

    private static Goal? LatencyGoal(ScenarioSetup setup) =>
        setup is { IsInSilo: false, Transport: BenchTransport.Tcp } ? Goal.P50Below(200) : null;

    /// <summary>Throughput rows first, then latency rows; each with its ratio to the in-silo row of its kind.</summary>
    private static List<RuntimeRow> CompareWithInSilo(List<RuntimeRow> rows)
    {
        var ordered = rows.OrderBy(r => r.IsLatency).ToList();
        var inSiloThroughput = ordered.First(r => !r.IsLatency && r.Silos == 1).CallsPerSecond;
        var inSiloP50 = ordered.First(r => r.IsLatency && r.Silos == 1).P50Microseconds!.Value;
        foreach (var row in ordered)
        {
            row.VersusInSilo = row.IsLatency ? row.P50Microseconds!.Value / inSiloP50 : row.CallsPerSecond / inSiloThroughput;
        }

        return ordered;
    }

    private static string Command(string[] args) =>
        string.Join(' ', new[] { "graincompute-bench", "runtime" }.Concat(args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)));
}
