using System.Diagnostics;

namespace GrainCompute.Testing;

public static class ProcessExtensions
{
    /// <summary>kill -9 the process and its children if it is still running, and wait until it has exited.</summary>
    public static async Task KillTreeAsync(this Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
