using GrainCompute.Providers.PostgreSql;
using Orleans;
using Orleans.Runtime;
using static GrainCompute.Providers.Tests.TestClusters;
using static GrainCompute.Providers.Tests.TestEntries;

namespace GrainCompute.Providers.Tests;

/// <summary>Orleans' membership table contract, against real PostgreSQL, each test on a cluster of its own.</summary>
public sealed class PostgresMembershipTableTests
{
    [Fact]
    public async Task A_new_cluster_reads_empty_at_version_zero()
    {
        await using var table = await InitializedTableAsync(NewClusterId());

        var data = await table.ReadAllAsync();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [Fact]
    public async Task An_inserted_entry_is_read_back_with_every_field_and_a_new_table_version()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        var before = (await table.ReadAllAsync()).Version;
        var entry = Entry(11001);
        entry.SuspectTimes = [Tuple.Create(Entry(11002).SiloAddress, T0.AddTicks(3)), Tuple.Create(Entry(11003).SiloAddress, T0.AddTicks(5))];

        Assert.True(await table.InsertRowAsync(entry, before.Next()));

        var all = await table.ReadAllAsync();
        var row = Assert.Single(all.Members);
        AssertSame(entry, row.Item1);
        Assert.False(string.IsNullOrEmpty(row.Item2));
        Assert.Equal(1, all.Version.Version);
        Assert.NotEqual(before.VersionEtag, all.Version.VersionEtag);
        var one = await table.ReadRowAsync(entry.SiloAddress);
        AssertSame(entry, Assert.Single(one.Members).Item1);
        Assert.Equal(all.Version, one.Version);
    }

