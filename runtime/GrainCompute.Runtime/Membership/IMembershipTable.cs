namespace GrainCompute.Runtime;

/// <summary>All silo rows plus the table's version, read together.</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<SiloEntry> Silos);

/// <summary>
/// The shared record of which silos exist and their status (in memory in one process; PostgreSQL in a cluster).
/// Writes are optimistic: each carries the version it read, and fails if someone wrote since, as in Orleans'
/// membership table.
/// </summary>
public interface IMembershipTable
{
    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the row of <paramref name="entry"/>'s address; false when the table's version is no longer <paramref name="expectedVersion"/>.</summary>
    Task<bool> TryWriteAsync(SiloEntry entry, long expectedVersion, CancellationToken cancellationToken = default);
}
