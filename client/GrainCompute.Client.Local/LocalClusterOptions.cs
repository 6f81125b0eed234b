namespace GrainCompute.Client;

/// <summary>How <c>ComputeClient.StartLocalAsync</c> starts its embedded silo.</summary>
public sealed class LocalClusterOptions
{
    /// <summary>Chunks run at once; null: one per processor.</summary>
    public int? WorkerSlots { get; set; }

    /// <summary>Write the silo's warnings and errors to the console (off: the embedded silo is silent).</summary>
    public bool Logging { get; set; }

    /// <summary>When set, the embedded silo requires this API key (and the client sends it).</summary>
    public string? ApiKey { get; set; }

    /// <summary>More silo settings as command-line arguments ("--Compute:MaxItems=1000").</summary>
    public IList<string> ExtraArguments { get; } = [];
}
