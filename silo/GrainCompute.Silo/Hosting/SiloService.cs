using GrainCompute.Runtime;
using GrainCompute.Runtime.Hosting;

namespace GrainCompute.Silo.Hosting;

/// <summary>Runs the silo inside the web host: starts it with the host, drains it on shutdown, and ends the host if the silo stops on its own.</summary>
public sealed class SiloService(Runtime.Hosting.Silo silo, IHostApplicationLifetime lifetime) : IHostedService
{
    public Runtime.Hosting.Silo Silo { get; } = silo;

    public bool IsReady => Silo.Status == SiloStatus.Active;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Silo.StartAsync(cancellationToken);
        Silo.Stopped.Register(() =>
        {
            if (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                lifetime.StopApplication();
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Silo.StopAsync(cancellationToken);
}
