using GrainCompute.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace GrainCompute.Service.Tests.Api;

public sealed class ApiKeyOptionsTests
{
    [Fact]
    public void An_empty_key_stops_the_silo_naming_the_setting_and_its_environment_variable()
    {
        var refused = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build(["--Api:Keys:0:Key=", "--Api:Keys:0:Role=read"]));

        Assert.Contains(refused.Problems, p => p.Contains("Api:Keys:0:Key is empty", StringComparison.Ordinal) && p.Contains("GRAINCOMPUTE__API__KEYS__0__KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void A_role_other_than_read_or_full_stops_the_silo()
    {
        var refused = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build(["--Api:Keys:0:Key=abc", "--Api:Keys:0:Role=admin"]));

        Assert.Contains(refused.Problems, p => p.Contains("Api:Keys:0:Role must be read or full, not 'admin'", StringComparison.Ordinal));
    }

    [Fact]
    public void One_key_configured_twice_stops_the_silo()
    {
        var refused = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build(["--Api:ApiKey=same", "--Api:Keys:0:Key=same", "--Api:Keys:0:Role=read"]));

        Assert.Contains(refused.Problems, p => p.Contains("Api:ApiKey and Api:Keys:0 hold the same key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_with_a_trailing_newline_or_only_spaces_stops_the_silo()
    {
        var newline = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build(["--Api:ApiKey=secret\n"]));
        var spaces = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build(["--Api:ApiKey=   "]));

        Assert.Contains(newline.Problems, p => p.Contains("Api:ApiKey begins or ends with white space or a line break", StringComparison.Ordinal));
        Assert.Contains(spaces.Problems, p => p.Contains("Api:ApiKey begins or ends with white space", StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_bind_from_lower_case_configuration_values()
    {
        var options = new ApiOptions();
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Keys:0:Key"] = "k", ["Keys:0:Role"] = "read" })
            .Build().Bind(options);

        Assert.Equal(GrainCompute.Server.Security.ApiKeyRole.Read, Assert.Single(options.Keys).ParsedRole);
        Assert.Empty(options.Validate());
    }
}
