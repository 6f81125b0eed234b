using System.CommandLine;
using System.Runtime.CompilerServices;
using GrainCompute.Client;

namespace GrainCompute.Console.Cli;

/// <summary>
/// --cluster, --gateway, --cluster-id and --api-key, shared by every command, and how a command gets its client: the
/// best transport it can reach. An Orleans gateway (--gateway) is preferred, since it calls the job grains directly and
/// has completions pushed; when it lets no client in and an HTTP address is given too, the HTTP API is used instead.
/// </summary>
internal sealed class ConnectionOptions
{
    public const string DefaultGateway = "http://127.0.0.1:8080";

    public Option<string?> Cluster { get; } = new("--cluster", "-c")
    {
        Description = "Gateway URL(s) of the cluster, comma-separated for failover (env GRAINCOMPUTE_CLUSTER).",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string?> Gateway { get; } = new("--gateway", "-g")
    {
        Description = "Orleans gateway(s) of the cluster as host:port (Silo:GatewayPort, 30000), comma-separated (env GRAINCOMPUTE_GATEWAY). "
            + "Faster than --cluster: jobs go straight to the grains. Tried first; with --cluster too, HTTP is the fallback.",
        HelpName = "host:port",
        Recursive = true,
    };

    public Option<string?> ClusterId { get; } = new("--cluster-id")
    {
        Description = $"The silos' Silo:ClusterId, needed with --gateway (env GRAINCOMPUTE_CLUSTER_ID; default {ComputeClient.DefaultClusterId}).",
        HelpName = "id",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The cluster's API key for --cluster (env GRAINCOMPUTE_API_KEY); the Orleans gateway port asks none.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Cluster);
        root.Options.Add(Gateway);
        root.Options.Add(ClusterId);
        root.Options.Add(ApiKey);
    }

    /// <summary>The Orleans gateways (host:port) named on the command line or in the environment; null when none is.</summary>
    public IReadOnlyList<string>? OrleansGateways(ParseResult parse)
    {
        var text = parse.GetValue(Gateway) ?? Environment.GetEnvironmentVariable("GRAINCOMPUTE_GATEWAY");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var gateways = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var gateway in gateways)
        {
            var colon = gateway.LastIndexOf(':');
            if (gateway.Contains("://", StringComparison.Ordinal) || colon <= 0 || !int.TryParse(gateway.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
            {
                throw new UsageException($"--gateway: '{gateway}' is not host:port (like 127.0.0.1:30000, the silo's Silo:GatewayPort); an http:// address goes to --cluster");
            }
        }

        return gateways;
    }

    /// <summary>The gateways named on the command line or in the environment; null when none is.</summary>
    public IReadOnlyList<Uri>? Gateways(ParseResult parse)
    {
        var text = parse.GetValue(Cluster) ?? Environment.GetEnvironmentVariable("GRAINCOMPUTE_CLUSTER");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var gateways = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var withScheme = part.Contains("://", StringComparison.Ordinal) ? part : $"http://{part}";
            if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--cluster: '{part}' is not an http(s) URL (like {DefaultGateway})");
            }

            gateways.Add(uri);
        }

        return gateways;
    }

    /// <summary>
    /// Connects to the named cluster, through its Orleans gateway when one is named (and lets this client in), else
    /// its HTTP API; with none named, starts an embedded one when <paramref name="localWhenUnnamed"/> (run, kernels,
    /// demo) and otherwise dials the default HTTP gateway.
    /// </summary>
    public async Task<ComputeClient> ConnectAsync(ParseResult parse, bool localWhenUnnamed, CancellationToken cancellationToken)
    {
        var gateways = Gateways(parse);
        if (OrleansGateways(parse) is { } orleans)
        {
            var clusterId = parse.GetValue(ClusterId) ?? Environment.GetEnvironmentVariable("GRAINCOMPUTE_CLUSTER_ID") ?? ComputeClient.DefaultClusterId;
            try
            {
                return await ConnectGatewayAsync(orleans, clusterId, httpToo: gateways is not null, cancellationToken).ConfigureAwait(false);
            }
            catch (ComputeUnreachableException) when (gateways is not null)
            {
                // Not reachable from here (a firewall, a Kubernetes Service in between): the HTTP API may be.
            }
        }
        else if (gateways is null && localWhenUnnamed)
        {
            return await StartLocalAsync(cancellationToken).ConfigureAwait(false);
        }

        var apiKey = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("GRAINCOMPUTE_API_KEY");
        return await ComputeClient.ConnectAsync(gateways ?? [new Uri(DefaultGateway)], apiKey, cancellationToken).ConfigureAwait(false);
    }

#if HTTP_ONLY
    private const string HttpOnly = "this graincompute is the HTTP-only build (Native AOT), which has";

    private static Task<ComputeClient> ConnectGatewayAsync(IReadOnlyList<string> orleans, string clusterId, bool httpToo, CancellationToken cancellationToken) =>
        httpToo
            ? throw new ComputeUnreachableException($"--gateway: {HttpOnly} no Orleans client") // the HTTP API then
            : throw new UsageException($"--gateway: {HttpOnly} no Orleans client; give the cluster's HTTP address with --cluster");

    private static Task<ComputeClient> StartLocalAsync(CancellationToken cancellationToken) =>
        throw new UsageException($"{HttpOnly} no embedded silo; give a cluster with --cluster (or GRAINCOMPUTE_CLUSTER)");
#else
    private static Task<ComputeClient> ConnectGatewayAsync(IReadOnlyList<string> orleans, string clusterId, bool httpToo, CancellationToken cancellationToken) =>
        ComputeClient.ConnectGatewayAsync(orleans, clusterId, cancellationToken: cancellationToken);

    // Its own method, never inlined, so that talking to a cluster does not load the embedded silo's assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<ComputeClient> StartLocalAsync(CancellationToken cancellationToken) =>
        ComputeClient.StartLocalAsync(cancellationToken: cancellationToken);
#endif
}
