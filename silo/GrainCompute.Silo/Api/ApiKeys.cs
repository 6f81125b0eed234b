using System.Security.Cryptography;
using System.Text;
using GrainCompute.Server.Hosting;
using GrainCompute.Server.Security;

namespace GrainCompute.Server.Api;

/// <summary>
/// The configured API keys and the one way to look a presented key up. Keys are kept as SHA-256 digests and a
/// presented key is compared with every one of them in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>
/// on equal-length digests, no early exit), so neither the response time nor its variance tells how much of a
/// guess was right, nor which key it came close to.
/// </summary>
internal sealed class ApiKeys
{
    /// <summary>
    /// The key as a cookie, for pages whose requests cannot carry a header (the Orleans dashboard): set by our dashboard
    /// once given the key, scoped to the Orleans dashboard's path. Taken for GET and HEAD only, so a cookie never
    /// authorizes a change (no cross-site request can submit or cancel with it).
    /// </summary>
    public const string KeyCookie = "graincompute-api-key";

    private readonly (byte[] Digest, ApiCaller Caller)[] _keys;

    public ApiKeys(ApiOptions options)
    {
        _keys = [.. options.AllKeys().Where(k => k.Key.Length > 0).Select(k => (Digest(k.Key), new ApiCaller(k.Name, k.Role)))];
    }

    /// <summary>Whether any key is configured; without one every route is open (a development silo).</summary>
    public bool Any => _keys.Length > 0;

    /// <summary>The caller whose key the request carries, or null when it carries none or one not configured (a rotated-out key).</summary>
    public ApiCaller? Match(HttpRequest request)
    {
        var presented = Presented(request);
        if (presented is null)
        {
            return null;
        }

        var digest = Digest(presented);
        ApiCaller? match = null;
        foreach (var (key, caller) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key))
            {
                match = caller;
            }
        }

        return match;
    }

    /// <summary>
    /// X-Api-Key, else Authorization: Bearer, else the password of Authorization: Basic — the one a browser can
    /// send for pages it navigates to (the Orleans dashboard), where a script cannot add a header — else, for reads,
    /// the <see cref="KeyCookie"/>.
    /// </summary>
    private static string? Presented(HttpRequest request)
    {
        if (request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                return pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? pair[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Cookies[KeyCookie] is { Length: > 0 } cookie
            ? cookie
            : null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
