using System.Globalization;
using System.Text.Json;
using GrainCompute.Bench.Cli;
using GrainCompute.Bench.Cluster;
using GrainCompute.Bench.Measurement;
using GrainCompute.Bench.Reporting;

namespace GrainCompute.Bench.Soak;

/// <summary>
/// <c>graincompute-bench soak</c>: three silo processes on PostgreSQL take a mixed stream of jobs from several clients for
/// a bounded time while, every round, one random silo is <c>kill -9</c>'d and a new one started in its place. Every
/// job's result is checked against the same kernel run serially here; maps are read back item by item. The report
/// counts jobs right, wrong, failed and lost, items lost and duplicated (goal 0 / 0), and each silo's memory per round.
/// </summary>
internal sealed class SoakCommand : IBenchCommand
{
    private static readonly string[] Options = ["--minutes", "--kill-every", "--clients", "--retention", "--patience", "--seed", "--postgres", "--silo", "--out"];
    private static readonly string DefaultSilo = Path.Combine("silo", "GrainCompute.Silo", "bin", "Release", "net10.0", "graincompute-silo.dll");
    private const int Silos = 3;

    public string Name => "soak";

    public string Usage => "soak [--minutes N=10] [--kill-every S=60] [--clients N=6] [--retention S=120] [--patience S=180] [--seed N=1] [--postgres CONNSTRING] [--silo DLL] [--out DIR=bench/results]";

    public string Summary => "Three silos on PostgreSQL under a mixed job stream, one killed -9 and restarted every round: results checked, lost/duplicated counted, memory per round.";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var arguments = BenchArguments.Parse(args, Options);
        var duration = TimeSpan.FromMinutes(arguments.GetDouble("--minutes", 10, min: 0.5));
        var killEvery = TimeSpan.FromSeconds(arguments.GetDouble("--kill-every", 60, min: 10));
        var clients = arguments.GetInt32("--clients", 6, min: 1);
        var retention = TimeSpan.FromSeconds(arguments.GetDouble("--retention", 120, min: 10));
        var patience = TimeSpan.FromSeconds(arguments.GetDouble("--patience", 180, min: 10));
        var seed = arguments.GetInt32("--seed", 1, min: 0);
        var postgres = arguments.GetString("--postgres", "");
        var siloDll = Path.GetFullPath(arguments.GetString("--silo", DefaultSilo));
        var outDirectory = arguments.GetString("--out", Path.Combine("bench", "results"));
        if (!File.Exists(siloDll))
        {
            return Fail($"no silo at {siloDll}: build it first with `dotnet build silo/GrainCompute.Silo -c Release` (from the repository root), or pass --silo DLL.");
        }

        var pgBin = postgres.Length == 0 ? ThrowawayPostgres.FindBin() : null;
        if (postgres.Length == 0 && pgBin is null)
        {
            return Fail("PostgreSQL not found (no initdb under /usr/lib/postgresql/*/bin): install the postgresql package, or pass --postgres CONNSTRING.");
        }

