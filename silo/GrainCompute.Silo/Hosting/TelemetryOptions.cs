namespace GrainCompute.Server.Hosting;

/// <summary>
/// OpenTelemetry settings ("Telemetry" section, GRAINCOMPUTE__TELEMETRY__…). Metrics are always collected (Orleans',
/// ASP.NET Core's, the runtime's and GrainCompute's) and served to Prometheus at <see cref="PrometheusPath"/>; with
/// <see cref="OtlpEndpoint"/> set they are pushed there too, and so are traces.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>Where Prometheus scrapes the silo on its API port; empty turns the endpoint off.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>An OpenTelemetry collector (OTLP) to push metrics and traces to, like http://otel-collector:4317; none by default.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (port 4317) or <c>http/protobuf</c> (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>
    /// Record traces (HTTP requests, Orleans grain calls across silos, chunk runs). Unset: on exactly when
    /// <see cref="OtlpEndpoint"/> is set, since spans nobody exports are work for nothing.
    /// </summary>
    public bool? Traces { get; set; }

    /// <summary>Whether spans are recorded, after the default above.</summary>
    public bool TracesOn => Traces ?? OtlpEndpoint is not null;

    public IEnumerable<string> Validate()
    {
        if (PrometheusPath.Length > 0 && (!PrometheusPath.StartsWith('/') || PrometheusPath.EndsWith('/') || PrometheusPath.Any(char.IsWhiteSpace)))
        {
            yield return $"Telemetry:PrometheusPath must start with '/' and not end with one, like /metrics (or be empty for none), not '{PrometheusPath}' (set GRAINCOMPUTE__TELEMETRY__PROMETHEUSPATH)";
        }

        if (OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            yield return $"Telemetry:OtlpEndpoint must be an absolute http(s) URL like http://otel-collector:4317, not '{endpoint}' (set GRAINCOMPUTE__TELEMETRY__OTLPENDPOINT)";
        }

        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            yield return $"Telemetry:OtlpProtocol must be grpc or http/protobuf, not '{OtlpProtocol}' (set GRAINCOMPUTE__TELEMETRY__OTLPPROTOCOL)";
        }
    }
}
