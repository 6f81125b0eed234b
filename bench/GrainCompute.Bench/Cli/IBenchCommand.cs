namespace GrainCompute.Bench.Cli;

/// <summary>One benchmark suite, run as <c>graincompute-bench &lt;Name&gt; …</c>.</summary>
internal interface IBenchCommand
{
    /// <summary>The subcommand word.</summary>
    string Name { get; }

    /// <summary>The synopsis line, options included.</summary>
    string Usage { get; }

    /// <summary>One sentence: what the suite measures.</summary>
    string Summary { get; }

    /// <summary>Runs the suite with the arguments after the subcommand word; returns the exit code.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default);
}