        var date = TimeProvider.System.GetUtcNow();
        var machine = MachineInfo.Current();
        var load = Statistics.LoadAverage();
        Console.WriteLine($"graincompute-bench soak on {machine}: {duration.TotalMinutes:0.#} min, a kill every {killEvery.TotalSeconds:0} s, {clients} clients");
        try
        {
            await using var database = await BenchPostgres.StartAsync(pgBin, postgres);
            postgres = database.ConnectionString;

            await using var fleet = await SiloFleet.StartAsync(siloDll, postgres, [.. Enumerable.Repeat<int?>(null, Silos)]);
            using var gateway = new SoakGateway(fleet);
            var tally = new SoakTally();
            var started = DateTimeOffset.UtcNow;
            var end = started + duration;
            var run = Guid.NewGuid().ToString("N")[..6];
            var work = Enumerable.Range(0, clients).Select(c => Task.Run(() => RunClientAsync($"soak-{run}-{c}", new Random(seed * 1000 + c), gateway, tally, end, retention, patience))).ToList();
            var rounds = await KillRoundsAsync(fleet, tally, started, end, killEvery, new Random(seed));
            await Task.WhenAll(work);
            rounds.Add(await RoundAsync(rounds.Count + 1, started, fleet, tally, null)); // after the last jobs finished

            var report = new SoakReport(date, machine, Command(args), duration.TotalMinutes, killEvery.TotalSeconds, clients, retention.TotalSeconds, Silos,
                database.Origin, load, Statistics.LoadAverage(),
                tally.Submitted, tally.Correct, tally.Wrong, tally.Failed, tally.Lost, tally.ItemsChecked, tally.ItemsLost, tally.ItemsDuplicated,
                gateway.Retries, rounds, tally.Problems);
            await ReportFiles.WriteAsync(outDirectory, "soak", report.ToMarkdown(), report.ToJson(), cancellationToken);
            var bad = tally.Wrong + tally.Failed + tally.Lost + tally.ItemsLost + tally.ItemsDuplicated;
            return bad == 0 ? 0 : Fail($"{bad} job(s) or item(s) wrong, failed, lost or duplicated; see the report.");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            return Fail(e.Message);
        }
    }

    /// <summary>Round 1 runs undisturbed; each later round starts by killing a random silo and starting a new one.</summary>
    private static async Task<List<SoakRound>> KillRoundsAsync(SiloFleet fleet, SoakTally tally, DateTimeOffset started, DateTimeOffset end, TimeSpan killEvery, Random random)
    {
        var rounds = new List<SoakRound>();
        Kill? kill = null;
        for (var round = 1; ; round++)
        {
            var roundEnd = started + (killEvery * round);
            var wait = (roundEnd < end ? roundEnd : end) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            rounds.Add(await RoundAsync(round, started, fleet, tally, kill));
            Console.WriteLine($"  round {round}: {tally.Correct} jobs right, {tally.Wrong} wrong, {tally.Failed} failed, {tally.Lost} lost; RSS {MiB(rounds[^1].RssMiB)}; heap {MiB(rounds[^1].HeapMiB)}");
            if (roundEnd >= end)
            {
                return rounds;
            }

            var slot = random.Next(Silos);
            var (down, up) = await fleet.KillAndRestartAsync(slot);
            kill = new Kill(slot, down.Address, up.Address);
            Console.WriteLine($"  killed {kill.Killed}, started {kill.Started}");
        }
    }

    private static async Task<SoakRound> RoundAsync(int round, DateTimeOffset started, SiloFleet fleet, SoakTally tally, Kill? kill)
    {
        var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        var rss = fleet.Silos.Select(s => s.HasExited ? null : RssMiB(s.ProcessId)).ToList();
        var heap = await Task.WhenAll(fleet.Silos.Select(s => s.HasExited ? Task.FromResult<double?>(null) : HeapMiBAsync(s)));
        return new(round, seconds, kill?.Slot, kill?.Killed, kill?.Started, tally.Correct, rss, heap);
    }

    /// <summary>One client: submit, wait, check against the serial kernel, again, until the soak ends.</summary>
    private static async Task RunClientAsync(string name, Random random, SoakGateway gateway, SoakTally tally, DateTimeOffset end, TimeSpan retention, TimeSpan patience)
    {
        var workloads = new SoakWorkloads(random);
        Dependency? lastCount = null;
        for (var n = 0; DateTimeOffset.UtcNow < end; n++)
        {
            var job = workloads.Next(lastCount);
            var id = $"{name}-{n}";
            try
            {
                await gateway.SubmitAsync(id, job, retention, patience);
            }
            catch (SoakCallException e)
            {
                tally.Losing($"{id} ({job.Kernel}): submit: {e.Message}");
                continue;
            }

            tally.Submit();
            try
            {
                var status = await gateway.FinishedAsync(id, patience);
                var state = status.GetProperty("state").GetString();
                if (state != "completed")
                {
                    tally.Failing($"{id} ({job.Kernel}) ended {state}: {status.GetProperty("error")}");
                    continue;
                }

                var serial = await workloads.SerialAsync(job);
                var result = await gateway.ResultAsync(id, patience);
                if (!JsonElement.DeepEquals(result, serial.Combined))
                {
                    tally.Wrongly($"{id} ({job.Kernel} {job.ParametersJson}): {Shorten(result.GetRawText())}, serially {Shorten(serial.Combined.GetRawText())}");
                    continue;
                }

                if (job.ReadItems && !await ItemsAreRightAsync(id, job, serial, gateway, tally, patience))
                {
                    continue;
                }

                tally.Correctly();
                if (job.Kernel == "countprimes")
                {
                    lastCount = new Dependency(id, result.GetRawText());
                }
            }
            catch (SoakCallException e)
            {
                tally.Losing($"{id} ({job.Kernel}): {e.Message}");
            }
        }
    }

    /// <summary>Reads every item in completion order: each index once, with the serial kernel's value.</summary>
    private static async Task<bool> ItemsAreRightAsync(string id, SoakJob job, SerialResult serial, SoakGateway gateway, SoakTally tally, TimeSpan patience)
    {
        var seen = new int[serial.Items.Count];
        var wrong = 0;
        long offset = 0;
        while (true)
        {
            var page = await gateway.ResultsPageAsync(id, offset, patience);
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                var index = item.GetProperty("index").GetInt64();
                var value = item.GetProperty("valueJson").GetString();
                if (index < 0 || index >= seen.Length || value is null || !JsonElement.DeepEquals(JsonDocument.Parse(value).RootElement, serial.Items[(int)index]))
                {
                    wrong++;
                    continue;
                }

                seen[index]++;
            }

            offset = page.GetProperty("nextOffset").GetInt64();
            if (page.GetProperty("complete").GetBoolean())
            {
                break;
            }
        }

        var (lost, duplicated) = (seen.Count(s => s == 0), seen.Sum(s => Math.Max(0, s - 1)));
        tally.Items(seen.Length, lost, duplicated);
        if (wrong + lost + duplicated == 0)
        {
            return true;
        }

        tally.Wrongly($"{id} ({job.Kernel} {job.ParametersJson}): {wrong} item(s) wrong, {lost} lost, {duplicated} duplicated");
        return false;
    }

    private static double? RssMiB(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static readonly HttpClient _metrics = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The silo's managed heap after its last GC, summed over the generations of its Prometheus scrape.</summary>
    private static async Task<double?> HeapMiBAsync(SiloProcess silo)
    {
        try
        {
            var scrape = await _metrics.GetStringAsync(new Uri(silo.Api, "/metrics"));
            var bytes = scrape.Split('\n')
                .Where(line => line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
                .Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
            return bytes > 0 ? bytes / (1024 * 1024) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException)
        {
            return null;
        }
    }

    private static string MiB(IEnumerable<double?> values) => string.Join(" / ", values.Select(v => v is { } m ? $"{m:0} MiB" : "–"));

    private sealed record Kill(int Slot, string Killed, string Started);

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"graincompute-bench soak: {message}");
        return 1;
    }

    private static string Command(string[] args) => string.Join(' ', new[] { "graincompute-bench", "soak" }.Concat(args));
}
