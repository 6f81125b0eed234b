using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using GrainCompute.Bench.Cli;
using GrainCompute.Bench.Cluster;
using GrainCompute.Bench.Measurement;
using GrainCompute.Bench.Reporting;

namespace GrainCompute.Bench.Dashboard;

/// <summary>
/// <c>graincompute-bench dashboard</c>: what an open dashboard costs a busy silo. One real silo process serves a
/// closed-loop noop-futures load over HTTP; rounds alternate the dashboards closed and open (a viewer that requests
/// what our page requests and, unless --orleans false, one that polls what the Orleans dashboard's overview polls)
/// in ABBA order, and the report compares the medians: throughput loss and silo CPU per future. The issue's goal,
/// under 2 % loss, is reported, not asserted.
/// </summary>
internal sealed class DashboardCommand : IBenchCommand
{
    private static readonly string[] Options = ["--pairs", "--seconds", "--settle", "--warmup", "--concurrency", "--orleans", "--silo", "--out"];
    private static readonly string DefaultSilo = Path.Combine("silo", "GrainCompute.Silo", "bin", "Release", "net10.0", "graincompute-silo.dll");

    // The Orleans dashboard's profiler times every grain call while a dashboard views it and is switched off by its
    // own grains some time after: a closed round settles first, so its measured seconds do not pay for the open round
    // before it.
    private static readonly TimeSpan ProfilingLinger = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstUpdateTimeout = TimeSpan.FromSeconds(30);

    public string Name => "dashboard";

    public string Usage => "dashboard [--pairs N=4] [--seconds N=10] [--settle N=6] [--warmup N=12] [--concurrency C=64] [--orleans true|false=true] [--silo DLL] [--out DIR=bench/results]";

    public string Summary => "Noop futures/s over HTTP on a silo process with the dashboards closed vs open (our live stream read as the page does, the Orleans dashboard polled as its page does), in alternating rounds: the loss.";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var arguments = BenchArguments.Parse(args, Options);
        var pairs = arguments.GetInt32("--pairs", 4, min: 1);
        var duration = TimeSpan.FromSeconds(arguments.GetDouble("--seconds", 10, min: 1));
        var settle = TimeSpan.FromSeconds(arguments.GetDouble("--settle", 6, min: 0));
        var warmup = TimeSpan.FromSeconds(arguments.GetDouble("--warmup", 12, min: 0));
        var concurrency = arguments.GetInt32("--concurrency", 64, min: 1);
        var orleans = arguments.GetString("--orleans", "true") switch
        {
            "true" => true,
            "false" => false,
            var other => throw new ArgumentException($"--orleans must be true or false, not '{other}'"),
        };
        var siloDll = Path.GetFullPath(arguments.GetString("--silo", DefaultSilo));
        var outDirectory = arguments.GetString("--out", Path.Combine("bench", "results"));
        if (!File.Exists(siloDll))
        {
            return Fail($"no silo at {siloDll}: build it first with `dotnet build silo/GrainCompute.Silo -c Release` (from the repository root), or pass --silo DLL.");
        }

        var date = TimeProvider.System.GetUtcNow();
        var machine = MachineInfo.Current();
        var loadAtStart = Statistics.LoadAverage();
        Console.WriteLine($"graincompute-bench dashboard on {machine}");
        if (machine.Configuration != "Release")
        {
            Console.WriteLine($"warning: this is a {machine.Configuration} build of the benchmark (the load generator); the silo runs {siloDll}.");
        }

        if (settle <= ProfilingLinger)
        {
            Console.WriteLine($"warning: --settle {settle.TotalSeconds:0.#} s is not longer than the {ProfilingLinger.TotalSeconds:0} s a silo keeps profiling after the dashboard closes; closed rounds will include some of it.");
        }

