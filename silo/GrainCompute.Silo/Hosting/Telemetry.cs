using GrainCompute.Grains.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GrainCompute.Server.Hosting;

/// <summary>
/// The silo's OpenTelemetry: metrics from Orleans ("Microsoft.Orleans"), ASP.NET Core, the .NET runtime and GrainCompute
/// (<see cref="ComputeTelemetry.MeterName"/>) on a Prometheus scrape endpoint and, when configured, OTLP; traces from the
/// HTTP request through the job grain to its chunks on other silos (Orleans' activity propagation carries the trace
/// context in each grain call's request context).
/// </summary>
public static class Telemetry
{
    /// <summary>Orleans' meter and activity sources (Orleans.Runtime's Instruments and ActivityPropagationGrainCallFilter).</summary>
    private const string OrleansMeter = "Microsoft.Orleans";
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Registers the SDK with the "Telemetry" section's settings; returns them (the silo needs them again to map and to propagate).</summary>
    public static TelemetryOptions AddTelemetry(this WebApplicationBuilder builder, SiloOptions silo)
    {
        var options = new TelemetryOptions();
        try
        {
            builder.Configuration.GetSection("Telemetry").Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new SiloConfigurationException([$"Telemetry: {exception.Message}"]);
        }

        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new SiloConfigurationException(problems);
        }

        builder.Services.AddSingleton(options);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("graincompute-silo", serviceInstanceId: silo.SiloName, autoGenerateServiceInstanceId: false)
                .AddAttributes([new("graincompute.cluster", silo.ClusterId)]))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrleansMeter, ComputeTelemetry.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (options.PrometheusPath.Length > 0)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (options.TracesOn)
        {
            otel.WithTracing(tracing => tracing
                .AddSource([.. OrleansSources, ComputeTelemetry.ActivitySourceName])
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !IsPlumbing(context.Request.Path, options)));
        }

        if (options.OtlpEndpoint is { } endpoint)
        {
            otel.UseOtlpExporter(options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf, endpoint);
        }

        return options;
    }

    /// <summary>Grain calls carry the trace context (and start spans) only when traces are on: otherwise each call would pay for it.</summary>
    public static ISiloBuilder AddTelemetry(this ISiloBuilder silo, TelemetryOptions options) =>
        options.TracesOn ? silo.AddActivityPropagation() : silo;

    /// <summary>Maps the Prometheus scrape endpoint (behind the API key like everything but /health).</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (options.PrometheusPath.Length > 0)
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
        }

        return app;
    }

    /// <summary>Probes and scrapes every few seconds would bury the requests worth tracing.</summary>
    private static bool IsPlumbing(PathString path, TelemetryOptions options) =>
        path.StartsWithSegments("/health") || (options.PrometheusPath.Length > 0 && path.StartsWithSegments(options.PrometheusPath));
}
