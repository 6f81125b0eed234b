using Npgsql;

namespace GrainCompute.Testing;

/// <summary>
/// The throwaway PostgreSQL that scripts/test.sh starts and names in GRAINCOMPUTE_TEST_POSTGRES. Tests that need
/// it fail (never skip) without it, saying how to run them.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<NpgsqlDataSource> Source = new(() =>
    {
        var connectionString = Environment.GetEnvironmentVariable("GRAINCOMPUTE_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(connectionString), "GRAINCOMPUTE_TEST_POSTGRES is not set: run the tests with `bash scripts/test.sh`, which starts a throwaway PostgreSQL.");
        return NpgsqlDataSource.Create(connectionString!);
    });

    public static NpgsqlDataSource DataSource => Source.Value;

    public static string ConnectionString => DataSource.ConnectionString;
}
