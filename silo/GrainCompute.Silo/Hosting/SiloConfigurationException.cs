namespace GrainCompute.Server.Hosting;

/// <summary>The silo's configuration is invalid; each problem names the setting and how to set it.</summary>
public sealed class SiloConfigurationException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
