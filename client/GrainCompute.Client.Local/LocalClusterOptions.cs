using GrainCompute.Kernels;

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

    /// <summary>Kernels of this program's own, served by the embedded silo beside the built-ins (see <see cref="AddKernel{TKernel}"/>).</summary>
    public IList<IKernel> Kernels { get; } = [];

    /// <summary>Serves <typeparamref name="TKernel"/> in the embedded silo, so this program can submit jobs for its own kernel.</summary>
    public LocalClusterOptions AddKernel<TKernel>()
        where TKernel : class, IKernel, new()
    {
        Kernels.Add(new TKernel());
        return this;
    }
}
