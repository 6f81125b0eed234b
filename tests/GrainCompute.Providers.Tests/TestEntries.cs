using System.Net;
using Orleans;
using Orleans.Runtime;

namespace GrainCompute.Providers.Tests;

/// <summary>Membership entries with every field set, and a field-by-field comparison.</summary>
internal static class TestEntries
{
    /// <summary>A time with sub-microsecond ticks: the table must keep Orleans' 100 ns precision, not round it.</summary>
    public static readonly DateTime T0 = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567);

    public static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Active, int generation = 7) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, generation),
        Status = status,
        ProxyPort = port + 10_000,
        HostName = $"host-{port}",
        SiloName = $"silo-{port}",
        RoleName = "compute",
        UpdateZone = port % 3,
        FaultZone = port % 5,
        StartTime = T0,
        IAmAliveTime = T0.AddSeconds(1),
        SuspectTimes = [],
    };

    public static MembershipEntry Copy(MembershipEntry entry) => new()
    {
        SiloAddress = entry.SiloAddress,
        Status = entry.Status,
        ProxyPort = entry.ProxyPort,
        HostName = entry.HostName,
        SiloName = entry.SiloName,
        RoleName = entry.RoleName,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        StartTime = entry.StartTime,
        IAmAliveTime = entry.IAmAliveTime,
        SuspectTimes = entry.SuspectTimes?.ToList(),
    };

    public static void AssertSame(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.RoleName, actual.RoleName);
        Assert.Equal(expected.UpdateZone, actual.UpdateZone);
        Assert.Equal(expected.FaultZone, actual.FaultZone);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(
            (expected.SuspectTimes ?? []).Select(vote => (vote.Item1, vote.Item2)),
            (actual.SuspectTimes ?? []).Select(vote => (vote.Item1, vote.Item2)));
    }
}
