using GrainCompute.Testing;
using Npgsql;

namespace GrainCompute.Providers.Tests;

/// <summary>
/// An empty schema of its own, first on the search path of <see cref="ConnectionString"/>: for tests that need the
/// membership tables not to exist yet, which the shared public schema cannot promise while other tests run.
/// </summary>
internal sealed class ScratchSchema : IAsyncDisposable
{
    private readonly string _name;

    private ScratchSchema(string name, string connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchSchema> CreateAsync()
    {
        var name = $"scratch_{Guid.NewGuid():N}";
        await using (var create = TestPostgres.DataSource.CreateCommand($"CREATE SCHEMA {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { SearchPath = name }.ConnectionString;
        return new ScratchSchema(name, connectionString);
    }

    public async Task<bool> HasTableAsync(string table)
    {
        await using var command = TestPostgres.DataSource.CreateCommand("SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = _name });
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    public async ValueTask DisposeAsync()
    {
        await using var drop = TestPostgres.DataSource.CreateCommand($"DROP SCHEMA {_name} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
