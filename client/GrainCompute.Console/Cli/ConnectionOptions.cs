using System.CommandLine;
using System.Runtime.CompilerServices;
using GrainCompute.Client;

namespace GrainCompute.Console.Cli;

/// <summary>--cluster and --api-key, shared by every command, and how a command gets its client.</summary>
internal sealed class ConnectionOptions
{
    public const string DefaultGateway = "http://127.0.0.1:8080";

    public Option<string?> Cluster { get; } = new("--cluster", "-c")
    {
        Description = "Gateway URL(s) of the cluster, comma-separated for failover (env GRAINCOMPUTE_CLUSTER).",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The cluster's API key (env GRAINCOMPUTE_API_KEY).",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Cluster);
        root.Options.Add(ApiKey);
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
    /// Connects to the named cluster; with none named, starts an embedded one when <paramref name="localWhenUnnamed"/>
    /// (run, kernels, demo) and otherwise dials the default gateway.
    /// </summary>
    public async Task<ComputeClient> ConnectAsync(ParseResult parse, bool localWhenUnnamed, CancellationToken cancellationToken)
    {
        var gateways = Gateways(parse);
        if (gateways is null && localWhenUnnamed)
        {
            return await StartLocalAsync(cancellationToken).ConfigureAwait(false);
        }

        var apiKey = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("GRAINCOMPUTE_API_KEY");
        return await ComputeClient.ConnectAsync(gateways ?? [new Uri(DefaultGateway)], apiKey, cancellationToken).ConfigureAwait(false);
    }

    // Its own method, never inlined, so that talking to a cluster does not load the embedded silo's assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<ComputeClient> StartLocalAsync(CancellationToken cancellationToken) =>
        ComputeClient.StartLocalAsync(cancellationToken: cancellationToken);
}
