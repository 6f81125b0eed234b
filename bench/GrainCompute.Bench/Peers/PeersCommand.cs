using System.Globalization;
using GrainCompute.Bench.Cli;
using GrainCompute.Bench.Reporting;
using GrainCompute.Bench.Measurement;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// <c>graincompute-bench peers</c>: the seeds' workloads run by native C# (serial and Parallel.For), GrainCompute
/// (embedded, over HTTP to a silo process, its MPI examples, its Python client over HTTP) and the seeds' own Python tools, one after the other on
/// this machine; writes peers.md, peers.json and peers.png, or for a run of some rows (<c>--only a,b</c>) a+b.md and
/// a+b.json, leaving the full run's files alone.
/// </summary>
internal sealed class PeersCommand : IBenchCommand
{
    private static readonly string[] Options = ["--repeats", "--python-repeats", "--cap", "--inflight", "--noop-seconds", "--submit-all", "--submit-all-large", "--only", "--silo", "--mpi", "--python", "--python-dir", "--out"];

    public string Name => "peers";

    public string Usage => "peers [--quick] [--repeats N=3] [--python-repeats N=1] [--cap S=60] [--inflight K=64] [--noop-seconds S=3] [--submit-all N=20000] [--submit-all-large N=100000] [--only w1,w2] [--silo DLL] [--mpi DLL] [--python /usr/bin/python3] [--out DIR=bench/results]";

    public string Summary => "The seed workloads: C# serial and Parallel.For, GrainCompute embedded/HTTP/Orleans gateway/MPI, and the seeds' Python tools (multiprocessing, concurrent.futures, joblib, dask, mpi4py.futures).";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var quick = args.Contains("--quick");
        var arguments = BenchArguments.Parse([.. args.Where(a => a != "--quick")], Options);
        var settings = new PeerSettings(
            arguments.GetInt32("--repeats", 3, min: 1),
            arguments.GetInt32("--python-repeats", 1, min: 1),
            TimeSpan.FromSeconds(arguments.GetDouble("--cap", 60, min: 1)),
            arguments.GetInt32("--inflight", 64, min: 1),
            TimeSpan.FromSeconds(arguments.GetDouble("--noop-seconds", quick ? 1 : 3, min: 0.1)),
            arguments.GetInt32("--submit-all-large", quick ? 10_000 : 100_000, min: 0));
        var outDirectory = arguments.GetString("--out", Path.Combine("bench", "results"));
        var pythonDirectory = Path.GetFullPath(arguments.GetString("--python-dir", Path.Combine("bench", "python")));
        var siloDll = Path.GetFullPath(arguments.GetString("--silo", Built("silo", "GrainCompute.Silo", "graincompute-silo.dll")));
        var mpiDll = Path.GetFullPath(arguments.GetString("--mpi", Built("mpi", "GrainCompute.Mpi.Examples", "graincompute-mpi.dll")));
        var all = PeerWorkloads.Create(quick, settings.NoopWindow, arguments.GetInt32("--submit-all", quick ? 2_000 : 20_000, min: 1));
        var workloads = Select(all, arguments.GetString("--only", ""));

        var machine = MachineInfo.Current();
        Console.WriteLine($"graincompute-bench peers on {machine}{(quick ? " (quick sizes)" : "")}");
        if (machine.Configuration != "Release")
        {
            Console.WriteLine($"warning: this is a {machine.Configuration} build of the benchmark (the embedded silo and C# contenders run in it).");
        }

        var probe = new PythonProbe(arguments.GetString("--python", "/usr/bin/python3"));
        await using var embedded = new GrainComputeContender(PeerRow.Embedded, GrainComputeTarget.StartEmbeddedAsync, settings);
        await using var overHttp = new GrainComputeContender(PeerRow.OverHttp, () => GrainComputeTarget.StartProcessAsync(siloDll), settings);
        await using var overGateway = new GrainComputeContender(PeerRow.OverGateway, () => GrainComputeTarget.StartGatewayProcessAsync(siloDll), settings);
        await using var pythonClientSilo = new PythonClientSilo(siloDll);
        IPeerContender[] contenders =
        [
            new NativeSerialContender(settings),
            new ParallelForContender(settings),
            embedded,
            overHttp,
            overGateway,
            new MpiContender(mpiDll, settings),
            new PythonContender(PythonTool.GrainComputeClient, probe, pythonDirectory, settings, pythonClientSilo),
            .. PythonTool.All.Select(tool => new PythonContender(tool, probe, pythonDirectory, settings)),
        ];

