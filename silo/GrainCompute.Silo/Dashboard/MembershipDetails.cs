using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// What Orleans' membership table holds beyond each silo's status: which silos suspect it (votes towards declaring
/// it dead) and when it was last heard of. Statuses come from the membership snapshot this silo keeps current; these
/// details come from the management grain, which re-reads the table, so they are read at most every few seconds and
/// only while a dashboard asks. Calls are serialized by the caller (<see cref="DashboardCollector"/>'s refresh lock).
/// </summary>
internal sealed class MembershipDetails(IGrainFactory grains, IOptions<ClusterMembershipOptions> membership, TimeProvider time, ILogger<MembershipDetails> logger)
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private Dictionary<SiloAddress, MembershipEntry> _entries = [];
    private long? _readAt;

    /// <summary>The table's entries by silo, as last read; empty until a read succeeds.</summary>
    public async Task<IReadOnlyDictionary<SiloAddress, MembershipEntry>> ReadAsync()
    {
        if (_readAt is { } readAt && time.GetElapsedTime(readAt) < ReadEvery)
        {
            return _entries;
        }

        // Set before the read: a table that does not answer is asked again in a few seconds, not on every refresh.
        _readAt = time.GetTimestamp();
        try
        {
            var entries = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts().WaitAsync(ReadTimeout);
            _entries = entries.ToDictionary(e => e.SiloAddress);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            DashboardLog.MembershipDetailsUnavailable(logger, exception.Message);
        }

        return _entries;
    }

    /// <summary>Silos whose vote against the silo still counts (Orleans forgets a vote after <c>DeathVoteExpirationTimeout</c>).</summary>
    public IReadOnlyList<string> SuspectedBy(MembershipEntry? entry, DateTimeOffset now)
    {
        if (entry?.SuspectTimes is not { Count: > 0 } votes || entry.Status == SiloStatus.Dead)
        {
            return [];
        }

        var expired = now - membership.Value.DeathVoteExpirationTimeout;
        return votes.Where(v => Utc(v.Item2) > expired).Select(v => v.Item1.ToString()).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// When a dead silo was last heard of: the later of its last heartbeat in the table and the vote that declared it
    /// dead (Orleans adds the killer's vote). Null when the entry does not show it dead (not read since it died).
    /// </summary>
    public static DateTimeOffset? DeadSince(MembershipEntry? entry)
    {
        if (entry is not { Status: SiloStatus.Dead })
        {
            return null;
        }

        var last = Utc(entry.IAmAliveTime);
        foreach (var (_, votedAt) in entry.SuspectTimes ?? [])
        {
            last = Utc(votedAt) > last ? Utc(votedAt) : last;
        }

        return last;
    }

    /// <summary>The start time the table holds for the silo, when it holds one.</summary>
    public static DateTimeOffset? Started(MembershipEntry? entry) => entry is null || entry.StartTime == default ? null : Utc(entry.StartTime);

    /// <summary>Orleans writes the table's times in UTC; a provider may hand them back unspecified.</summary>
    private static DateTimeOffset Utc(DateTime time) =>
        new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
