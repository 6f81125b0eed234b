using System.Resources;
using System.Security.Cryptography;
using System.Text;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// The page, its script and styles and the vendored Chart.js, compiled into the silo assembly. The files live in
/// wwwroot/dashboard/; DashboardAssets.resx links them in by reference (ResXFileRef), because a silo runs from
/// places where no wwwroot folder is copied (test output, <c>dotnet graincompute-silo.dll</c> from a build) and
/// must serve its dashboard there too. Served with an ETag and no-cache, so a new build is picked up at once.
/// </summary>
internal sealed class DashboardAssets
{
    private static readonly string[] Names =
    [
        "index.html",
        "dashboard.css",
        "dashboard.js",
        "charts.js",
        "vendor/chart.umd.min.js",
        "vendor/chart.js-LICENSE.md",
    ];

    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public DashboardAssets()
    {
        var resources = new ResourceManager(typeof(DashboardAssets).FullName!, typeof(DashboardAssets).Assembly);
        foreach (var name in Names)
        {
            var text = resources.GetString(name, System.Globalization.CultureInfo.InvariantCulture)
                ?? throw new InvalidOperationException($"dashboard asset '{name}' is missing from DashboardAssets.resx");
            var bytes = Encoding.UTF8.GetBytes(text);
            _assets[name] = new Asset(bytes, ContentType(name), $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }
    }

    public bool TryGet(string name, out Asset asset) => _assets.TryGetValue(name, out asset!);

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    internal sealed record Asset(byte[] Content, string ContentType, string ETag)
    {
        public async Task WriteAsync(HttpContext context)
        {
            var response = context.Response;
            response.Headers.ETag = ETag;
            response.Headers.CacheControl = "no-cache";
            response.Headers.XContentTypeOptions = "nosniff";
            if (ContentType.StartsWith("text/html", StringComparison.Ordinal))
            {
                response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
            }

            if (context.Request.Headers.IfNoneMatch == ETag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            response.ContentType = ContentType;
            response.ContentLength = Content.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await response.Body.WriteAsync(Content, context.RequestAborted);
            }
        }
    }
}
