using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GrainCompute.Bench.Cli;
using GrainCompute.Bench.Reporting;
using GrainCompute.Bench.Measurement;

namespace GrainCompute.Bench.Cluster;

/// <summary>
/// <c>graincompute-bench cluster</c>: real graincompute-silo processes on a PostgreSQL membership. Scaling: the prime
/// check and a 4×-resolution Julia image on 1 silo pinned to one core against 2 silos pinned to a core each; failover:
/// a long countprimes job undisturbed against one whose job-grain silo is killed with SIGKILL half way.
/// </summary>
internal sealed class ClusterCommand : IBenchCommand
{
    private const long FailoverN = 2_000_000_000;
    private const int FailoverChunkSize = 65;
    private const string FailoverExpected = "98222287"; // π(2·10⁹)
    private static readonly string[] Options = ["--repeat", "--postgres", "--silo", "--cores", "--out"];
    private static readonly string DefaultSilo = Path.Combine("silo", "GrainCompute.Silo", "bin", "Release", "net10.0", "graincompute-silo.dll");
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);

    /// <summary>π(10¹⁰), the known count of primes up to ten billion.</summary>
    private const string PrimesBelowTenToTheTen = "455052511";

    // The issue's workloads: the seed's prime (isprime's default n) and the seed's 1280×960 Julia image at 4× the pixels.
    private static readonly Workload[] Workloads =
    [
        new("prime check (seed's n)", "isprime", new { n = 489133282872437279 }),
        new("Julia 2560×1920 (4× seed)", "julia", new { width = 2560, height = 1920 }),
        // The Orleans issue's scale-out figure: a coarse job of seconds, where per-job costs no longer hide the split.
        new("count primes ≤ 10¹⁰", "countprimes", new { n = 10_000_000_000L }),
    ];

    public string Name => "cluster";

    public string Usage => "cluster [--repeat N=3] [--postgres CONNSTRING] [--silo DLL] [--cores A,B=0,1] [--out DIR=bench/results]";

    public string Summary => "Silo processes on PostgreSQL: 1 silo on one core vs 2 silos on a core each (speedup), and kill -9 of the job's silo half way vs undisturbed.";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var arguments = BenchArguments.Parse(args, Options);
        var repeat = arguments.GetInt32("--repeat", 3, min: 1);
        var postgres = arguments.GetString("--postgres", "");
        var cores = ParseCores(arguments.GetString("--cores", "0,1"));
        var siloDll = Path.GetFullPath(arguments.GetString("--silo", DefaultSilo));
        var outDirectory = arguments.GetString("--out", Path.Combine("bench", "results"));

        if (!File.Exists(siloDll))
        {
            return Fail($"no silo at {siloDll}: build it first with `dotnet build silo/GrainCompute.Silo -c Release` (from the repository root), or pass --silo DLL.");
        }

        if (!ExternalTool.OnPath("taskset"))
        {
            return Fail("taskset not found on PATH: it pins the silos to cores; install the util-linux package.");
        }

        var pgBin = postgres.Length == 0 ? ThrowawayPostgres.FindBin() : null;
        if (postgres.Length == 0 && pgBin is null)
        {
            return Fail("PostgreSQL not found (no initdb under /usr/lib/postgresql/*/bin): install the postgresql package (apt-get install postgresql), or pass --postgres CONNSTRING.");
        }

        var date = TimeProvider.System.GetUtcNow();
        var machine = MachineInfo.Current();
        var load = Statistics.LoadAverage();
        Console.WriteLine($"graincompute-bench cluster on {machine}");
        if (machine.Configuration != "Release")
        {
            Console.WriteLine($"warning: this is a {machine.Configuration} build of the benchmark; the silos run {siloDll}.");
        }

        try
        {
            await using var database = await BenchPostgres.StartAsync(pgBin, postgres);
            postgres = database.ConnectionString;
            if (pgBin is not null)
            {
                Console.WriteLine($"throwaway PostgreSQL from {pgBin}: {postgres}");
            }

            var scaling = await MeasureScalingAsync(siloDll, postgres, cores, repeat, cancellationToken);
            var failover = await MeasureFailoverAsync(siloDll, postgres, cancellationToken);
            var report = new ClusterReport(date, machine, Command(args), repeat, cores, database.Origin, load, scaling, failover);
            await ReportFiles.WriteAsync(outDirectory, "cluster", report.ToMarkdown(), report.ToJson(), cancellationToken);
            var wrong = scaling.Count(r => !r.CheckPassed) + failover.Count(r => !r.ResultExact);
            return wrong == 0 ? 0 : Fail($"{wrong} job(s) gave a wrong or no result; see the report.");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            return Fail(e.Message);
        }
    }

    private static async Task<List<ScalingRow>> MeasureScalingAsync(string siloDll, string postgres, int[] cores, int repeat, CancellationToken cancellationToken)
    {
        var one = new Dictionary<string, WorkloadRuns>();
        var two = new Dictionary<string, WorkloadRuns>();
        foreach (var (label, pinning, runs) in new[] { ("1 silo", new int?[] { cores[0] }, one), ("2 silos", new int?[] { cores[0], cores[1] }, two) })
        {
            Console.WriteLine($"{label} pinned to core(s) {string.Join(",", pinning)}: starting");
            await using var fleet = await SiloFleet.StartAsync(siloDll, postgres, pinning);
            using var api = new ComputeApi(fleet.Silos[0].Api);
            foreach (var workload in Workloads)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var times = new List<double>();
                var server = new List<double>();
                JobSnapshot last = null!;
                string lastId = "";
                for (var i = 0; i <= repeat; i++)
                {
                    var id = $"{workload.Kernel}-{Guid.NewGuid():N}"[..24];
                    var clock = Stopwatch.StartNew();
                    await api.SubmitAsync(workload.Kernel, id, workload.Parameters, chunkSize: null);
                    last = await api.WaitAsync(id, JobTimeout);
                    var seconds = clock.Elapsed.TotalSeconds;
                    lastId = id;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {workload.Name}{(i == 0 ? " (warm-up)" : "")}: {seconds:0.000} s, {last.State}, {last.Chunks} chunks, per silo {string.Join(" / ", last.Silos.Select(s => $"{s.Chunks} ({s.BusySeconds:0.00} s busy{(s.Silo == last.HeldBy ? ", holds the job" : "")})"))}"));
                    if (i > 0)
                    {
                        times.Add(seconds);
                        server.Add(last.ServerSeconds ?? double.NaN);
                    }
                }

                var check = workload.Kernel == "julia" ? "png " + (await api.ImageSha256Async(lastId))[..12] : last.ResultJson ?? "";
                runs[workload.Kernel] = new WorkloadRuns(times, server, last, check);
            }
        }

        var rows = new List<ScalingRow>();
        foreach (var workload in Workloads)
        {
            var (a, b) = (one[workload.Kernel], two[workload.Kernel]);
            var speedup = Statistics.Median(a.Seconds) / Statistics.Median(b.Seconds);
            var goal = Goal.AtLeastSpeedup(1.8);
            var (check, passed) = workload.Kernel switch
            {
                "isprime" => ("isPrime true", a.Last.State == "completed" && b.Last.State == "completed" && IsPrime(a.Check) && IsPrime(b.Check)),
                "countprimes" => ($"{b.Check} on both (π(10¹⁰) = {PrimesBelowTenToTheTen})", a.Last.State == "completed" && b.Last.State == "completed" && a.Check == PrimesBelowTenToTheTen && b.Check == PrimesBelowTenToTheTen),
                _ => (a.Check == b.Check ? $"same image on both ({a.Check})" : $"images differ ({a.Check} vs {b.Check})", a.Last.State == "completed" && b.Last.State == "completed" && a.Check == b.Check),
            };
            rows.Add(new ScalingRow
            {
                Workload = workload.Name,
                Kernel = workload.Kernel,
                Parameters = JsonSerializer.Serialize(workload.Parameters),
                Items = b.Last.Items,
                Chunks = b.Last.Chunks,
                OneSiloSeconds = Statistics.Median(a.Seconds),
                TwoSilosSeconds = Statistics.Median(b.Seconds),
                OneSiloRuns = a.Seconds,
                TwoSilosRuns = b.Seconds,
                Speedup = speedup,
                OneSiloServerSeconds = Statistics.Median(a.ServerSeconds),
                TwoSilosServerSeconds = Statistics.Median(b.ServerSeconds),
                TwoSilosChunkShares = [.. b.Last.Silos.Select(s => s.Chunks)],
                TwoSilosShares = b.Last.Silos,
                TwoSilosHeldBy = b.Last.HeldBy,
                Check = check,
                CheckPassed = passed,
                Goal = goal.Text,
                GoalMet = goal.IsMet(speedup),
            });
        }

        return rows;
    }

    private static async Task<List<FailoverRow>> MeasureFailoverAsync(string siloDll, string postgres, CancellationToken cancellationToken)
    {
        Console.WriteLine("failover: 3 silos, not pinned: starting");
        await using var fleet = await SiloFleet.StartAsync(siloDll, postgres, [null, null, null]);
        using var api = new ComputeApi(fleet.Silos[0].Api);
        var parameters = new { n = FailoverN };

        // Warm-up: JIT the kernel and the job path on every silo with a short job of the same kind.
        var warmup = $"warm-{Guid.NewGuid():N}"[..20];
        await api.SubmitAsync("countprimes", warmup, new { n = 20_000_000 }, FailoverChunkSize);
        await api.WaitAsync(warmup, JobTimeout);

        cancellationToken.ThrowIfCancellationRequested();
        var id = $"pi-2e9-{Guid.NewGuid():N}"[..20];
        var clock = Stopwatch.StartNew();
        await api.SubmitAsync("countprimes", id, parameters, FailoverChunkSize);
        var undisturbed = await PollUntilFinishedAsync(api, id);
        var undisturbedSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  undisturbed: {undisturbedSeconds:0.00} s, {undisturbed.State}, result {undisturbed.ResultJson}"));
        var goal = $"exact result ({FailoverExpected})";
        var rows = new List<FailoverRow>
        {
            new()
            {
                Run = "undisturbed",
                TotalSeconds = undisturbedSeconds,
                VersusUndisturbed = 1,
                Chunks = undisturbed.Chunks,
                HeldBy = undisturbed.HeldBy,
                State = undisturbed.State,
                Result = undisturbed.ResultJson,
                ResultExact = undisturbed.State == "completed" && undisturbed.ResultJson == FailoverExpected,
                Goal = goal,
                GoalMet = undisturbed.State == "completed" && undisturbed.ResultJson == FailoverExpected,
            },
        };

        cancellationToken.ThrowIfCancellationRequested();
        id = $"pi-2e9-{Guid.NewGuid():N}"[..20];
        clock.Restart();
        await api.SubmitAsync("countprimes", id, parameters, FailoverChunkSize);
        JobSnapshot half = null!;
        await Poll.UntilAsync(async () =>
        {
            half = await api.StatusAsync(id) ?? half;
            return half is not null && half.ChunksDone * 2 >= half.Chunks;
        }, "half of the chunks are done", JobTimeout, TimeSpan.FromMilliseconds(100));
        var holder = fleet.WithAddress(half.HeldBy);
        await holder.KillAsync();
        var killedAfter = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  kill -9 of {holder.Address} (holds the job) at {half.ChunksDone}/{half.Chunks} chunks, {killedAfter.TotalSeconds:0.00} s after submit"));

        var survivor = fleet.Running.First();
        using var survivorApi = new ComputeApi(survivor.Api);
        using var survivorHttp = new HttpClient { BaseAddress = survivor.Api, Timeout = TimeSpan.FromSeconds(5) };
        var declaredDead = Task.Run(async () =>
        {
            await Poll.UntilAsync(async () => await SiloFleet.ActiveSilosAsync(survivorHttp) == 2, "the killed silo is declared dead", JobTimeout);
            return clock.Elapsed - killedAfter;
        });
        var finished = await PollUntilFinishedAsync(survivorApi, id);
        var total = clock.Elapsed;
        var dead = await declaredDead;
        var exact = finished.State == "completed" && finished.ResultJson == FailoverExpected;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  declared dead {dead.TotalSeconds:0.00} s after the kill; completed {(total - killedAfter).TotalSeconds:0.00} s after it, {total.TotalSeconds:0.00} s total, {finished.State}, result {finished.ResultJson}, now held by {finished.HeldBy}"));
        rows.Add(new FailoverRow
        {
            Run = "kill -9 of the job's silo at 50%",
            TotalSeconds = total.TotalSeconds,
            VersusUndisturbed = total.TotalSeconds / undisturbedSeconds,
            Chunks = finished.Chunks,
            KilledAtChunksDone = half.ChunksDone,
            KilledAfterSeconds = killedAfter.TotalSeconds,
            KillToDeclaredDeadSeconds = dead.TotalSeconds,
            KillToCompletedSeconds = (total - killedAfter).TotalSeconds,
            HeldBy = holder.Address,
            HeldByAfter = finished.HeldBy,
            State = finished.State,
            Result = finished.ResultJson,
            ResultExact = exact,
            Goal = goal,
            GoalMet = exact,
        });
        return rows;
    }

    /// <summary>GET /api/jobs/{id} every 100 ms until finished: the same clock for both failover runs.</summary>
    private static async Task<JobSnapshot> PollUntilFinishedAsync(ComputeApi api, string id)
    {
        JobSnapshot? status = null;
        await Poll.UntilAsync(async () =>
        {
            status = await api.StatusAsync(id) ?? status;
            return status?.IsFinished == true;
        }, $"job {id} finishes", JobTimeout, TimeSpan.FromMilliseconds(100));
        return status!;
    }

    private static bool IsPrime(string resultJson)
    {
        try
        {
            using var result = JsonDocument.Parse(resultJson);
            return result.RootElement.TryGetProperty("isPrime", out var isPrime) && isPrime.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int[] ParseCores(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b) || a == b)
        {
            throw new UsageException($"option '--cores' takes two different core numbers A,B, not '{text}'.");
        }

        if (Math.Max(a, b) >= Environment.ProcessorCount)
        {
            throw new UsageException($"option '--cores' names core {Math.Max(a, b)}, but this machine has cores 0..{Environment.ProcessorCount - 1}.");
        }

        return [a, b];
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"graincompute-bench cluster: {message}");
        return 1;
    }

    /// <summary>The command line for the report, with any <c>Password=…</c> of a connection string blanked.</summary>
    private static string Command(string[] args) =>
        string.Join(' ', new[] { "graincompute-bench", "cluster" }.Concat(args
            .Select(a => System.Text.RegularExpressions.Regex.Replace(a, "(?i)(password|pwd)=[^;]*", "$1=***"))
            .Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Contains(';', StringComparison.Ordinal) ? $"\"{a}\"" : a)));

    private sealed record Workload(string Name, string Kernel, object Parameters);

    private sealed record WorkloadRuns(List<double> Seconds, List<double> ServerSeconds, JobSnapshot Last, string Check);
}
