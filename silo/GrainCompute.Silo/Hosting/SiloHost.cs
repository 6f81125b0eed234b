using System.Net;
using GrainCompute.Grains;
using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;
using GrainCompute.Providers.PostgreSql;
using GrainCompute.Server.Api;
using GrainCompute.Server.Dashboard;
using GrainCompute.Server.Security;
using Orleans.Configuration;

namespace GrainCompute.Server.Hosting;

/// <summary>
/// Builds the silo process: configuration (appsettings.json, GRAINCOMPUTE__* environment variables, command
/// line — later sources win), validated options, the Orleans silo (<c>UseOrleans</c>), its HTTP API and health endpoints.
/// </summary>
public static class SiloHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("GRAINCOMPUTE__");
        builder.Configuration.AddCommandLine(args);
        customize?.Invoke(builder);

        var siloOptions = Bind<SiloOptions>(builder.Configuration, "Silo");
        var apiOptions = Bind<ApiOptions>(builder.Configuration, "Api");
        var membershipOptions = Bind<MembershipOptions>(builder.Configuration, "Membership");
        var computeOptions = Bind<ComputeOptions>(builder.Configuration, "Compute");
        var tlsOptions = Bind<ClusterTlsOptions>(builder.Configuration, "Cluster:Tls");
        var problems = siloOptions.Validate().Concat(apiOptions.Validate()).Concat(membershipOptions.Validate()).Concat(computeOptions.Validate()).Concat(tlsOptions.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new SiloConfigurationException(problems);
        }

        var certificates = tlsOptions.Enabled ? ClusterCertificates.Load(tlsOptions) : null;
        var telemetry = builder.AddTelemetry(siloOptions);
        var kubernetes = builder.Configuration.ReadKubernetesOptions();
        var endpoints = SiloEndpoints.From(siloOptions);
        var local = new LocalSilo(siloOptions.SiloName, siloOptions.GatewayUrl ?? GatewayUrl.DefaultFor(apiOptions.Urls, endpoints.Advertised), siloOptions.WorkerSlots, siloOptions.DrainTimeout);
        builder.WebHost.UseUrls(apiOptions.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = computeOptions.MaxBodyBytes);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = siloOptions.DrainTimeout + TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(siloOptions);
        builder.Services.AddSingleton(apiOptions);
        builder.Services.AddApiAccess(apiOptions);
        if (membershipOptions.UsesPostgres)
        {
            builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(membershipOptions.EffectiveConnectionString!));
            builder.Services.AddSingleton<IJobStore>(services => new PostgresJobStore(services.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        }

        try
        {
            builder.UseOrleans(silo =>
            {
                ConfigureSilo(silo, builder.Configuration, siloOptions, endpoints, membershipOptions, computeOptions, local);
                silo.AddTelemetry(telemetry).UseKubernetesHostingWhenEnabled(kubernetes);
                if (certificates is not null)
                {
                    silo.UseClusterTls(certificates);
                }
            });
        }
        catch (KernelPackException exception)
        {
            throw new SiloConfigurationException([exception.Message]);
        }

        builder.Services.AddSingleton<LocalSiloStatus>();
        builder.Services.AddSingleton<ClusterDirectory>();
        builder.Services.AddSingleton<ClusterKernels>();
        builder.Services.AddSingleton<JobSubmission>();
        builder.Services.AddSingleton<KernelCalls>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();

        var app = builder.Build();
        try
        {
            // Resolved now so that two kernels of one name (AddKernel twice, or a kernel added in code that a pack or
            // a built-in also has) stop the silo at start, not its first job.
            app.Services.GetRequiredService<KernelCatalog>();
        }
        catch (ArgumentException exception)
        {
            throw new SiloConfigurationException([$"kernels: {exception.Message}"]);
        }

        EffectiveOptions.Log(app.Logger, siloOptions, endpoints, apiOptions, membershipOptions, computeOptions);
        ClusterTlsLog.Effective(app.Logger, certificates, endpoints.Listen);
        // Answers that would go out empty — 404 and 405 from routing, 415, a 400 from a query value that does not
        // bind — get problem details too (AddProblemDetails above writes them).
        app.UseStatusCodePages();
        app.UseDashboard();
        app.UseApiAccess();
        app.MapOpenApi();
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        app.MapGet("/health/ready", (LocalSiloStatus silo) => silo.IsReady
            ? Results.Ok(new { status = "ready", silo = silo.Address.ToString() })
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Silo not ready", detail: $"Silo status is {silo.Status}{(silo.Status == SiloStatus.Active ? ", draining its chunks before it stops" : "")}.")).ExcludeFromDescription();
        app.MapComputeApi();
        app.MapDashboard();
        app.MapTelemetry();
        return app;
    }

    private static void ConfigureSilo(ISiloBuilder silo, IConfiguration configuration, SiloOptions siloOptions, SiloEndpoints endpoints, MembershipOptions membershipOptions, ComputeOptions computeOptions, LocalSilo local)
    {
        silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (siloOptions.ClusterId, siloOptions.ClusterId));
        silo.Configure<Orleans.Configuration.SiloOptions>(orleans => orleans.SiloName = siloOptions.SiloName);
        endpoints.Configure(silo);
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            // Tuned so a killed silo is declared dead within 10 s: probes every ProbeTimeout, suspicion after
            // MissedProbesToSuspect misses, death on VotesToDeclareDead votes (Orleans' defaults take ~30 s).
            membership.ProbeTimeout = siloOptions.ProbeTimeout;
            membership.NumMissedProbesLimit = siloOptions.MissedProbesToSuspect;
            membership.NumVotesForDeathDeclaration = siloOptions.VotesToDeclareDead;
            membership.MaxJoinAttemptTime = siloOptions.JoinTimeout;
        });
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = siloOptions.ResponseTimeout);
        silo.Configure<GrainCollectionOptions>(collection => collection.CollectionAge = siloOptions.CollectionAge);
        if (membershipOptions.UsesPostgres)
        {
            silo.UsePostgresClustering(membershipOptions.EffectiveConnectionString!);
        }
        else
        {
            silo.UseDevelopmentClustering(new IPEndPoint(endpoints.Advertised, endpoints.SiloPort));
        }

        silo.AddComputeGrains(computeOptions, local);
        silo.AddDashboard(configuration);
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new SiloConfigurationException([$"{section}: {exception.Message}"]);
        }

        return options;
    }
}
