namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>Settings of <c>graincompute-mpi serve</c>; each has a command-line option (see <see cref="SidecarHost"/>).</summary>
internal sealed class SidecarOptions
{
    /// <summary>Port on 127.0.0.1 (<c>--port</c>); 0 picks a free one. The sidecar never listens beyond localhost.</summary>
    public int Port { get; set; } = 5090;

    /// <summary>Largest rank count a request may ask for (<c>--max-ranks</c>).</summary>
    public int MaxRanks { get; set; } = 16;

    /// <summary>Runs executing at once (<c>--max-concurrent</c>); one by default, since a run oversubscribes the cores already.</summary>
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>Runs allowed to wait behind the running ones (<c>--queue</c>); beyond it requests get 429.</summary>
    public int QueueLimit { get; set; } = 4;

    /// <summary>Time limit when a request names none (<c>--default-timeout</c>, seconds).</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest time limit a request may ask for (<c>--max-timeout</c>, seconds).</summary>
    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The launcher (<c>--mpiexec</c>): MPICH's Hydra, found on PATH by default.</summary>
    public string MpiexecPath { get; set; } = MpiexecCommand.DefaultLauncher;

    /// <summary>The .NET host that runs the examples under mpiexec.</summary>
    public string DotnetPath { get; set; } = DefaultDotnet();

    /// <summary>The <c>graincompute-mpi.dll</c> that mpiexec starts on every rank: this very assembly by default.</summary>
    public string ExamplesAssemblyPath { get; set; } = typeof(SidecarOptions).Assembly.Location;

    /// <summary>Throws naming the option when a value is out of range.</summary>
    public void Validate()
    {
        Require(Port is >= 0 and <= 65535, "--port must be 0..65535");
        Require(MaxRanks >= 1, "--max-ranks must be ≥ 1");
        Require(MaxConcurrentRuns >= 1, "--max-concurrent must be ≥ 1");
        Require(QueueLimit >= 0, "--queue must be ≥ 0");
        Require(DefaultTimeout > TimeSpan.Zero && DefaultTimeout <= MaxTimeout, "--default-timeout must be > 0 and ≤ --max-timeout");
        Require(File.Exists(ExamplesAssemblyPath), $"examples assembly '{ExamplesAssemblyPath}' not found");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"invalid sidecar setting: {message}");
        }
    }

    // Under `dotnet graincompute-mpi.dll serve` the current process is the host to reuse; under the apphost it is not.
    private static string DefaultDotnet() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