        // Ctrl-C or SIGTERM skips the finally blocks: take the silo process down first.
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => SiloProcess.KillAll());
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => SiloProcess.KillAll());
        try
        {
            await using var silo = await SiloProcess.StartAsync(
                siloDll,
                ["--Silo:ClusterId=bench-dashboard", "--Membership:Provider=Development", "--Dashboard:Enabled=true"],
                core: null,
                TimeSpan.FromSeconds(60));
            Console.WriteLine($"silo {silo.Address}, API {silo.Api}");
            using var api = new ComputeApi(silo.Api);
            var futures = new NoopFutures(api);
            var dashboard = new Uri(silo.Api, "/dashboard/");
            var orleansDashboard = orleans ? new Uri(silo.Api, "/dashboard/orleans/") : null;
            await futures.RunOneAsync();

            // Warm-up: the load with the dashboard open, then closed for longer than profiling lingers, so both paths are jitted.
            long pageBytes;
            await using (var viewer = await DashboardViewer.OpenAsync(dashboard, FirstUpdateTimeout))
            await using (var orleansViewer = orleansDashboard is null ? null : await OrleansDashboardViewer.OpenAsync(orleansDashboard))
            {
                pageBytes = viewer.PageBytes;
                await ClosedLoop.ThroughputAsync(concurrency, _ => futures.RunOneAsync, TimeSpan.Zero, warmup / 2);
            }

            var closedWarmup = warmup / 2 > ProfilingLinger ? warmup / 2 : ProfilingLinger + TimeSpan.FromSeconds(1);
            await ClosedLoop.ThroughputAsync(concurrency, _ => futures.RunOneAsync, TimeSpan.Zero, closedWarmup);
            Console.WriteLine($"warmed up: {futures.Submitted:N0} futures");

            var rounds = new List<DashboardRound>();
            foreach (var (open, index) in Plan(pairs).Select((open, i) => (open, i + 1)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                rounds.Add(await MeasureRoundAsync(index, open, silo, futures, dashboard, orleansDashboard, concurrency, settle, duration));
                var r = rounds[^1];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {index} dashboard {(open ? "open  " : "closed")}: {r.FuturesPerSecond,8:N0} futures/s, silo {r.SiloCpuMicrosecondsPerFuture:N0} µs CPU/future ({r.SiloCpuPercent:0} % of a core), {r.FailedFutures} failed{(open ? $", {r.Updates} updates" : "")}{(r.OrleansPolls is { } polls ? $", {polls} Orleans polls" : "")}"));
            }

            var report = new DashboardReport(date, machine, Command(args), SiloDescription(siloDll), concurrency, warmup.TotalSeconds, settle.TotalSeconds, duration.TotalSeconds,
                loadAtStart, Statistics.LoadAverage(), pageBytes, orleans, rounds);
            await ReportFiles.WriteAsync(outDirectory, "dashboard", report.ToMarkdown(), report.ToJson(), cancellationToken);
            var failed = rounds.Sum(r => r.FailedFutures);
            return failed == 0 ? 0 : Fail($"{failed} future(s) failed; see the report.");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            return Fail(e.Message);
        }
    }

    /// <summary>ABBA…: closed, open, open, closed, closed, open, …; a linear drift weighs on both sides alike.</summary>
    private static IEnumerable<bool> Plan(int pairs) =>
        Enumerable.Range(0, pairs).SelectMany(p => p % 2 == 0 ? new[] { false, true } : [true, false]);

    private static async Task<DashboardRound> MeasureRoundAsync(
        int index, bool open, SiloProcess silo, NoopFutures futures, Uri dashboard, Uri? orleansDashboard, int concurrency, TimeSpan settle, TimeSpan duration)
    {
        var jobsSubmitted = futures.Submitted;
        var viewer = open ? await DashboardViewer.OpenAsync(dashboard, FirstUpdateTimeout) : null;
        var orleansViewer = open && orleansDashboard is not null ? await OrleansDashboardViewer.OpenAsync(orleansDashboard) : null;
        try
        {
            // The silo's CPU over the same window ClosedLoop counts: both start their clocks now.
            var siloCpu = SiloCpuAsync(silo.ProcessId, settle, duration);
            var result = await ClosedLoop.ThroughputAsync(concurrency, _ => futures.RunOneAsync, settle, duration);
            var cpu = await siloCpu;
            return new DashboardRound
            {
                Round = index,
                DashboardOpen = open,
                Futures = result.Calls,
                FailedFutures = result.FailedCalls,
                Seconds = result.Usage.Elapsed.TotalSeconds,
                FuturesPerSecond = result.CallsPerSecond,
                Fairness = result.Fairness,
                SiloCpuMicrosecondsPerFuture = PerFuture(cpu.TotalMicroseconds, result.Calls),
                SiloCpuPercent = cpu / result.Usage.Elapsed * 100,
                BenchCpuMicrosecondsPerFuture = PerFuture(result.Usage.CpuTime.TotalMicroseconds, result.Calls),
                JobsSubmitted = jobsSubmitted,
                Updates = viewer?.Updates,
                BytesPerUpdate = viewer is { Updates: > 0 } v ? (double)v.UpdateBytes / v.Updates : null,
                Reconnects = viewer?.Reconnects,
                OrleansPolls = orleansViewer?.Polls,
                OrleansFailures = orleansViewer?.Failures,
            };
        }
        finally
        {
            if (orleansViewer is not null)
            {
                await orleansViewer.DisposeAsync();
            }

            if (viewer is not null)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    private static async Task<TimeSpan> SiloCpuAsync(int processId, TimeSpan settle, TimeSpan duration)
    {
        await Task.Delay(settle);
        var start = ProcessCpu(processId);
        await Task.Delay(duration);
        return ProcessCpu(processId) - start;
    }

    private static TimeSpan ProcessCpu(int processId)
    {
        using var process = Process.GetProcessById(processId);
        return process.TotalProcessorTime;
    }

    private static double PerFuture(double total, long futures) => futures == 0 ? double.NaN : total / futures;

    private static string SiloDescription(string siloDll)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, siloDll);
        var configuration = siloDll.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release"
            : siloDll.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "build unknown";
        return $"{configuration}, {relative}";
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"graincompute-bench dashboard: {message}");
        return 1;
    }

    private static string Command(string[] args) => string.Join(' ', new[] { "graincompute-bench", "dashboard" }.Concat(args));
}
