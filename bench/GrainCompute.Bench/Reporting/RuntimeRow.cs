using System.Text.Json.Serialization;
using GrainCompute.Bench.Measurement;
using GrainCompute.Bench.Runtime;

namespace GrainCompute.Bench.Reporting;

/// <summary>One measured scenario of the runtime benchmark, as it appears in the table and the JSON.</summary>
internal sealed record RuntimeRow
{
    public required string Scenario { get; init; }

    public required string Transport { get; init; }

    public required int Silos { get; init; }

    public required int Callers { get; init; }

    public required int Grains { get; init; }

    public required long Calls { get; init; }

    public required double Seconds { get; init; }

    public required double CallsPerSecond { get; init; }

    /// <summary>Calls that threw (timeouts, most likely) in the measured window.</summary>
    public required long FailedCalls { get; init; }

    /// <summary>Throughput rows: the least served caller's calls over an even share (1 = fair, 0 = a caller starved).</summary>
    public double? Fairness { get; init; }

    /// <summary>Throughput rows: calls made by each caller in the measured window.</summary>
    public IReadOnlyList<long>? CallsPerCaller { get; init; }

    public double? P50Microseconds { get; init; }

    public double? P99Microseconds { get; init; }

    public double? P999Microseconds { get; init; }

    public double? MeanMicroseconds { get; init; }

    public double? MaxMicroseconds { get; init; }

    /// <summary>Bytes allocated by the whole process per call: caller and callee side together when both silos share it.</summary>
    public required double AllocatedBytesPerCall { get; init; }

    /// <summary>Process CPU time per call, all threads: stable under noise that moves wall-clock numbers.</summary>
    public required double CpuMicrosecondsPerCall { get; init; }

    public required int Gen0Collections { get; init; }

    public required int Gen1Collections { get; init; }

    public required int Gen2Collections { get; init; }

    /// <summary>Against the in-silo row of the same kind in the same run: throughput ratio, or p50 ratio for latency rows.</summary>
    public double? VersusInSilo { get; set; }

    public string? Goal { get; init; }

    public bool? GoalMet { get; init; }

    [JsonIgnore]
    public bool IsLatency => P50Microseconds is not null;

    public static RuntimeRow FromThroughput(ScenarioSetup setup, int callers, ThroughputResult result, Goal? goal) => new()
    {
        Scenario = setup.Name + " throughput",
        Transport = setup.TransportName,
        Silos = setup.Silos,
        Callers = callers,
        Grains = setup.Grains,
        Calls = result.Calls,
        Seconds = result.Usage.Elapsed.TotalSeconds,
        CallsPerSecond = result.CallsPerSecond,
        FailedCalls = result.FailedCalls,
        Fairness = result.Fairness,
        CallsPerCaller = result.CallsPerCaller,
        MaxMicroseconds = result.SlowestMicroseconds,
        AllocatedBytesPerCall = PerCall(result.Usage.AllocatedBytes, result.Calls),
        CpuMicrosecondsPerCall = PerCall(result.Usage.CpuTime.TotalMicroseconds, result.Calls),
        Gen0Collections = result.Usage.Gen0,
        Gen1Collections = result.Usage.Gen1,
        Gen2Collections = result.Usage.Gen2,
        Goal = goal?.Text,
        GoalMet = goal?.IsMet(result.CallsPerSecond),
    };

    public static RuntimeRow FromLatency(ScenarioSetup setup, LatencyResult result, Goal? goal) => new()
    {
        Scenario = setup.Name + " latency",
        Transport = setup.TransportName,
        Silos = setup.Silos,
        Callers = 1,
        Grains = 1,
        Calls = result.Calls,
        Seconds = result.Usage.Elapsed.TotalSeconds,
        CallsPerSecond = result.CallsPerSecond,
        FailedCalls = result.FailedCalls,
        P50Microseconds = result.PercentileMicroseconds(0.50),
        P99Microseconds = result.PercentileMicroseconds(0.99),
        P999Microseconds = result.PercentileMicroseconds(0.999),
        MeanMicroseconds = result.MeanMicroseconds,
        MaxMicroseconds = result.MaxMicroseconds,
        AllocatedBytesPerCall = PerCall(result.Usage.AllocatedBytes, result.Calls),
        CpuMicrosecondsPerCall = PerCall(result.Usage.CpuTime.TotalMicroseconds, result.Calls),
        Gen0Collections = result.Usage.Gen0,
        Gen1Collections = result.Usage.Gen1,
        Gen2Collections = result.Usage.Gen2,
        Goal = goal?.Text,
        GoalMet = goal?.IsMet(result.PercentileMicroseconds(0.50)),
    };

    private static double PerCall(double total, long calls) => calls == 0 ? double.NaN : total / calls;
}
