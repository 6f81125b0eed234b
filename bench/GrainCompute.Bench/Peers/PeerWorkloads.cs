using System.Globalization;

namespace GrainCompute.Bench.Peers;

/// <summary>The issue's workloads at the seeds' sizes, and small ones (<c>--quick</c>) for developing the harness.</summary>
internal static class PeerWorkloads
{
    public const long SeedPrime = 489133282872437279;

    /// <param name="submitAll">Futures per round of the submit-all workload.</param>
    public static IReadOnlyList<PeerWorkload> Create(bool quick, TimeSpan noopWindow, int submitAll)
    {
        var s = quick ? 10 : 1; // divisor for the linear sizes
        var prime = quick ? 999999999989 : SeedPrime; // quick: the largest prime below 10^12 (√ ≈ 10^6 instead of 7·10^8)
        var (w, h) = quick ? (320, 240) : (1280, 960);
        int[] sums = quick ? [10000, 20000, 30000] : [100000, 200000, 300000];
        var countTo = quick ? 100_000 : 10_000_000;
        var collatz = 1_000_000 / s;
        var samples = quick ? 4_000_000 : 100_000_000;
        var (calls, delay) = quick ? (20, 0.05) : (100, 0.1);
        var square = 1_000_000 / s;
        var mapTasks = quick ? 1000 : 5000;
        var window = noopWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("square", $"square {Num(square)} seeds", PeerWorkloadKind.Cpu, "square", new { n = square }, "square", Str(square), "1000"),
            new("isprime", $"isprime {prime}", PeerWorkloadKind.Cpu, "isprime", new { n = prime }, "isprime", Str(prime), "1000000007"),
            new("julia", $"julia {w}×{h}", PeerWorkloadKind.Cpu, "julia", new { width = w, height = h }, "julia", $"{w}x{h}", "64x48",
                ["julia", "--width", Str(w), "--height", Str(h)]),
            new("julia-4x", $"julia {w * 2}×{h * 2} (4×)", PeerWorkloadKind.Cpu, "julia", new { width = w * 2, height = h * 2 }, "julia", $"{w * 2}x{h * 2}", "64x48",
                ["julia", "--width", Str(w * 2), "--height", Str(h * 2)]),
            new("sumprimes", $"sumprimes {string.Join("/", sums)}", PeerWorkloadKind.Cpu, "sumprimes", new { numbers = sums }, "sumprimes", string.Join(",", sums), "1000,2000"),
            new("countprimes", $"countprimes to {Num(countTo)}", PeerWorkloadKind.Cpu, "countprimes", new { n = countTo }, "countprimes", Str(countTo), "10000",
                ["primes", "--n", Str(countTo)]),
            new("collatz", $"collatz to {Num(collatz)}", PeerWorkloadKind.Cpu, "collatz", new { n = collatz }, "collatz", Str(collatz), "1000"),
            new("montecarlo-pi", $"montecarlo-pi {Num(samples)} samples", PeerWorkloadKind.Cpu, "montecarlo-pi", new { samples }, "montecarlo-pi", Str(samples), "1000000",
                ["pi", "--samples", Str(samples)]),
            new("slowadd", $"slowadd {calls} × {delay * 1000:0} ms", PeerWorkloadKind.Io, "slowadd", new { a = 1, b = 2, delay, count = calls }, "slowadd",
                string.Create(CultureInfo.InvariantCulture, $"{calls}x{delay}"), "4x0.01", Delay: TimeSpan.FromSeconds(delay)),
            new("noop", $"noop futures ({window} s, one task per future)", PeerWorkloadKind.Futures, "noop", new { n = 1 }, "noop", window, "0.5"),
            new("noop-map", $"noop map ({Num(mapTasks)} tasks in one request)", PeerWorkloadKind.Batch, "noop", new { n = mapTasks }, "noop-map", Str(mapTasks), "100"),
            new("submit-all", $"submit-all ({Num(submitAll)} noop futures, then wait)", PeerWorkloadKind.SubmitAll, "noop", new { n = 1 }, "submit-all", Str(submitAll),
                Str(Math.Max(1, submitAll / 20)), Futures: submitAll),
        ];
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
