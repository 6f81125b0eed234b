using System.Net;
using System.Net.Sockets;
using GrainCompute.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans;
using Orleans.Hosting;
using Orleans.Serialization;

namespace GrainCompute.Client.Transport;

/// <summary>
/// An Orleans client connected to a cluster's gateway port (Silo:GatewayPort, 30000 by default): a static list of
/// gateways, the cluster's id (Silo:ClusterId, which is Orleans' ClusterId and ServiceId both), no logging of its own.
/// The host it runs in is the transport's to stop.
/// </summary>
internal sealed class OrleansGateway : IAsyncDisposable
{
    /// <summary>How many <see cref="ComputeClientOptions.ConnectTimeout"/>s connecting may take (the first connection, then the cluster's manifest).</summary>
    private const int ConnectAttempts = 3;

    private readonly IHost _host;

    private OrleansGateway(IHost host, Uri address)
    {
        _host = host;
        Address = address;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IGrainFactory Grains { get; }

    /// <summary>The first gateway, as orleans://host:port/ (what <see cref="ComputeClient.Gateway"/> shows).</summary>
    public Uri Address { get; }

    /// <exception cref="ArgumentException">An address is not host:port.</exception>
    /// <exception cref="ComputeUnreachableException">No gateway let the client in (down, or another cluster id).</exception>
    public static async Task<OrleansGateway> ConnectAsync(IReadOnlyList<string> gateways, string clusterId, ComputeClientOptions options, CancellationToken cancellationToken)
    {
        if (gateways.Count == 0)
        {
            throw new ArgumentException("at least one gateway (host:port) is needed", nameof(gateways));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var endpoints = new List<IPEndPoint>();
        foreach (var gateway in gateways)
        {
            endpoints.Add(await ResolveAsync(gateway, cancellationToken).ConfigureAwait(false));
        }

        await ThrowUnlessOneListensAsync(endpoints, clusterId, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering([.. endpoints]);
            client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (clusterId, clusterId));
            client.Configure<ConnectionOptions>(connection => connection.OpenConnectionTimeout = options.ConnectTimeout);
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.RequestTimeout);
            // The job contracts' serializers, explicitly: the entry assembly may not reference them directly.
            client.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(IJobGrain).Assembly));
        });
        var host = builder.Build();
        // Orleans' client keeps dialling a gateway that refuses connections; a few connect timeouts is all it gets here.
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(options.ConnectTimeout * ConnectAttempts);
        try
        {
            await host.StartAsync(connecting.Token).WaitAsync(connecting.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var names = string.Join(", ", gateways);
            var why = exception is OperationCanceledException ? $"no connection within {(options.ConnectTimeout * ConnectAttempts).TotalSeconds:0.#} s" : exception.Message;
            throw new ComputeUnreachableException(
                [.. endpoints.Select(e => new Uri($"orleans://{e}/"))],
                [$"no Orleans gateway of cluster '{clusterId}' let this client in at {names} (is Silo:GatewayPort right, and Silo:ClusterId '{clusterId}'?): {why}"],
                exception);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new OrleansGateway(host, new Uri($"orleans://{endpoints[0]}/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }

    /// <summary>
    /// Fails at once when no gateway accepts a TCP connection (nothing listening, a refusing firewall), which Orleans'
    /// client would otherwise keep retrying until the connect budget ends; a console falls back to HTTP sooner.
    /// </summary>
    private static async Task ThrowUnlessOneListensAsync(IReadOnlyList<IPEndPoint> endpoints, string clusterId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var failures = await Task.WhenAll(endpoints.Select(async endpoint =>
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connecting.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(endpoint, connecting.Token).ConfigureAwait(false);
                return null;
            }
            catch (SocketException exception)
            {
                return $"{endpoint}: {exception.Message}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"{endpoint}: no connection within {timeout.TotalSeconds:0.#} s (ComputeClientOptions.ConnectTimeout)";
            }
        })).ConfigureAwait(false);
        if (failures.All(f => f is not null))
        {
            throw new ComputeUnreachableException(
                [.. endpoints.Select(e => new Uri($"orleans://{e}/"))],
                [.. failures.Select(f => $"Orleans gateway of cluster '{clusterId}' at {f}")]);
        }
    }

    /// <summary>"host:port" (a name or an IP address) as the endpoint Orleans dials; a name resolves to its first IPv4 address.</summary>
    private static async Task<IPEndPoint> ResolveAsync(string gateway, CancellationToken cancellationToken)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || gateway.Contains("://", StringComparison.Ordinal) || !int.TryParse(gateway.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"gateway '{gateway}' is not host:port (like 127.0.0.1:30000, the silo's Silo:GatewayPort)", nameof(gateway));
        }

        var host = gateway[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
                ?? throw new ComputeUnreachableException($"gateway '{gateway}': '{host}' has no address");
            return new IPEndPoint(chosen, port);
        }
        catch (SocketException exception)
        {
            throw new ComputeUnreachableException($"gateway '{gateway}': cannot resolve '{host}': {exception.Message}", exception);
        }
    }
}
