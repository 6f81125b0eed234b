using GrainCompute.Client.Local;

namespace GrainCompute.Client;

/// <summary><c>ComputeClient.StartLocalAsync</c>: a client with a one-silo cluster of its own, in this process.</summary>
public static class LocalComputeClient
{
    extension(ComputeClient)
    {
        /// <summary>
        /// Starts a one-silo cluster in this process (free ports) and connects to it through the silo's own grain
        /// factory: no HTTP, no sockets, completions pushed. Its HTTP API still listens (<see cref="ComputeClient.Gateway"/>)
        /// for the dashboard and other processes. Disposing the client stops it.
        /// </summary>
        public static async Task<ComputeClient> StartLocalAsync(LocalClusterOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new LocalClusterOptions();
            var local = await EmbeddedSilo.StartAsync(options, cancellationToken).ConfigureAwait(false);
            return await ComputeClient.ConnectInProcessAsync(local.Grains, local.Address, new ComputeClientOptions { ClientName = "local" }, local, cancellationToken).ConfigureAwait(false);
        }
    }
}
