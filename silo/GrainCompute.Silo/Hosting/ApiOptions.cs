using GrainCompute.Server.Security;

namespace GrainCompute.Server.Hosting;

/// <summary>The HTTP gateway's settings ("Api" section, GRAINCOMPUTE__API__…).</summary>
public sealed class ApiOptions
{
    /// <summary>Where the API, dashboard and health endpoints listen.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>One full-access key (kept from before <see cref="Keys"/>; both may be set). When any key is set, every route but /health needs one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>More keys, each read-only or full ("Api:Keys:0:Key", "Api:Keys:0:Role=read|full").</summary>
    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>With a key set, still let read routes through without one.</summary>
    public bool OpenReadOnly { get; set; }

    /// <summary>Requests per client (per key, or per address without one) and window; off unless PermitLimit is set.</summary>
    public ApiRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Whether any key is configured, so that routes are guarded at all.</summary>
    public bool RequiresKeys => ApiKey is { Length: > 0 } || Keys.Count > 0;

    /// <summary>Every configured key with its role and a printable name: Api:ApiKey first (full), then Api:Keys in order.</summary>
    public IEnumerable<(string Name, string Key, ApiKeyRole Role)> AllKeys()
    {
        if (ApiKey is { Length: > 0 } single)
        {
            yield return ("Api:ApiKey", single, ApiKeyRole.Full);
        }

        for (var i = 0; i < Keys.Count; i++)
        {
            yield return (Keys[i].Name ?? $"Api:Keys:{i}", Keys[i].Key ?? "", Keys[i].ParsedRole ?? ApiKeyRole.Read);
        }
    }

    public IEnumerable<string> Validate()
    {
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return $"Api:Urls has '{url}', which is not an http(s) URL (set GRAINCOMPUTE__API__URLS or --Api:Urls=http://127.0.0.1:8080)";
            }
            else if (uri.Port is < 0 or > 65535)
            {
                yield return $"Api:Urls has port {uri.Port}, outside 0..65535 (set GRAINCOMPUTE__API__URLS)";
            }
        }

        for (var i = 0; i < Keys.Count; i++)
        {
            // An empty key from a missing Secret must stop the silo, not leave a door that a blank header opens.
            if (string.IsNullOrWhiteSpace(Keys[i].Key))
            {
                yield return $"Api:Keys:{i}:Key is empty (set GRAINCOMPUTE__API__KEYS__{i}__KEY, or remove the entry)";
            }

            if (Keys[i].ParsedRole is null)
            {
                yield return $"Api:Keys:{i}:Role must be read or full, not '{Keys[i].Role}' (set GRAINCOMPUTE__API__KEYS__{i}__ROLE)";
            }
        }

        var keys = AllKeys().Where(k => k.Key.Length > 0).ToList();
        foreach (var (name, key, _) in keys.Where(k => k.Key != k.Key.Trim()))
        {
            // No client sends such a key (headers are trimmed): every door would stay shut.
            yield return $"{name} begins or ends with white space or a line break (a Secret file's trailing newline?); remove it";
        }

        foreach (var duplicate in keys.GroupBy(k => k.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"{string.Join(" and ", duplicate.Select(k => k.Name))} hold the same key; give each its own";
        }

        foreach (var problem in RateLimit.Validate())
        {
            yield return problem;
        }
    }
}
