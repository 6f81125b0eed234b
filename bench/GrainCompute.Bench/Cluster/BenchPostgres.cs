using System.Runtime.InteropServices;

namespace GrainCompute.Bench.Cluster;

/// <summary>
/// The PostgreSQL a benchmark's silo processes share: the server given with <c>--postgres</c>, or a throwaway one it
/// starts. Ctrl-C or SIGTERM skips finally blocks, so until disposed a signal takes the silo processes and the throwaway
/// server down first.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly PosixSignalRegistration _onInterrupt;
    private readonly PosixSignalRegistration _onTerminate;
    private ThrowawayPostgres? _server;

    private BenchPostgres(string connectionString)
    {
        ConnectionString = connectionString;
        _onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Abort);
        _onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Abort);
    }

    public string ConnectionString { get; private set; }

    /// <summary>Where the database came from, for the report.</summary>
    public string Origin => _server is null ? "given with --postgres" : "throwaway server started by the benchmark";

    /// <summary>The given server (<paramref name="pgBin"/> null), or a throwaway one from <paramref name="pgBin"/>.</summary>
    public static async Task<BenchPostgres> StartAsync(string? pgBin, string given)
    {
        var postgres = new BenchPostgres(given);
        if (pgBin is not null)
        {
            try
            {
                postgres._server = await ThrowawayPostgres.StartAsync(pgBin);
            }
            catch
            {
                await postgres.DisposeAsync();
                throw;
            }

            postgres.ConnectionString = postgres._server.ConnectionString;
        }

        return postgres;
    }

    public async ValueTask DisposeAsync()
    {
        _onInterrupt.Dispose();
        _onTerminate.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private void Abort(PosixSignalContext context)
    {
        SiloProcess.KillAll();
        _server?.DisposeNow();
    }
}
