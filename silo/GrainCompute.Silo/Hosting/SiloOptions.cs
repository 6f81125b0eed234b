namespace GrainCompute.Server.Hosting;

/// <summary>
/// Settings of one silo ("Silo" section): set by environment variable (GRAINCOMPUTE__SILO__CLUSTERID, …) or command
/// line (--Silo:ClusterId=…). They map onto Orleans' cluster, endpoint, membership and messaging options.
/// </summary>
public sealed class SiloOptions
{
    /// <summary>Silos only form a cluster with silos of the same cluster id (Orleans' ClusterId and ServiceId).</summary>
    public string ClusterId { get; set; } = "graincompute";

    /// <summary>Human-readable name shown by the dashboard and `graincompute cluster`.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>Address the silo-to-silo and gateway listeners bind to.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans gateway port, where Orleans clients connect; 0 picks a free one.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos and clients dial (a pod IP); defaults to <see cref="ListenAddress"/>, or this host's address when that is a wildcard.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>This silo's HTTP API base address, published to the cluster for clients and dashboards.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>CPU-bound chunks this silo runs at once.</summary>
    public int WorkerSlots { get; set; } = Environment.ProcessorCount;

    /// <summary>How long a caller waits for a grain's response unless the method says otherwise.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A job or worker grain idle this long is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a starting silo keeps trying to join (an unreachable membership table included) before it gives up.</summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A probe of another silo not answered within this counts as missed; probes go out this often.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes in a row before a silo suspects (votes against) another.</summary>
    public int MissedProbesToSuspect { get; set; } = 3;

    /// <summary>Votes needed to declare a silo dead (fewer when fewer other silos are active).</summary>
    public int VotesToDeclareDead { get; set; } = 2;

    /// <summary>On graceful shutdown, how long running chunks may take to finish.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Problems that stop the silo from starting, each naming the setting and its environment variable.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return Problem(nameof(ClusterId), "must not be empty");
        }

        foreach (var (name, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
        {
            if (port is < 0 or > 65535)
            {
                yield return Problem(name, $"must be 0..65535, not {port}");
            }
        }

        if (SiloPort != 0 && SiloPort == GatewayPort)
        {
            yield return Problem(nameof(GatewayPort), $"must differ from Silo:SiloPort ({SiloPort})");
        }

        if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
        {
            yield return Problem(nameof(ListenAddress), $"'{ListenAddress}' is not an IP address");
        }

        if (AdvertisedAddress is { } advertised && !System.Net.IPAddress.TryParse(advertised, out _))
        {
            yield return Problem(nameof(AdvertisedAddress), $"'{advertised}' is not an IP address");
        }

        if (WorkerSlots < 1)
        {
            yield return Problem(nameof(WorkerSlots), $"must be ≥ 1, not {WorkerSlots}");
        }

        foreach (var (name, value) in new[]
        {
            (nameof(ResponseTimeout), ResponseTimeout), (nameof(CollectionAge), CollectionAge), (nameof(JoinTimeout), JoinTimeout),
            (nameof(ProbeTimeout), ProbeTimeout), (nameof(DrainTimeout), DrainTimeout),
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
    }

    private static string Problem(string setting, string what) =>
        $"Silo:{setting} {what} (set GRAINCOMPUTE__SILO__{setting.ToUpperInvariant()} or --Silo:{setting}=…)";
}
