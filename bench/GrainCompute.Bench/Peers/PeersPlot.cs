namespace GrainCompute.Bench.Peers;

/// <summary>Draws peers.png from peers.json with bench/python/plot.py (matplotlib); says what is missing instead of failing the run.</summary>
internal static class PeersPlot
{
    public static async Task<string> DrawAsync(PythonProbe probe, string pythonDirectory, string json, string png)
    {
        var tool = new PythonTool("matplotlib", "plot.py", [("matplotlib", "python3-matplotlib")]);
        if (await probe.MissingAsync(tool) is { } missing)
        {
            return $"plot skipped: {missing}";
        }

        var run = await ChildProcess.RunAsync(probe.Python, [Path.Combine(pythonDirectory, "plot.py"), Path.GetFullPath(json), Path.GetFullPath(png)], TimeSpan.FromMinutes(2));
        return run.ExitCode == 0 ? $"wrote {png}" : $"plot failed: {run.Failure}";
    }
}
