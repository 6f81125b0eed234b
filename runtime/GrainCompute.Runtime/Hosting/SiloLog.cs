using Microsoft.Extensions.Logging;

namespace GrainCompute.Runtime.Hosting;

/// <summary>All runtime log messages. Event ids: 1000–1099 lifecycle, 1100–1199 activations, 1200–1299 messaging, 1300–1399 membership.</summary>
internal sealed partial class SiloLog(ILogger logger)
{
    private readonly ILogger _logger = logger;

    [LoggerMessage(1000, LogLevel.Information, "Silo {Silo} ({Name}) active in cluster {ClusterId}")]
    public partial void Started(SiloAddress silo, string name, string clusterId);

    [LoggerMessage(1001, LogLevel.Information, "Silo {Silo} shutting down; draining in-flight work")]
    public partial void Stopping(SiloAddress silo);

    [LoggerMessage(1002, LogLevel.Information, "Silo {Silo} stopped")]
    public partial void Stopped(SiloAddress silo);

    [LoggerMessage(1003, LogLevel.Error, "Silo {Silo} was declared dead by the cluster and stops itself")]
    public partial void DeclaredDead(SiloAddress silo);

    [LoggerMessage(1100, LogLevel.Warning, "Activation of {Grain} failed")]
    public partial void ActivationFailed(GrainId grain, Exception exception);

    [LoggerMessage(1101, LogLevel.Warning, "OnDeactivateAsync of {Grain} failed")]
    public partial void DeactivationFailed(GrainId grain, Exception exception);

    [LoggerMessage(1102, LogLevel.Warning, "Timer of {Grain} failed")]
    public partial void TimerFailed(GrainId grain, Exception exception);

    [LoggerMessage(1200, LogLevel.Warning, "Rejected connection from {Peer}: {Reason}")]
    public partial void HandshakeRejected(string peer, string reason);

    [LoggerMessage(1201, LogLevel.Warning, "Closed connection from {Peer}: protocol violation: {Reason}")]
    public partial void ProtocolViolation(string peer, string reason);

    [LoggerMessage(1202, LogLevel.Debug, "Connection to {Silo} broke: {Reason}")]
    public partial void ConnectionBroken(SiloAddress silo, string reason);

    [LoggerMessage(1300, LogLevel.Warning, "Membership refresh failed: {Reason}")]
    public partial void MembershipRefreshFailed(string reason);

    [LoggerMessage(1303, LogLevel.Warning, "Membership table unreachable while joining ({Reason}); retrying in {DelaySeconds} s")]
    public partial void MembershipUnreachable(string reason, double delaySeconds);

    [LoggerMessage(1301, LogLevel.Information, "Silo {Silo} left the active set")]
    public partial void SiloLeft(SiloAddress silo);

    [LoggerMessage(1302, LogLevel.Warning, "Declared silo {Silo} dead ({Votes} suspicion votes)")]
    public partial void DeclaredOtherDead(SiloAddress silo, int votes);
}
