namespace GrainCompute.Runtime.Tests.Membership;

/// <summary>What every membership table must do; run against the in-memory and the PostgreSQL table.</summary>
public abstract class MembershipTableContract
{
    protected abstract IMembershipTable CreateTable(string clusterId);

    [Fact]
    public async Task A_new_table_is_empty_at_version_zero()
    {
        var table = CreateTable(NewClusterId());

        var snapshot = await table.ReadAllAsync();

        Assert.Equal(0, snapshot.Version);
        Assert.Empty(snapshot.Silos);
    }

    [Fact]
    public async Task Rows_written_with_the_current_version_are_read_back_whole()
    {
        var table = CreateTable(NewClusterId());
        var row = Row(1) with { SuspectedBy = ["127.0.0.1:2@2|1700000000000"], GatewayUrl = "http://127.0.0.1:8080" };

        Assert.True(await table.TryWriteAsync(row, 0));
        var snapshot = await table.ReadAllAsync();

        Assert.Equal(1, snapshot.Version);
        var read = Assert.Single(snapshot.Silos);
        Assert.Equal(row.Address, read.Address);
        Assert.Equal((row.Name, row.Status, row.GatewayUrl, row.WorkerSlots), (read.Name, read.Status, read.GatewayUrl, read.WorkerSlots));
        Assert.Equal(row.StartTime.ToUnixTimeMilliseconds(), read.StartTime.ToUnixTimeMilliseconds());
        Assert.Equal(row.SuspectedBy, read.SuspectedBy);
    }

    [Fact]
    public async Task A_write_with_a_stale_version_is_refused_and_changes_nothing()
    {
        var table = CreateTable(NewClusterId());
        Assert.True(await table.TryWriteAsync(Row(1), 0));

        var refused = await table.TryWriteAsync(Row(2), 0);
        var snapshot = await table.ReadAllAsync();

        Assert.False(refused);
        Assert.Single(snapshot.Silos);
        Assert.Equal(1, snapshot.Version);
    }

    [Fact]
    public async Task Rewriting_a_row_replaces_it()
    {
        var table = CreateTable(NewClusterId());
        Assert.True(await table.TryWriteAsync(Row(1), 0));

        Assert.True(await table.TryWriteAsync(Row(1) with { Status = SiloStatus.Dead }, 1));

        var read = Assert.Single((await table.ReadAllAsync()).Silos);
        Assert.Equal(SiloStatus.Dead, read.Status);
    }

    [Fact]
    public async Task Clusters_do_not_see_each_others_rows()
    {
        var first = CreateTable(NewClusterId());
        var second = CreateTable(NewClusterId());

        Assert.True(await first.TryWriteAsync(Row(1), 0));

        Assert.Empty((await second.ReadAllAsync()).Silos);
    }

    private static string NewClusterId() => $"test-{Guid.NewGuid():N}";

    private static SiloEntry Row(int port)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        return new SiloEntry(new SiloAddress("127.0.0.1", port, 42), $"silo-{port}", SiloStatus.Active, null, 2, now, now, []);
    }
}

public sealed class InMemoryMembershipTableTests : MembershipTableContract
{
    // One in-memory table is one cluster's, so "another cluster" is another instance.
    protected override IMembershipTable CreateTable(string clusterId) => new InMemoryMembershipTable();
}

public sealed class PostgresMembershipTableTests : MembershipTableContract
{
    protected override IMembershipTable CreateTable(string clusterId) => new PostgresMembershipTable(TestPostgres.DataSource, clusterId);

    [Fact]
    public async Task Silos_starting_together_create_the_schema_once_without_errors()
    {
        var tables = Enumerable.Range(0, 4).Select(_ => new PostgresMembershipTable(TestPostgres.DataSource, $"race-{Guid.NewGuid():N}")).ToList();

        await Task.WhenAll(tables.Select(t => t.EnsureSchemaAsync()));

        Assert.All(await Task.WhenAll(tables.Select(t => t.ReadAllAsync())), s => Assert.Equal(0, s.Version));
    }

    [Fact]
    public async Task A_three_silo_cluster_runs_on_postgres_membership_and_detects_a_crash()
    {
        var clusterId = $"pg-{Guid.NewGuid():N}";
        var table = new PostgresMembershipTable(TestPostgres.DataSource, clusterId);
        await using var cluster = await Testing.InProcessTestCluster.StartAsync(
            3,
            o => { o.GrainAssemblies.Add(typeof(Grains.CounterGrain).Assembly); o.ClusterId = clusterId; },
            membership: table);
        var victim = cluster.Silos[1];

        await cluster.CrashSiloAsync(victim);

        await TestClusters.WaitUntilAsync(
            async () => (await table.ReadAllAsync()).Silos.Single(s => s.Address == victim.Address).Status == SiloStatus.Dead,
            "the crashed silo is declared dead in PostgreSQL",
            TimeSpan.FromSeconds(10));
    }
}
