using GrainCompute.Server.Security;

namespace GrainCompute.Server.Hosting;

/// <summary>One API key ("Api:Keys:N" section): several can be valid at once, so a key is rotated by adding the new one, moving callers over, then removing the old.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The secret a request carries (X-Api-Key, Authorization: Bearer, or the password of Authorization: Basic).</summary>
    public string? Key { get; set; }

    /// <summary>What the key may do: <c>read</c> (lists, results, waits, dashboards, event streams, /metrics) or <c>full</c> (also submit, cancel, batch).</summary>
    /// <remarks>A string, not the enum: the configuration binder leaves an enum at its default on a value it cannot
    /// parse, and a typo ("reed") must stop the silo, not become a full key.</remarks>
    public string Role { get; set; } = "full";

    /// <summary>The parsed <see cref="Role"/>, null when it is neither read nor full.</summary>
    public ApiKeyRole? ParsedRole => Role.Trim().ToLowerInvariant() switch
    {
        "read" => ApiKeyRole.Read,
        "full" => ApiKeyRole.Full,
        _ => null,
    };

    /// <summary>A name for logs and rate-limit partitions (never the key itself); "Api:Keys:N" when not given.</summary>
    public string? Name { get; set; }
}
