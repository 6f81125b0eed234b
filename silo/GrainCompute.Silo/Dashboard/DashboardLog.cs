namespace GrainCompute.Server.Dashboard;

/// <summary>The dashboard's log messages. Event ids 3100–3199.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(3100, LogLevel.Debug, "Silo {Silo} did not answer the dashboard: {Reason}")]
    public static partial void SiloDidNotAnswer(ILogger logger, string silo, string reason);

    [LoggerMessage(3101, LogLevel.Debug, "Status of job {Job} unavailable to the dashboard")]
    public static partial void JobUnavailable(ILogger logger, Exception exception, string job);

    [LoggerMessage(3102, LogLevel.Information, "Dashboard at {Path} ({Access})")]
    public static partial void Serving(ILogger logger, string path, string access);

    [LoggerMessage(3103, LogLevel.Debug, "Membership details (suspicions, last alive) unavailable to the dashboard: {Reason}")]
    public static partial void MembershipDetailsUnavailable(ILogger logger, string reason);

    [LoggerMessage(3104, LogLevel.Debug, "Activation counts of this silo unavailable to the dashboard: {Reason}")]
    public static partial void ActivationCountsUnavailable(ILogger logger, string reason);
}
