namespace GrainCompute.Bench.Cli;

/// <summary>Bad command-line arguments: the dispatcher prints the message on one line and exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
