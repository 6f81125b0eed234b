using GrainCompute.Grains;

namespace GrainCompute.Server.Hosting;

/// <summary>The settings a silo starts with, as one log line; secrets (API key, database password, credentials in the sidecar URL) are redacted.</summary>
internal static partial class EffectiveOptions
{
    public static void Log(ILogger logger, SiloOptions silo, SiloEndpoints endpoints, ApiOptions api, MembershipOptions membership, ComputeOptions compute) =>
        Started(
            logger,
            silo.ClusterId,
            silo.SiloName,
            $"{endpoints.Listen}:{endpoints.SiloPort}",
            endpoints.GatewayPort,
            endpoints.Advertised.ToString(),
            silo.WorkerSlots,
            api.Urls,
            api.RequiresKeys ? string.Join(", ", api.AllKeys().Select(k => $"{k.Name} {k.Role.ToString().ToLowerInvariant()}")) + (api.RateLimit.Enabled ? $"; rate limit {api.RateLimit.PermitLimit} per {api.RateLimit.Window}" : "") : "none",
            membership.Provider,
            Redact(membership.EffectiveConnectionString),
            compute.MaxItems,
            compute.MaxConcurrentJobs,
            RedactUrl(compute.MpiSidecarUri));

    private static string Redact(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return "-";
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = "***";
        }

        return builder.ConnectionString;
    }

    private static string RedactUrl(Uri? url) => url switch
    {
        null => "none (mpi-* kernels refused)",
        { UserInfo.Length: > 0 } => new UriBuilder(url) { UserName = "***", Password = "" }.Uri.ToString(),
        _ => url.ToString(),
    };

    [LoggerMessage(3000, LogLevel.Information,
        "Starting silo: cluster {ClusterId}, name {Name}, listen {Listen}, gateway port {GatewayPort}, advertised {Advertised}, {Slots} worker slots, API {Urls} (key: {ApiKey}), membership {Provider} ({Connection}), max items {MaxItems}, max concurrent jobs {MaxJobs}, MPI sidecar {MpiSidecar}")]
    private static partial void Started(ILogger logger, string clusterId, string name, string listen, int gatewayPort, string advertised, int slots, string urls, string apiKey, string provider, string connection, long maxItems, int maxJobs, string mpiSidecar);
}
