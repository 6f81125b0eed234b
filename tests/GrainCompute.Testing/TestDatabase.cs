using Npgsql;

namespace GrainCompute.Testing;

/// <summary>
/// A fresh database per test on the throwaway PostgreSQL that scripts/test.sh names in GRAINCOMPUTE_TEST_POSTGRES,
/// so silos can use a fixed cluster id without meeting rows of earlier runs, and jobs of other tests.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name = $"gc_deploy_{Guid.NewGuid():N}";

    private TestDatabase(string server) => _server = server;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name, Pooling = false }.ConnectionString;

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("GRAINCOMPUTE_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server), "GRAINCOMPUTE_TEST_POSTGRES is not set: run the tests with `bash scripts/test.sh`, which starts a throwaway PostgreSQL.");
        var database = new TestDatabase(server!);
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {database._name}", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>The Orleans membership status (<c>SiloStatus</c> as a number) of the newest silo with this name, null if none.</summary>
    public async Task<int?> SiloStatusAsync(string clusterId, string siloName)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM graincompute_orleans_membership WHERE cluster_id = $1 AND silo_name = $2 ORDER BY start_time_ticks DESC LIMIT 1", connection)
        {
            Parameters = { new() { Value = clusterId }, new() { Value = siloName } },
        };
        return await command.ExecuteScalarAsync() is int status ? status : null;
    }

    /// <summary>Suspicion votes recorded in the Orleans membership table for the cluster's silos, all rows together.</summary>
    public async Task<long> SuspicionVotesAsync(string clusterId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(cardinality(suspected_by)), 0) FROM graincompute_orleans_membership WHERE cluster_id = $1", connection)
        {
            Parameters = { new() { Value = clusterId } },
        };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
