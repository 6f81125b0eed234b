using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainCompute.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GrainCompute.Testing;

/// <summary>A real silo host (Kestrel on a free loopback port, TCP silo port) inside the test process.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SiloProcess(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address };
    }

    public HttpClient Http { get; }

    public static Task<SiloProcess> StartAsync(params string[] settings) => StartAsync(null, settings);

    /// <summary>Starts a silo host whose builder <paramref name="customize"/> may change first (an extra exporter, a service).</summary>
    public static async Task<SiloProcess> StartAsync(Action<WebApplicationBuilder>? customize, params string[] settings)
    {
        var app = SiloHost.Build(["--Api:Urls=http://127.0.0.1:0", "--Silo:SiloPort=0", "--Silo:GatewayPort=0", "--Logging:LogLevel:Default=Warning", .. settings], customize);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SiloProcess(app, new Uri(address));
    }

    public async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        return await ReadAsync(response, expected);
    }

    public async Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(path);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
