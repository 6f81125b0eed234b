namespace GrainCompute.Console.Cli;

/// <summary>Exit codes, for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int JobFailed = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
    public const int NotFound = 4;
    public const int Unauthorized = 5;
    public const int ServerError = 6;

    /// <summary>`jobs wait` ran out of time before its condition held (the exit code of timeout(1)).</summary>
    public const int TimedOut = 124;
    public const int Cancelled = 130;
}
