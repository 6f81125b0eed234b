namespace GrainCompute.Silo.Hosting;

/// <summary>Which membership table the silo uses ("Membership" section, GRAINCOMPUTE__MEMBERSHIP__…).</summary>
public sealed class MembershipOptions
{
    /// <summary>"Development": a single silo with no external service (the embedded default).</summary>
    public string Provider { get; set; } = "Development";

    public IEnumerable<string> Validate()
    {
        if (!string.Equals(Provider, "Development", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Membership:Provider '{Provider}' is not known; use Development (set GRAINCOMPUTE__MEMBERSHIP__PROVIDER)";
        }
    }
}
