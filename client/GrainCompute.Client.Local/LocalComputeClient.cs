using GrainCompute.Client.Local;

namespace GrainCompute.Client;

/// <summary><c>ComputeClient.StartLocalAsync</c>: a client with a one-silo cluster of its own, in this process.</summary>
public static class LocalComputeClient
{
    extension(ComputeClient)
    {
        /// <summary>Starts a one-silo cluster in this process (free ports) and connects to it over HTTP; disposing the client stops it.</summary>
        public static async Task<ComputeClient> StartLocalAsync(LocalClusterOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new LocalClusterOptions();
            var local = await EmbeddedSilo.StartAsync(options, cancellationToken).ConfigureAwait(false);
            return await ComputeClient.ConnectOwningAsync(local.Address, options.ApiKey, local, cancellationToken).ConfigureAwait(false);
        }
    }
}
