namespace GrainCompute.Server.Dashboard;

/// <summary>The web dashboard's settings ("Dashboard" section, GRAINCOMPUTE__DASHBOARD__…).</summary>
public sealed class DashboardOptions
{
    /// <summary>Serve the dashboard at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the dashboard lives on the API port; its JSON endpoints are under <c>{Path}/api</c>.</summary>
    public string Path { get; set; } = "/dashboard";

    /// <summary>
    /// Serve the Orleans dashboard (Microsoft.Orleans.Dashboard: grains, silos, methods, profiling) at <c>{Path}/orleans/</c>,
    /// linked from ours. Its grain call profiler runs on every call while the silo has it, so turning it off saves that.
    /// </summary>
    public bool Orleans { get; set; } = true;

    /// <summary>Read-only dashboards show no cancel button and refuse cancels; set false to allow them (the API key still applies).</summary>
    public bool ReadOnly { get; set; } = true;

    /// <summary>How far back the charts reach.</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a silo declared dead stays in the cluster view.</summary>
    public TimeSpan DeadSiloRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many of the newest jobs the jobs list shows.</summary>
    public int JobsShown { get; set; } = 50;

    public IEnumerable<string> Validate()
    {
        if (!Path.StartsWith('/') || Path.EndsWith('/') || Path.Contains("//", StringComparison.Ordinal) || Path.Any(char.IsWhiteSpace))
        {
            yield return $"Dashboard:Path must start with '/' and not end with one, like /dashboard, not '{Path}' (set GRAINCOMPUTE__DASHBOARD__PATH)";
        }

        if (History < TimeSpan.FromSeconds(10) || History > TimeSpan.FromHours(2))
        {
            yield return $"Dashboard:History must be 00:00:10..02:00:00, not {History} (set GRAINCOMPUTE__DASHBOARD__HISTORY)";
        }

        if (DeadSiloRetention < TimeSpan.Zero)
        {
            yield return $"Dashboard:DeadSiloRetention must be ≥ 0, not {DeadSiloRetention} (set GRAINCOMPUTE__DASHBOARD__DEADSILORETENTION)";
        }

        if (JobsShown is < 1 or > 1000)
        {
            yield return $"Dashboard:JobsShown must be 1..1000, not {JobsShown} (set GRAINCOMPUTE__DASHBOARD__JOBSSHOWN)";
        }
    }
}
