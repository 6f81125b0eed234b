using Npgsql;

namespace GrainCompute.Deployment.Tests.Behaviour;

/// <summary>
/// A fresh database per test on the throwaway PostgreSQL that scripts/test.sh names in GRAINCOMPUTE_TEST_POSTGRES,
/// so a silo can use the cluster id the manifests give it without meeting rows of earlier runs.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
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

    public async Task<int?> SiloStatusAsync(string clusterId, string siloName)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM graincompute_membership WHERE cluster_id = $1 AND name = $2", connection)
        {
            Parameters = { new() { Value = clusterId }, new() { Value = siloName } },
        };
        return await command.ExecuteScalarAsync() is int status ? status : null;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