        var load = Statistics.LoadAverage();
        var date = TimeProvider.System.GetUtcNow();
        var rows = new List<PeerRow>();
        try
        {
            foreach (var workload in workloads)
            {
                Console.WriteLine($"{workload.Title}:");
                var measured = new List<(IPeerContender, PeerMeasurement)>();
                foreach (var contender in contenders)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var measurement = await contender.MeasureAsync(workload, cancellationToken);
                    Console.WriteLine($"  {contender.Name,-22} {Describe(measurement)}");
                    measured.Add((contender, measurement));
                }

                rows.Add(PeerRow.From(workload, measured, settings.Cores));
            }
        }
        finally
        {
            Cluster.SiloProcess.KillAll();
        }

        var report = new PeersReport(date, machine, Command(args), settings, quick, load, [.. contenders.Select(c => c.Name)], rows, PeerGoals.Evaluate(rows, settings));
        // A run of some rows (--only) must not replace the full run's peers.md and the plot that README shows.
        var partial = workloads.Count < all.Count;
        var json = await ReportFiles.WriteAsync(outDirectory, partial ? string.Join('+', workloads.Select(w => w.Id)) : "peers", report.ToMarkdown(), report.ToJson(), cancellationToken);
        Console.WriteLine(partial ? "plot skipped: peers.png is drawn by full runs only" : await PeersPlot.DrawAsync(probe, pythonDirectory, json, Path.Combine(outDirectory, "peers.png")));
        return 0;
    }

    /// <summary>The Release build when there is one, else the Debug build (the report's machine line says which the bench is).</summary>
    private static string Built(string folder, string project, string dll)
    {
        var release = Path.Combine(folder, project, "bin", "Release", "net10.0", dll);
        return File.Exists(release) ? release : Path.Combine(folder, project, "bin", "Debug", "net10.0", dll);
    }

    private static List<PeerWorkload> Select(IReadOnlyList<PeerWorkload> all, string only)
    {
        if (only.Length == 0)
        {
            return [.. all];
        }

        var wanted = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = wanted.Where(w => all.All(x => x.Id != w)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"option '--only' names unknown workload(s) {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(w => w.Id))}.");
        }

        return [.. all.Where(w => wanted.Contains(w.Id))];
    }

    private static string Describe(PeerMeasurement m) => m switch
    {
        { NotAvailable: { } why } => $"n/a: {why}",
        { StoppedAfter: { } cap } => string.Create(CultureInfo.InvariantCulture, $"> {cap:0} s (stopped)"),
        { Tally: { } tally, FuturesPerSecond: { } rate } => DescribeSubmitAll(m, tally, rate),
        { FuturesPerSecond: { } rate } => string.Create(CultureInfo.InvariantCulture, $"{rate:N0} futures/s, p50 {m.P50Milliseconds:0.00} ms, p99 {m.P99Milliseconds:0.00} ms{(m.Note is null ? "" : $" ({m.Note})")}")
            + (m.Calls is { } calls ? $"\n{new string(' ', 25)}{Describe(calls)}" : ""),
        _ => string.Create(CultureInfo.InvariantCulture, $"{m.Median:0.000} s (runs {string.Join(", ", m.Runs.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))}) → {m.Result}{(m.Note is null ? "" : $" ({m.Note})")}"),
    };

    /// <summary>Submit-all: the rounds and what came back, then GrainCompute's other two ways on lines of their own.</summary>
    private static string DescribeSubmitAll(PeerMeasurement m, FuturesTally tally, double rate)
    {
        var rounds = string.Join(", ", m.Runs.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)));
        var rss = m.PeakRssMiB is { } mib ? string.Create(CultureInfo.InvariantCulture, $"{mib:0} MiB") : "–";
        var text = string.Create(CultureInfo.InvariantCulture, $"{rate:N0} futures/s (rounds {rounds} s), {tally.Right:N0}/{tally.Futures:N0} right, {tally.Lost} lost, {tally.Duplicated} duplicated, peak RSS {rss}{(m.Note is null ? "" : $" ({m.Note})")}");
        var indent = new string(' ', 25);
        return text
            + (m.OneSubmitPerFuture is { } each ? $"\n{indent}one SubmitAsync per future: {Describe(each)}" : "")
            + (m.Grouped is { } grouped ? $"\n{indent}future groups: {Describe(grouped)}" : "")
            + (m.Large is { } large ? $"\n{indent}large round: {Describe(large)}" : "");
    }

    private static string Command(string[] args) => string.Join(' ', ["graincompute-bench", "peers", .. args]);
}
