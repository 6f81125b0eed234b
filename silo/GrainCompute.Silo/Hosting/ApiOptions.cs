namespace GrainCompute.Server.Hosting;

/// <summary>The HTTP gateway's settings ("Api" section, GRAINCOMPUTE__API__…).</summary>
public sealed class ApiOptions
{
    /// <summary>Where the API, dashboard and health endpoints listen.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>When set, requests must carry it (header X-Api-Key, or Authorization: Bearer).</summary>
    public string? ApiKey { get; set; }

    /// <summary>With an API key set, still let GET requests through without it.</summary>
    public bool OpenReadOnly { get; set; }

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
    }
}
