namespace GrainCompute.Bench.Peers;

/// <summary>
/// Asks the interpreter which modules it can import, once per module, so a missing Debian package becomes
/// "n/a: python3 cannot import dask: apt-get install python3-dask" instead of a traceback in the middle of a run.
/// </summary>
internal sealed class PythonProbe(string python)
{
    private readonly Dictionary<string, bool> _importable = new(StringComparer.Ordinal);

    public string Python => python;

    /// <summary>Why <paramref name="tool"/> cannot run here, or null when it can.</summary>
    public async Task<string?> MissingAsync(PythonTool tool)
    {
        if (!File.Exists(python))
        {
            return $"{python} not found: apt-get install python3";
        }

        if (tool.UnderMpi && !Cluster.ExternalTool.OnPath("mpiexec"))
        {
            return "mpiexec not on PATH: apt-get install openmpi-bin";
        }

        var missing = new List<string>();
        foreach (var (module, package) in tool.Modules)
        {
            if (!await CanImportAsync(module))
            {
                missing.Add(package);
            }
        }

        return missing.Count == 0 ? null : $"{Path.GetFileName(python)} cannot import {string.Join(", ", tool.Modules.Where(m => missing.Contains(m.Package)).Select(m => m.Module))}: apt-get install {string.Join(' ', missing)}";
    }

    private async Task<bool> CanImportAsync(string module)
    {
        if (!_importable.TryGetValue(module, out var ok))
        {
            var run = await ChildProcess.RunAsync(python, ["-c", $"import {module}"], TimeSpan.FromSeconds(60));
            _importable[module] = ok = run.ExitCode == 0;
        }

        return ok;
    }
}
