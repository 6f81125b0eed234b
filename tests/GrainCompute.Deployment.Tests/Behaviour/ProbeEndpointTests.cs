using GrainCompute.Deployment.Tests.Manifests;
using GrainCompute.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GrainCompute.Deployment.Tests.Behaviour;

/// <summary>The paths the probes GET answer 200 on a started silo (in-process host, in-memory membership).</summary>
public sealed class ProbeEndpointTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public async Task Every_probe_path_answers_200_on_a_started_silo(string target)
    {
        var silo = (await Kustomize.RenderAsync(target)).Container("silo");
        var paths = new[] { "startupProbe", "livenessProbe", "readinessProbe" }.Select(p => Kustomize.Str(silo[p]!["httpGet"]!["path"])).Distinct();
        await using var app = SiloHost.Build(["--Api:Urls=http://127.0.0.1:0", "--Silo:SiloPort=0", "--Silo:GatewayPort=0", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        foreach (var path in paths)
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} (a probe path in k8s/{target}) answered {(int)response.StatusCode}");
        }

        await app.StopAsync();
    }
}
