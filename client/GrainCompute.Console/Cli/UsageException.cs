namespace GrainCompute.Console.Cli;

/// <summary>The command line is wrong in a way the parser cannot see (a --param without '=').</summary>
internal sealed class UsageException(string message) : Exception(message);
