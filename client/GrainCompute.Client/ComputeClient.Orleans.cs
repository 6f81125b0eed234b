using GrainCompute.Client.Transport;
using Orleans;

namespace GrainCompute.Client;

/// <summary>Connecting through Orleans' client instead of HTTP: the job grains called directly, completions pushed.</summary>
public sealed partial class ComputeClient
{
    /// <summary>The cluster id silos have unless told otherwise (Silo:ClusterId).</summary>
    public const string DefaultClusterId = "graincompute";

    /// <summary>
    /// Connects through the cluster's Orleans gateway port (Silo:GatewayPort, 30000 by default) with Orleans' client:
    /// job calls go straight to the job grains, and <see cref="WaitAsync{TFuture}"/> and <see cref="AsCompleted{TFuture}"/>
    /// get completions pushed, so many small futures cost far less than over HTTP. For clients inside the cluster's
    /// network; through a Kubernetes Service, a proxy or a firewall use <see cref="ConnectAsync(IReadOnlyList{Uri}, ComputeClientOptions, CancellationToken)"/>.
    /// Errors are the same <see cref="ComputeApiException"/>s as over HTTP. The gateway port checks no API key.
    /// </summary>
    /// <param name="gateways">Silo gateways as host:port; Orleans spreads its connections over them and fails over.</param>
    /// <param name="clusterId">The silos' Silo:ClusterId.</param>
    /// <param name="options">Client name, connect and request timeouts, retry budget (the API key is not used).</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <exception cref="ArgumentException">A gateway is not host:port.</exception>
    /// <exception cref="ComputeUnreachableException">No gateway let the client in (down, or another cluster id).</exception>
    public static async Task<ComputeClient> ConnectGatewayAsync(IReadOnlyList<string> gateways, string clusterId = DefaultClusterId, ComputeClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        options = (options ?? new ComputeClientOptions()).Validated();
        var gateway = await OrleansGateway.ConnectAsync(gateways, clusterId, options, cancellationToken).ConfigureAwait(false);
        return await AnsweringAsync(new ComputeClient(new GrainTransport(gateway.Grains, gateway.Address, options, gateway), null), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A client of the silo in this process through its own grain factory (no HTTP, no sockets); it stops
    /// <paramref name="local"/> when disposed (or when the silo does not answer).
    /// </summary>
    /// <param name="address">The silo's HTTP API address, shown as <see cref="Gateway"/> (the dashboard, other languages' clients).</param>
    internal static Task<ComputeClient> ConnectInProcessAsync(IGrainFactory grains, Uri address, ComputeClientOptions options, IAsyncDisposable local, CancellationToken cancellationToken) =>
        AnsweringAsync(new ComputeClient(new GrainTransport(grains, address, options.Validated(), null), local), cancellationToken);
}
