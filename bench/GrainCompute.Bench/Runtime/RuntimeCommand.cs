using System.Globalization;
using GrainCompute.Bench.Cli;
using GrainCompute.Bench.Measurement;
using GrainCompute.Bench.Reporting;

namespace GrainCompute.Bench.Runtime;

/// <summary>
/// <c>graincompute-bench runtime</c>: grain-call throughput and latency of Orleans itself, hosted in this process:
/// callers in the grains' silo, callers on another silo (TCP on loopback), and an Orleans client through the gateway.
/// Each scenario gets a fresh cluster, so no scenario runs next to another's activations or connections.
/// </summary>
internal sealed class RuntimeCommand : IBenchCommand
{
    private static readonly string[] Options = ["--seconds", "--warmup", "--concurrency", "--grains", "--out"];

    public string Name => "runtime";

    public string Usage => "runtime [--seconds N=5] [--warmup N=2] [--concurrency C=64] [--grains G=64] [--out DIR=bench/results]";

    public string Summary => "Orleans grain calls/s with C callers and p50/p99/p99.9 latency with one caller: in-silo, cross-silo TCP, client via gateway.";

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
            new("in-silo", BenchCaller.InSilo, Silos: 1, grains),
            new("cross-silo", BenchCaller.CrossSilo, Silos: 2, grains),
            new("client", BenchCaller.Client, Silos: 1, grains),
        ];
        var measured = new List<(ScenarioSetup Setup, RuntimeRow[] Rows)>();
        foreach (var setup in setups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            measured.Add((setup, await MeasureAsync(setup, concurrency, warmup, duration, cancellationToken)));
        }

        var report = new RuntimeReport(date, machine, Command(args), warmup.TotalSeconds, duration.TotalSeconds, CompareWithInSilo(measured));
        await ReportFiles.WriteAsync(outDirectory, "runtime", report.ToMarkdown(), report.ToJson(), cancellationToken);
        return 0;
    }

    private static async Task<RuntimeRow[]> MeasureAsync(ScenarioSetup setup, int concurrency, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{setup.Name} over {setup.TransportName}: {setup.Silos} silo(s), {setup.Shape}; {setup.Grains} grains, {concurrency} callers");
        RuntimeRow throughput, latency;
        await using (var cluster = await BenchCluster.StartAsync(setup.Silos, withClient: setup.Caller == BenchCaller.Client, cancellationToken))
        {
            var targets = await cluster.GrainsForAsync(setup.Caller, setup.Grains);
            if (await targets[0].Ping(41) != 42)
            {
                throw new InvalidOperationException("Ping(41) did not return 42: Orleans returned a wrong result.");
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
    // They were set for the runtime Orleans replaces and stay, so the two can be compared; the client has none.
    private static Goal? ThroughputGoal(ScenarioSetup setup) => setup.Caller switch
    {
        BenchCaller.InSilo => Goal.AtLeastCallsPerSecond(200_000),
        BenchCaller.CrossSilo => Goal.AtLeastCallsPerSecond(50_000),
        _ => null,
    };

    private static Goal? LatencyGoal(ScenarioSetup setup) =>
        setup.Caller == BenchCaller.CrossSilo ? Goal.P50Below(200) : null;

    /// <summary>Throughput rows first, then latency rows; each with its ratio to the in-silo row of its kind.</summary>
    private static List<RuntimeRow> CompareWithInSilo(List<(ScenarioSetup Setup, RuntimeRow[] Rows)> measured)
    {
        // The client scenario also runs one silo, so the in-silo rows are found by their setup, not by the silo count.
        var inSilo = measured.First(m => m.Setup.IsInSilo).Rows;
        var inSiloThroughput = inSilo.First(r => !r.IsLatency).CallsPerSecond;
        var inSiloP50 = inSilo.First(r => r.IsLatency).P50Microseconds!.Value;
        var ordered = measured.SelectMany(m => m.Rows).OrderBy(r => r.IsLatency).ToList();
        foreach (var row in ordered)
        {
            row.VersusInSilo = row.IsLatency ? row.P50Microseconds!.Value / inSiloP50 : row.CallsPerSecond / inSiloThroughput;
        }

        return ordered;
    }

    private static string Command(string[] args) =>
        string.Join(' ', new[] { "graincompute-bench", "runtime" }.Concat(args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)));
}
