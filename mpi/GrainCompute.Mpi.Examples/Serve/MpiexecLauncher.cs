using System.ComponentModel;
using System.Diagnostics;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>
/// Starts mpiexec, collects its output lines in arrival order and enforces the time limit.
/// </summary>
/// <remarks>
/// Failure model: a hung rank (deadlock, infinite loop) would keep mpiexec alive for ever, so past the
/// limit the whole process tree is killed — mpiexec and the rank processes it forked — and the outcome
/// says TimedOut. A caller's cancellation (client gone, shutdown) kills the tree the same way and rethrows.
/// </remarks>
internal sealed class MpiexecLauncher(TimeProvider time)
{
    public async Task<LaunchOutcome> RunAsync(MpiexecCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        // Guarded by itself: the two output events arrive on different threads.
        var lines = new List<OutputLine>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(lines, false, e.Data);
        process.ErrorDataReceived += (_, e) => Append(lines, true, e.Data);
        var started = time.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start '{command.FileName}': {ex.Message}; install MPICH ({MpichLibrary.InstallHint})", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited between the deadline and the kill: nothing left to end.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        lock (lines)
        {
            return new LaunchOutcome(timedOut ? -1 : process.ExitCode, timedOut, [.. lines], time.GetElapsedTime(started));
        }
    }

    private static void Append(List<OutputLine> lines, bool fromStderr, string? text)
    {
        if (text is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(new OutputLine(fromStderr, text));
        }
    }
}
