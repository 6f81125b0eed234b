using GrainCompute.Silo.Hosting;

namespace GrainCompute.Service.Tests.Api;

public sealed class SiloConfigurationTests
{
    [Theory]
    [InlineData("--Silo:SiloPort=70000", "Silo:SiloPort must be 0..65535", "GRAINCOMPUTE__SILO__SILOPORT")]
    [InlineData("--Api:Urls=ftp://x", "Api:Urls has 'ftp://x'", "GRAINCOMPUTE__API__URLS")]
    [InlineData("--Membership:Provider=Zookeeper", "Membership:Provider 'Zookeeper' is not known", "GRAINCOMPUTE__MEMBERSHIP__PROVIDER")]
    [InlineData("--Membership:Provider=PostgreSQL", "Membership:ConnectionString is required", "GRAINCOMPUTE__MEMBERSHIP__CONNECTIONSTRING")]
    [InlineData("--Silo:ResponseTimeout=00:00:00", "Silo:ResponseTimeout must be a positive time span", "GRAINCOMPUTE__SILO__RESPONSETIMEOUT")]
    public void A_bad_setting_stops_the_silo_naming_the_setting_and_its_variable(string argument, string problem, string variable)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([argument]));

        var line = Assert.Single(error.Problems);
        Assert.Contains(problem, line);
        Assert.Contains(variable, line);
    }
}
