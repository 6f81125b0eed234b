using GrainCompute.Server.Hosting;
using Orleans;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GrainCompute.Client.Local;

/// <summary>
/// A one-silo cluster inside this process, like ray.init() or dask's LocalCluster: the real silo host on free
/// ports (API and silo-to-silo), with its own cluster id so two of them in one process never meet.
/// </summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedSilo(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Grains = app.Services.GetRequiredService<IGrainFactory>();
    }

    /// <summary>The bound HTTP API address (http://127.0.0.1:port/): the dashboard's, and other processes' way in.</summary>
    public Uri Address { get; }

    /// <summary>The silo's own grain factory: this process's client calls the grains through it, with no HTTP in between.</summary>
    public IGrainFactory Grains { get; }

    public static async Task<EmbeddedSilo> StartAsync(LocalClusterOptions options, CancellationToken cancellationToken)
    {
        string[] args =
        [
            "--Api:Urls=http://127.0.0.1:0",
            "--Silo:SiloPort=0",
            "--Silo:GatewayPort=0",
            "--Silo:ListenAddress=127.0.0.1",
            $"--Silo:ClusterId=local-{Guid.NewGuid():N}",
            "--Silo:SiloName=local",
            .. options.WorkerSlots is { } slots ? [$"--Silo:WorkerSlots={slots}"] : Array.Empty<string>(),
            .. options.ApiKey is { Length: > 0 } key ? [$"--Api:ApiKey={key}"] : Array.Empty<string>(),
            .. options.ExtraArguments,
        ];
        var app = SiloHost.Build(args, builder =>
        {
            foreach (var kernel in options.Kernels)
            {
                builder.Services.AddSingleton(kernel);
            }

            builder.Logging.ClearProviders();
            if (options.Logging)
            {
                builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            }
        });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("the embedded silo started but reports no bound HTTP address");
            return new EmbeddedSilo(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
