using GrainCompute.Grains;
using GrainCompute.Runtime;
using GrainCompute.Silo.Api;
using GrainCompute.Silo.Dashboard;

namespace GrainCompute.Silo.Hosting;

/// <summary>
/// Builds the silo process: configuration (appsettings.json, GRAINCOMPUTE__* environment variables, command
/// line — later sources win), validated options, the silo, its HTTP API and health endpoints.
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
        var problems = siloOptions.Validate().Concat(apiOptions.Validate()).Concat(membershipOptions.Validate()).Concat(computeOptions.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new SiloConfigurationException(problems);
        }

        siloOptions.GrainAssemblies.Add(typeof(IJobGrain).Assembly);
        siloOptions.GrainAssemblies.Add(typeof(IDashboardSiloGrain).Assembly);
        siloOptions.GatewayUrl ??= GatewayUrl.DefaultFor(apiOptions.Urls, siloOptions);
        builder.WebHost.UseUrls(apiOptions.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = computeOptions.MaxBodyBytes);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = siloOptions.DrainTimeout + TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(siloOptions);
        builder.Services.AddSingleton(apiOptions);
        builder.Services.AddComputeGrains(computeOptions);
        builder.Services.AddDashboard(builder.Configuration);
        builder.Services.AddSingleton<ISiloTransport>(services => new TcpSiloTransport(services.GetRequiredService<ILoggerFactory>()));
        if (membershipOptions.UsesPostgres)
        {
            builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(membershipOptions.ConnectionString!));
            builder.Services.AddSingleton<IMembershipTable>(services => new PostgresMembershipTable(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), siloOptions.ClusterId));
            builder.Services.AddSingleton<IJobStore>(services => new PostgresJobStore(services.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        }
        else
        {
            builder.Services.AddSingleton<IMembershipTable, InMemoryMembershipTable>();
        }

        builder.Services.AddSingleton(services => new Runtime.Hosting.Silo(
            siloOptions,
            services.GetRequiredService<ISiloTransport>(),
            services.GetRequiredService<IMembershipTable>(),
            services));
        builder.Services.AddSingleton<SiloService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SiloService>());
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();

        var app = builder.Build();
        EffectiveOptions.Log(app.Logger, siloOptions, apiOptions, membershipOptions, computeOptions);
        app.UseDashboard();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapOpenApi();
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        app.MapGet("/health/ready", (SiloService silo) => silo.IsReady
            ? Results.Ok(new { status = "ready", silo = silo.Silo.Address.ToString() })
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Silo not ready", detail: $"Silo status is {silo.Silo.Status}.")).ExcludeFromDescription();
        app.MapComputeApi();
        app.MapDashboard();
        return app;
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
