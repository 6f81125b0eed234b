namespace GrainCompute.Runtime;

/// <summary>A membership table shared by the silos of one process (embedded silo, in-process test cluster).</summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, SiloEntry> _rows = []; // guarded by _lock
    private long _version; // guarded by _lock

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(new MembershipSnapshot(_version, [.. _rows.Values]));
        }
    }

    public Task<bool> TryWriteAsync(SiloEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (expectedVersion != _version)
            {
                return Task.FromResult(false);
            }

            _rows[entry.Address] = entry;
            _version++;
            return Task.FromResult(true);
        }
    }
}
