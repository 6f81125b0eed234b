using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>
/// <c>graincompute-mpi serve</c>: a Kestrel minimal API on 127.0.0.1 that runs the examples under mpiexec.
/// Loopback only by design: a run starts processes on this machine; whoever needs it remotely (the silo's
/// mpi-* kernels) runs beside it.
/// </summary>
internal static class SidecarHost
{
    public const string Usage =
        "graincompute-mpi serve [--port N=5090] [--max-ranks N=16] [--max-concurrent N=1] [--queue N=4] [--default-timeout S=60] [--max-timeout S=600] [--mpiexec PATH=mpiexec.mpich]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["-h" or "--help"])
        {
            Console.WriteLine("usage: " + Usage);
            return 0;
        }

        SidecarOptions options;
        try
        {
            options = ParseOptions(args);
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        await using var app = Build(options);
        await app.StartAsync();
        var address = Address(app);
        SidecarLog.Listening(
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SidecarHost)),
            address, ExecutableSearch.Find(options.MpiexecPath) ?? $"{options.MpiexecPath} (NOT FOUND: {MpichLibrary.InstallHint})",
            options.MaxRanks, options.MaxConcurrentRuns, options.QueueLimit, options.DefaultTimeout);
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The configured app, not started; tests start it on port 0 and read <see cref="Address"/>.</summary>
    public static WebApplication Build(SidecarOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new RunGate(options.MaxConcurrentRuns, options.QueueLimit));
        builder.Services.AddSingleton<MpiexecLauncher>();
        var app = builder.Build();
        SidecarEndpoints.Map(app);
        return app;
    }

    /// <summary>The address Kestrel actually bound (port 0 resolved).</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    private static SidecarOptions ParseOptions(string[] args)
    {
        var options = new SidecarOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"option '{args[i]}' needs a value");
            switch (args[i])
            {
                case "--port": options.Port = Integer(args[i], value); break;
                case "--max-ranks": options.MaxRanks = Integer(args[i], value); break;
                case "--max-concurrent": options.MaxConcurrentRuns = Integer(args[i], value); break;
                case "--queue": options.QueueLimit = Integer(args[i], value); break;
                case "--default-timeout": options.DefaultTimeout = TimeSpan.FromSeconds(Integer(args[i], value)); break;
                case "--max-timeout": options.MaxTimeout = TimeSpan.FromSeconds(Integer(args[i], value)); break;
                case "--mpiexec": options.MpiexecPath = value; break;
                default:
                    throw new ArgumentException(
                        $"unknown option '{args[i]}'; known: --port, --max-ranks, --max-concurrent, --queue, --default-timeout, --max-timeout, --mpiexec");
            }
        }

        return options;
    }

    private static int Integer(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"option '{option}' needs an integer, got '{value}'");
}
