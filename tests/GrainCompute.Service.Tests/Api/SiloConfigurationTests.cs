using GrainCompute.Server.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;

namespace GrainCompute.Service.Tests.Api;

public sealed class SiloConfigurationTests
{
    [Theory]
    [InlineData("--Silo:SiloPort=70000", "Silo:SiloPort must be 0..65535", "GRAINCOMPUTE__SILO__SILOPORT")]
    [InlineData("--Api:Urls=ftp://x", "Api:Urls has 'ftp://x'", "GRAINCOMPUTE__API__URLS")]
    [InlineData("--Membership:Provider=Zookeeper", "Membership:Provider 'Zookeeper' is not known", "GRAINCOMPUTE__MEMBERSHIP__PROVIDER")]
    [InlineData("--Membership:Provider=PostgreSQL", "Membership:ConnectionString is required", "GRAINCOMPUTE__MEMBERSHIP__CONNECTIONSTRING")]
    [InlineData("--Compute:MpiSidecarUrl=ftp://127.0.0.1:5090", "Compute:MpiSidecarUrl is 'ftp://127.0.0.1:5090', not an absolute http URL", "GRAINCOMPUTE__COMPUTE__MPISIDECARURL")]
    [InlineData("--Compute:MpiSidecarUrl=127.0.0.1:5090", "Compute:MpiSidecarUrl is '127.0.0.1:5090', not an absolute http URL", "GRAINCOMPUTE__COMPUTE__MPISIDECARURL")]
    [InlineData("--Silo:ResponseTimeout=00:00:00", "Silo:ResponseTimeout must be a positive time span", "GRAINCOMPUTE__SILO__RESPONSETIMEOUT")]
    [InlineData("--Silo:GatewayPort=11111", "Silo:GatewayPort must differ from Silo:SiloPort", "GRAINCOMPUTE__SILO__GATEWAYPORT")]
    [InlineData("--Silo:AdvertisedAddress=pod-7", "Silo:AdvertisedAddress 'pod-7' is not an IP address", "GRAINCOMPUTE__SILO__ADVERTISEDADDRESS")]
    [InlineData("--Telemetry:PrometheusPath=metrics", "Telemetry:PrometheusPath must start with '/'", "GRAINCOMPUTE__TELEMETRY__PROMETHEUSPATH")]
    [InlineData("--Telemetry:OtlpEndpoint=otel-collector:4317", "Telemetry:OtlpEndpoint must be an absolute http(s) URL", "GRAINCOMPUTE__TELEMETRY__OTLPENDPOINT")]
    [InlineData("--Telemetry:OtlpProtocol=thrift", "Telemetry:OtlpProtocol must be grpc or http/protobuf", "GRAINCOMPUTE__TELEMETRY__OTLPPROTOCOL")]
    public void A_bad_setting_stops_the_silo_naming_the_setting_and_its_variable(string argument, string problem, string variable)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([argument]));

        var line = Assert.Single(error.Problems);
        Assert.Contains(problem, line);
        Assert.Contains(variable, line);
    }
}

public sealed class KubernetesHostingTests
{
    [Fact]
    public void Kubernetes_hosting_outside_a_pod_stops_the_silo_naming_the_downward_api_values_it_needs()
    {
        // Only when this test runs in a pod (a service account mounted) would the namespace be found: then the name is still missing.
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build(["--Kubernetes:Enabled=true"]));

        Assert.Contains(error.Problems, p => p.Contains("POD_NAME", StringComparison.Ordinal) || p.Contains("POD_NAMESPACE", StringComparison.Ordinal));
        Assert.All(error.Problems, p => Assert.Contains("Kubernetes:Enabled", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Enabled_in_a_pod_the_silo_takes_orleans_kubernetes_hosting_and_its_pods_name()
    {
        var off = SiloHost.Build(["--Api:Urls=http://127.0.0.1:0", "--Silo:SiloPort=0", "--Silo:GatewayPort=0"]);
        Environment.SetEnvironmentVariable("POD_NAMESPACE", "graincompute-test");
        Environment.SetEnvironmentVariable("POD_NAME", "silo-7f9c");
        try
        {
            var on = SiloHost.Build(["--Api:Urls=http://127.0.0.1:0", "--Silo:SiloPort=0", "--Silo:GatewayPort=0", "--Silo:SiloName=configured", "--Kubernetes:Enabled=true"]);

            Assert.Equal("silo-7f9c", on.Services.GetRequiredService<IOptions<Orleans.Configuration.SiloOptions>>().Value.SiloName);
            Assert.NotEmpty(on.Services.GetServices<IValidateOptions<KubernetesHostingOptions>>());
            Assert.Empty(off.Services.GetServices<IValidateOptions<KubernetesHostingOptions>>());
        }
        finally
        {
            Environment.SetEnvironmentVariable("POD_NAMESPACE", null);
            Environment.SetEnvironmentVariable("POD_NAME", null);
        }
    }
}

public sealed class GatewayUrlTests
{
    [Theory]
    [InlineData("http://0.0.0.0:8080", "10.1.2.3", "http://10.1.2.3:8080")]
    [InlineData("http://[::]:8080;http://127.0.0.1:9000", "10.1.2.3", "http://10.1.2.3:8080")]
    [InlineData("http://*:8080", "fd00::7", "http://[fd00::7]:8080")]
    [InlineData("http://+:8080/base", "10.1.2.3", "http://10.1.2.3:8080/base")]
    [InlineData("http://127.0.0.1:8080", "10.1.2.3", "http://127.0.0.1:8080")]
    [InlineData("https://api.example.org", "10.1.2.3", "https://api.example.org")]
    public void A_wildcard_api_host_is_published_as_the_advertised_address(string apiUrls, string advertised, string expected)
    {
        Assert.Equal(expected, GatewayUrl.DefaultFor(apiUrls, System.Net.IPAddress.Parse(advertised)));
    }

    [Fact]
    public void A_wildcard_listen_address_advertises_an_address_other_silos_can_dial()
    {
        var endpoints = SiloEndpoints.From(new SiloOptions { ListenAddress = "0.0.0.0", SiloPort = 0, GatewayPort = 0 });

        Assert.NotEqual(System.Net.IPAddress.Any, endpoints.Advertised);
        Assert.NotEqual(0, endpoints.SiloPort);
        Assert.NotEqual(0, endpoints.GatewayPort);
        Assert.NotEqual(endpoints.SiloPort, endpoints.GatewayPort);
    }
}
