using System.Reflection;

namespace GrainCompute.Runtime;

/// <summary>
/// Settings of one silo. In the silo host they bind from the "Silo" configuration section, so each can be
/// set by environment variable (GRAINCOMPUTE__SILO__CLUSTERID, …) or command line (--Silo:ClusterId=…).
/// </summary>
public sealed class SiloOptions
{
    /// <summary>Silos only talk to silos with the same cluster id.</summary>
    public string ClusterId { get; set; } = "graincompute";

    /// <summary>Human-readable name shown by the dashboard and `graincompute cluster`.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>Address the silo-to-silo listener binds to.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Address other silos dial (a pod IP); defaults to <see cref="ListenAddress"/>.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>This silo's HTTP API base address, published in membership for clients.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Chunks this silo runs at once.</summary>
    public int WorkerSlots { get; set; } = Environment.ProcessorCount;

    /// <summary>How long a caller waits for a response unless the method or call says otherwise.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An ordinary grain activation idle this long is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A stateless worker activation idle this long is collected (the pool shrinks).</summary>
    public TimeSpan StatelessWorkerIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MembershipRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a starting silo retries an unreachable membership table before it gives up.</summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each silo probes every other active silo.</summary>
    public TimeSpan ProbePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A probe not answered within this counts as missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes in a row before a silo votes that the target is dead.</summary>
    public int MissedProbesToSuspect { get; set; } = 2;

    /// <summary>Fresh votes needed to declare a silo dead (fewer when fewer other silos are active).</summary>
    public int VotesToDeclareDead { get; set; } = 2;

    /// <summary>Votes older than this do not count.</summary>
    public TimeSpan VoteExpiry { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Whether this silo probes others; off only in tests that declare deaths by hand.</summary>
    public bool FailureDetection { get; set; } = true;

    /// <summary>On graceful shutdown, how long in-flight work may take to finish.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest frame accepted from a peer; anything larger is a protocol violation.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Assemblies whose Grain classes this silo hosts.</summary>
    public IList<Assembly> GrainAssemblies { get; } = [];

    /// <summary>Problems that stop the silo from starting, each naming the setting and its environment variable.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return Problem(nameof(ClusterId), "must not be empty");
        }

        if (SiloPort is < 0 or > 65535)
        {
            yield return Problem(nameof(SiloPort), $"must be 0..65535, not {SiloPort}");
        }

        if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
        {
            yield return Problem(nameof(ListenAddress), $"'{ListenAddress}' is not an IP address");
        }

        if (WorkerSlots < 1)
        {
            yield return Problem(nameof(WorkerSlots), $"must be ≥ 1, not {WorkerSlots}");
        }

        foreach (var (name, value) in new[]
        {
            (nameof(ResponseTimeout), ResponseTimeout), (nameof(CollectionAge), CollectionAge), (nameof(StatelessWorkerIdleTime), StatelessWorkerIdleTime),
            (nameof(CollectionQuantum), CollectionQuantum), (nameof(MembershipRefreshPeriod), MembershipRefreshPeriod), (nameof(JoinTimeout), JoinTimeout), (nameof(HandshakeTimeout), HandshakeTimeout),
            (nameof(ProbePeriod), ProbePeriod), (nameof(ProbeTimeout), ProbeTimeout), (nameof(VoteExpiry), VoteExpiry),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return Problem(name, $"must be a positive time span, not {value}");
            }
        }

        if (MissedProbesToSuspect < 1)
        {
            yield return Problem(nameof(MissedProbesToSuspect), $"must be ≥ 1, not {MissedProbesToSuspect}");
        }

        if (VotesToDeclareDead < 1)
        {
            yield return Problem(nameof(VotesToDeclareDead), $"must be ≥ 1, not {VotesToDeclareDead}");
        }

        if (MaxFrameBytes < 1024)
        {
            yield return Problem(nameof(MaxFrameBytes), $"must be ≥ 1024, not {MaxFrameBytes}");
        }
    }

    private static string Problem(string setting, string what) =>
        $"Silo:{setting} {what} (set GRAINCOMPUTE__SILO__{setting.ToUpperInvariant()} or --Silo:{setting}=…)";
}
