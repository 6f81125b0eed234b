namespace GrainCompute.Server.Hosting;

/// <summary>
/// Per-client request limits ("Api:RateLimit" section, GRAINCOMPUTE__API__RATELIMIT__…): a fixed window of
/// <see cref="PermitLimit"/> requests per <see cref="Window"/> for each API key, and for each client address
/// among requests without a valid key. Health probes are never limited.
/// </summary>
public sealed class ApiRateLimitOptions
{
    /// <summary>Requests one client may make per window; 0 (the default) turns rate limiting off.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    public bool Enabled => PermitLimit > 0;

    public IEnumerable<string> Validate()
    {
        if (PermitLimit < 0)
        {
            yield return $"Api:RateLimit:PermitLimit must be ≥ 0 (0 turns it off), not {PermitLimit} (set GRAINCOMPUTE__API__RATELIMIT__PERMITLIMIT)";
        }

        if (Window < TimeSpan.FromMilliseconds(100) || Window > TimeSpan.FromHours(1))
        {
            yield return $"Api:RateLimit:Window must be 00:00:00.1..01:00:00, not {Window} (set GRAINCOMPUTE__API__RATELIMIT__WINDOW)";
        }
    }
}
