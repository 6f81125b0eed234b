namespace GrainCompute.Server.Hosting;

/// <summary>Turns on Orleans' Kubernetes hosting when the "Kubernetes" section says the silo runs in a pod.</summary>
public static class KubernetesHosting
{
    public static KubernetesOptions ReadKubernetesOptions(this IConfiguration configuration)
    {
        var options = new KubernetesOptions();
        try
        {
            configuration.GetSection("Kubernetes").Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new SiloConfigurationException([$"Kubernetes: {exception.Message}"]);
        }

        var problems = options.Validate(Environment.GetEnvironmentVariable).ToList();
        return problems.Count > 0 ? throw new SiloConfigurationException(problems) : options;
    }

    /// <remarks>
    /// Orleans' hosting only fills in what the silo has not set: the Deployment sets the silo's name and advertised
    /// address from the same downward-API values (GRAINCOMPUTE__SILO__SILONAME, __ADVERTISEDADDRESS), so both agree.
    /// </remarks>
    public static ISiloBuilder UseKubernetesHostingWhenEnabled(this ISiloBuilder silo, KubernetesOptions options) =>
        options.Enabled ? silo.UseKubernetesHosting() : silo;
}
