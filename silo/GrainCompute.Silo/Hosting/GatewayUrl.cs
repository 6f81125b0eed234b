using System.Text.RegularExpressions;
namespace GrainCompute.Server.Hosting;

/// <summary>The API address this silo publishes in membership for clients, when none is set.</summary>
internal static partial class GatewayUrl
{
    /// <summary>
    /// The first API URL, with a wildcard host (0.0.0.0, [::], *, +) — which no client can dial — replaced by the
    /// silo's advertised address.
    /// </summary>
    public static string DefaultFor(string apiUrls, System.Net.IPAddress advertised)
    {
        var first = apiUrls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[0];
        var match = UrlParts().Match(first);
        if (!match.Success || match.Groups["host"].Value is not ("0.0.0.0" or "[::]" or "*" or "+"))
        {
            return first;
        }

        var host = advertised.ToString();
        return match.Groups["scheme"].Value + (host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host) + match.Groups["rest"].Value;
    }

    [GeneratedRegex(@"^(?<scheme>https?://)(?<host>\[[^\]]*\]|[^:/\[]+)(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex UrlParts();
}
