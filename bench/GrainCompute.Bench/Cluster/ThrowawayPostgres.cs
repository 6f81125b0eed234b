using System.Net;
using System.Net.Sockets;

namespace GrainCompute.Bench.Cluster;

/// <summary>
/// A PostgreSQL server for one benchmark run, as scripts/test.sh makes it: <c>initdb</c> in a temp dir with trust
/// auth, <c>pg_ctl start</c> on a free loopback port (as user postgres when root), stopped and deleted on dispose.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private ThrowawayPostgres(string bin, string directory, string connectionString)
    {
        _bin = bin;
        _directory = directory;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>The newest <c>/usr/lib/postgresql/*/bin</c> holding initdb, or null when PostgreSQL is not installed.</summary>
    public static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : new Version(0, 0))
            .FirstOrDefault();
    }

    public static async Task<ThrowawayPostgres> StartAsync(string bin)
    {
        var directory = Directory.CreateTempSubdirectory("graincompute-pg.").FullName;
        var port = FreePort();
        var server = new ThrowawayPostgres(bin, directory, $"Host=127.0.0.1;Port={port};Username=graincompute;Database=postgres");
        try
        {
            if (ExternalTool.IsRoot)
            {
                await ExternalTool.RunAsync("chown", ["postgres", directory]);
            }

            await ExternalTool.RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-U", "graincompute", "--auth=trust"], asUser: "postgres");
            await ExternalTool.RunAsync(
                Path.Combine(bin, "pg_ctl"),
                ["-D", server.DataDirectory, "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1", "-l", Path.Combine(directory, "log"), "-w", "start"],
                asUser: "postgres");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server and deletes its directory without awaiting anything: for Ctrl-C.</summary>
    public void DisposeNow() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await ExternalTool.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "stop"], asUser: "postgres");
            }
        }
        catch (InvalidOperationException)
        {
            // Stopping is best effort: the directory goes either way.
        }

        // Backends exiting after an immediate stop can still be removing files: retry for a moment.
        for (var attempt = 0; attempt < 10 && Directory.Exists(_directory); attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
