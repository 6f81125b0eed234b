using GrainCompute.Kernels;

namespace GrainCompute.Grains.Mpi;

/// <summary>
/// The <c>mpi-*</c> kernels, one per example the sidecar serves, bound to this silo's sidecar. They live beside
/// the built-in kernels in the silo's catalog, listed with their parameters whether or not a sidecar is set.
/// </summary>
internal static class MpiKernels
{
    public static IKernel[] Create(MpiSidecar sidecar) =>
    [
        new MpiHelloKernel(sidecar),
        new MpiPiKernel(sidecar),
        new MpiEulerKernel(sidecar),
        new MpiJuliaKernel(sidecar),
        new MpiPrimesKernel(sidecar),
        new MpiPingPongKernel(sidecar),
    ];

    /// <summary>Their names, taken before any kernel pack loads.</summary>
    public static IEnumerable<string> Names =>
        Create(new MpiSidecar(new ComputeOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger<MpiSidecar>.Instance)).Select(kernel => kernel.Name);
}
