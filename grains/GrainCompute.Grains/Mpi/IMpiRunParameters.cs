namespace GrainCompute.Grains.Mpi;

/// <summary>What every <c>mpi-*</c> kernel's parameters carry besides the example's own options.</summary>
internal interface IMpiRunParameters
{
    /// <summary>Descriptions shared by every MPI kernel's parameter class, so the catalog reads the same for each.</summary>
    const string RanksDescription = "MPI ranks (processes) mpiexec starts, 1..256; the sidecar may allow fewer (serve --max-ranks, default 16).";

    const string TimeoutDescription = "Seconds the run may take before the sidecar kills mpiexec and its ranks, 1..3600 (the sidecar refuses more than its serve --max-timeout, default 600).";

    int Ranks { get; }

    int TimeoutSeconds { get; }
}
