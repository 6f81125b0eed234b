using GrainCompute.Runtime.Testing;

namespace GrainCompute.Runtime.Tests.Membership;

public sealed class JoinRetryTests
{
    [Fact]
    public async Task A_silo_waits_for_a_membership_table_that_is_still_starting()
    {
        var table = new UnreachableAtFirst(new InMemoryMembershipTable(), failures: 3);

        await using var cluster = await InProcessTestCluster.StartAsync(1, membership: table);

        Assert.Equal(SiloStatus.Active, cluster.Silos[0].Status);
        Assert.Equal(3, table.Refused);
    }

    [Fact]
    public async Task A_silo_gives_up_joining_after_its_join_timeout_with_the_tables_error()
    {
        var table = new UnreachableAtFirst(new InMemoryMembershipTable(), failures: int.MaxValue);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => InProcessTestCluster.StartAsync(1, options => options.JoinTimeout = TimeSpan.FromSeconds(1), membership: table));

        Assert.Equal(UnreachableAtFirst.Message, failure.Message);
        Assert.InRange(table.Refused, 2, 4);
    }

    /// <summary>A table whose database refuses the first <c>failures</c> reads, as one that is still starting does.</summary>
    private sealed class UnreachableAtFirst(IMembershipTable inner, int failures) : IMembershipTable
    {
        public const string Message = "connection refused (test)";

        public int Refused { get; private set; }

        public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
        {
            if (Refused < failures)
            {
                Refused++;
                throw new InvalidOperationException(Message);
            }

            return inner.ReadAllAsync(cancellationToken);
        }

        public Task<bool> TryWriteAsync(SiloEntry entry, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.TryWriteAsync(entry, expectedVersion, cancellationToken);
    }
}