    [Fact]
    public async Task An_entry_without_optional_fields_reads_back_without_them()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        var entry = Entry(11011);
        entry.RoleName = null;
        entry.SuspectTimes = null;

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        var read = Assert.Single((await table.ReadAllAsync()).Members).Item1;
        Assert.Null(read.RoleName);
        Assert.Empty(read.SuspectTimes ?? []);
    }

    [Fact]
    public async Task Reading_a_silo_that_has_no_row_returns_no_entry_but_the_table_version()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        Assert.True(await table.InsertRowAsync(Entry(11021), (await table.ReadAllAsync()).Version.Next()));

        var data = await table.ReadRowAsync(Entry(11022).SiloAddress);

        Assert.Empty(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task An_insert_with_a_stale_table_version_is_refused_and_changes_nothing()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        var stale = (await table.ReadAllAsync()).Version;
        Assert.True(await table.InsertRowAsync(Entry(11031), stale.Next()));
        var before = await table.ReadAllAsync();

        Assert.False(await table.InsertRowAsync(Entry(11032), stale.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Entry(11031).SiloAddress, Assert.Single(after.Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task An_insert_of_a_silo_that_already_has_a_row_is_refused_even_with_the_current_table_version()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        Assert.True(await table.InsertRowAsync(Entry(11041), (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();
        var again = Entry(11041, SiloStatus.Joining);

        Assert.False(await table.InsertRowAsync(again, before.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task An_update_with_current_tokens_replaces_the_entry_and_moves_the_table_and_row_etags_on()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        Assert.True(await table.InsertRowAsync(Entry(11051, SiloStatus.Joining), (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();
        var (_, rowEtag) = Assert.Single(before.Members);
        var updated = Entry(11051, SiloStatus.Active);
        updated.HostName = "moved";
        updated.SuspectTimes = [Tuple.Create(Entry(11052).SiloAddress, T0.AddSeconds(9))];

        Assert.True(await table.UpdateRowAsync(updated, rowEtag, before.Version.Next()));

        var after = await table.ReadAllAsync();
        var row = Assert.Single(after.Members);
        AssertSame(updated, row.Item1);
        Assert.NotEqual(rowEtag, row.Item2);
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
    }

    [Fact]
    public async Task An_update_with_a_stale_row_etag_is_refused_and_changes_nothing()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        Assert.True(await table.InsertRowAsync(Entry(11061, SiloStatus.Joining), (await table.ReadAllAsync()).Version.Next()));
        var first = await table.ReadAllAsync();
        var staleRowEtag = first.Members[0].Item2;
        Assert.True(await table.UpdateRowAsync(Entry(11061, SiloStatus.Active), staleRowEtag, first.Version.Next()));
        var current = await table.ReadAllAsync();

        // The table version is current; only the row etag is from before the last update of this row.
        Assert.False(await table.UpdateRowAsync(Entry(11061, SiloStatus.Dead), staleRowEtag, current.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Members).Item1.Status);
        Assert.Equal(current.Members[0].Item2, after.Members[0].Item2);
    }

    [Fact]
    public async Task An_update_with_a_stale_table_version_is_refused_even_with_the_current_row_etag()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        Assert.True(await table.InsertRowAsync(Entry(11071), (await table.ReadAllAsync()).Version.Next()));
        var stale = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(Entry(11072), stale.Version.Next()));
        var current = await table.ReadAllAsync();
        var currentRowEtag = current.TryGet(Entry(11071).SiloAddress)!.Item2;

        Assert.False(await table.UpdateRowAsync(Entry(11071, SiloStatus.Dead), currentRowEtag, stale.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(SiloStatus.Active, after.TryGet(Entry(11071).SiloAddress)!.Item1.Status);
    }

    [Fact]
    public async Task An_update_of_a_silo_that_has_no_row_is_refused_and_creates_nothing()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        Assert.True(await table.InsertRowAsync(Entry(11081), (await table.ReadAllAsync()).Version.Next()));
        var current = await table.ReadAllAsync();

        Assert.False(await table.UpdateRowAsync(Entry(11082), current.Members[0].Item2, current.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(current.Version, after.Version);
        Assert.Single(after.Members);
    }

    [Fact]
    public async Task Two_writers_racing_on_the_same_table_version_have_exactly_one_winner()
    {
        var clusterId = NewClusterId();
        await using var first = await InitializedTableAsync(clusterId);
        await using var second = await InitializedTableAsync(clusterId);

        for (var round = 0; round < 10; round++)
        {
            // Two silos insert themselves, then both try to update the same silo, each time on the version both read.
            var before = await first.ReadAllAsync();
            var inserts = await RaceAsync(
                () => first.InsertRowAsync(Entry(12000 + (2 * round)), before.Version.Next()),
                () => second.InsertRowAsync(Entry(12001 + (2 * round)), before.Version.Next()));
            Assert.Equal(1, inserts.Count(won => won));

            var mid = await second.ReadAllAsync();
            Assert.Equal(before.Version.Version + 1, mid.Version.Version);
            Assert.Equal(before.Members.Count + 1, mid.Members.Count);

            var target = mid.Members[0];
            var updates = await RaceAsync(
                () => first.UpdateRowAsync(WithStatus(target.Item1, SiloStatus.ShuttingDown), target.Item2, mid.Version.Next()),
                () => second.UpdateRowAsync(WithStatus(target.Item1, SiloStatus.Stopping), target.Item2, mid.Version.Next()));
            Assert.Equal(1, updates.Count(won => won));

            var after = await first.ReadAllAsync();
            Assert.Equal(mid.Version.Version + 1, after.Version.Version);
            var expected = updates[0] ? SiloStatus.ShuttingDown : SiloStatus.Stopping;
            Assert.Equal(expected, after.TryGet(target.Item1.SiloAddress)!.Item1.Status);
        }
    }

    [Fact]
    public async Task A_heartbeat_changes_only_the_I_am_alive_time()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        var entry = Entry(11091);
        entry.SuspectTimes = [Tuple.Create(Entry(11092).SiloAddress, T0)];
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();

        // Everything but the silo and its time differs: a heartbeat must not write any of it.
        var heartbeat = Entry(11091, SiloStatus.Dead);
        heartbeat.HostName = "elsewhere";
        heartbeat.ProxyPort = 1;
        heartbeat.StartTime = T0.AddDays(1);
        heartbeat.IAmAliveTime = T0.AddMinutes(5);
        await table.UpdateIAmAliveAsync(heartbeat);

        var after = await table.ReadAllAsync();
        var expected = Copy(entry);
        expected.IAmAliveTime = heartbeat.IAmAliveTime;
        AssertSame(expected, Assert.Single(after.Members).Item1);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].Item2, after.Members[0].Item2);
    }

    [Fact]
    public async Task The_I_am_alive_time_never_moves_backwards()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        var entry = Entry(11101);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadAllAsync();
        var latest = T0.AddMinutes(10);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = latest });

        // An older heartbeat arriving late, and another silo's update carrying the time it read before the heartbeat.
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = T0.AddMinutes(2) });
        var suspected = Copy(read.Members[0].Item1);
        suspected.AddSuspector(Entry(11102).SiloAddress, T0.AddMinutes(3));
        Assert.True(await table.UpdateRowAsync(suspected, read.Members[0].Item2, read.Version.Next()));

        var after = Assert.Single((await table.ReadAllAsync()).Members).Item1;
        Assert.Equal(latest, after.IAmAliveTime);
        Assert.Single(after.SuspectTimes!);
    }

    [Fact]
    public async Task Tokens_read_before_a_heartbeat_still_update_the_row()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Joining), (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadAllAsync();

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = Entry(11111).SiloAddress, IAmAliveTime = T0.AddMinutes(1) });

        Assert.True(await table.UpdateRowAsync(Entry(11111, SiloStatus.Active), read.Members[0].Item2, read.Version.Next()));
        Assert.Equal(SiloStatus.Active, Assert.Single((await table.ReadAllAsync()).Members).Item1.Status);
    }

    [Fact]
    public async Task A_heartbeat_for_a_silo_without_a_row_changes_nothing()
    {
        await using var table = await InitializedTableAsync(NewClusterId());
        var before = await table.ReadAllAsync();

        await table.UpdateIAmAliveAsync(Entry(11121));

        var after = await table.ReadAllAsync();
        Assert.Empty(after.Members);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_entries_whose_last_update_is_before_the_cutoff()
    {
        var clusterId = NewClusterId();
        var otherClusterId = NewClusterId();
        await using var table = await InitializedTableAsync(clusterId);
        await using var other = await InitializedTableAsync(otherClusterId);
        var cutoff = T0.AddHours(1);

        var deadAndOld = Stamped(Entry(11131, SiloStatus.Dead), cutoff.AddTicks(-1));
        var deadWithRecentHeartbeat = Stamped(Entry(11132, SiloStatus.Dead), cutoff.AddMinutes(1));
        var deadAtTheCutoff = Stamped(Entry(11133, SiloStatus.Dead), cutoff);
        var deadWithRecentVote = Stamped(Entry(11134, SiloStatus.Dead), T0);
        deadWithRecentVote.SuspectTimes = [Tuple.Create(Entry(11139).SiloAddress, cutoff.AddSeconds(1))];
        var deadWithRecentStart = Stamped(Entry(11135, SiloStatus.Dead), T0);
        deadWithRecentStart.StartTime = cutoff.AddSeconds(1);
        var activeAndOld = Stamped(Entry(11136, SiloStatus.Active), T0);
        foreach (var entry in new[] { deadAndOld, deadWithRecentHeartbeat, deadAtTheCutoff, deadWithRecentVote, deadWithRecentStart, activeAndOld })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        var otherDeadAndOld = Stamped(Entry(11131, SiloStatus.Dead), T0);
        Assert.True(await other.InsertRowAsync(otherDeadAndOld, (await other.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(cutoff));

        var after = await table.ReadAllAsync();
        Assert.Equal(
            new[] { deadWithRecentHeartbeat, deadAtTheCutoff, deadWithRecentVote, deadWithRecentStart, activeAndOld }.Select(e => e.SiloAddress).Order(),
            after.Members.Select(row => row.Item1.SiloAddress).Order());
        Assert.Equal(before.Version, after.Version);
        Assert.Single((await other.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_entries_and_version_and_leaves_other_clusters_alone()
    {
        var clusterId = NewClusterId();
        await using var table = await InitializedTableAsync(clusterId);
        await using var other = await InitializedTableAsync(NewClusterId());
        Assert.True(await table.InsertRowAsync(Entry(11141), (await table.ReadAllAsync()).Version.Next()));
        var stale = await table.ReadAllAsync();
        Assert.True(await other.InsertRowAsync(Entry(11141), (await other.ReadAllAsync()).Version.Next()));
        var otherBefore = await other.ReadAllAsync();

        await table.DeleteMembershipTableEntriesAsync(clusterId);

        var after = await table.ReadAllAsync();
        Assert.Empty(after.Members);
        Assert.Equal(0, after.Version.Version);
        Assert.False(await table.InsertRowAsync(Entry(11142), stale.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(11142), after.Version.Next()));
        var otherAfter = await other.ReadAllAsync();
        Assert.Equal(otherBefore.Version, otherAfter.Version);
        Assert.Single(otherAfter.Members);
    }

    [Fact]
    public async Task A_deleted_cluster_starts_again_from_version_zero_once_initialised()
    {
        var clusterId = NewClusterId();
        await using var table = await InitializedTableAsync(clusterId);
        Assert.True(await table.InsertRowAsync(Entry(11151), (await table.ReadAllAsync()).Version.Next()));
        var old = await table.ReadAllAsync();
        await table.DeleteMembershipTableEntriesAsync(clusterId);

        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);

        var fresh = await table.ReadAllAsync();
        Assert.Empty(fresh.Members);
        Assert.Equal(0, fresh.Version.Version);
        Assert.NotEqual(old.Version.VersionEtag, fresh.Version.VersionEtag);
        Assert.True(await table.InsertRowAsync(Entry(11151), fresh.Version.Next()));
    }

    [Fact]
    public async Task Initialising_from_many_silos_at_once_creates_the_schema_once_and_keeps_existing_rows()
    {
        await using var scratch = await ScratchSchema.CreateAsync();
        var clusterId = NewClusterId();
        var tables = Enumerable.Range(0, 8).Select(_ => Table(clusterId, scratch.ConnectionString)).ToArray();
        try
        {
            // The schema does not exist yet in this search path: all eight race to create it.
            await Task.WhenAll(tables.Select(table => Task.Run(() => table.InitializeMembershipTableAsync(tryInitTableVersion: true))));
            Assert.True(await scratch.HasTableAsync(PostgresMembershipSchema.VersionTable));
            Assert.True(await scratch.HasTableAsync(PostgresMembershipSchema.MemberTable));
            var initial = await tables[0].ReadAllAsync();
            Assert.Equal(0, initial.Version.Version);
            Assert.True(await tables[1].InsertRowAsync(Entry(11161), initial.Version.Next()));
            var populated = await tables[2].ReadAllAsync();

            await Task.WhenAll(tables.Select((table, i) => Task.Run(() => table.InitializeMembershipTableAsync(tryInitTableVersion: i % 2 == 0))));

            var after = await tables[3].ReadAllAsync();
            Assert.Equal(populated.Version, after.Version);
            AssertSame(Entry(11161), Assert.Single(after.Members).Item1);
        }
        finally
        {
            foreach (var table in tables)
            {
                await table.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Clusters_sharing_the_tables_do_not_see_each_others_rows()
    {
        await using var first = await InitializedTableAsync(NewClusterId());
        await using var second = await InitializedTableAsync(NewClusterId());

        Assert.True(await first.InsertRowAsync(Entry(11171), (await first.ReadAllAsync()).Version.Next()));

        var other = await second.ReadAllAsync();
        Assert.Empty(other.Members);
        Assert.Equal(0, other.Version.Version);
        Assert.Empty((await second.ReadRowAsync(Entry(11171).SiloAddress)).Members);
    }

    private static MembershipEntry Stamped(MembershipEntry entry, DateTime lastSeen)
    {
        entry.StartTime = T0.AddDays(-1);
        entry.IAmAliveTime = lastSeen;
        return entry;
    }

    private static MembershipEntry WithStatus(MembershipEntry entry, SiloStatus status)
    {
        var copy = Copy(entry);
        copy.Status = status;
        return copy;
    }

    /// <summary>Starts both writes only once both are ready, on the thread pool, so they reach the database together.</summary>
    private static async Task<bool[]> RaceAsync(Func<Task<bool>> first, Func<Task<bool>> second)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = new[] { first, second }.Select(write => Task.Run(async () =>
        {
            await start.Task;
            return await write();
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(writes);
    }
}
