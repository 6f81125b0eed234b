namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>Resolves a command name the way a shell would (PATH), for health checks and error messages.</summary>
internal static class ExecutableSearch
{
    public static string? Find(string command)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(command) ? Path.GetFullPath(command) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
    }
}
