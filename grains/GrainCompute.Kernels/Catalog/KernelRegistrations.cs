namespace GrainCompute.Kernels;

/// <summary>The one list of built-in kernels: adding a kernel is one file in Kernels/ and one line here.</summary>
internal static class KernelRegistrations
{
    public static IKernel[] Create() =>
    [
        new SquareKernel(),
        new IsPrimeKernel(),
        new CountPrimesKernel(),
        new SumPrimesKernel(),
        new JuliaKernel(),
        new CollatzKernel(),
        new MonteCarloPiKernel(),
        new EulerEKernel(),
        new SlowAddKernel(),
        new SlowSubKernel(),
        new SlowIncKernel(),
        new CorrelateKernel(),
        new FactorialKernel(),
        new SquareNumberKernel(),
        new NoopKernel(),
    ];
}
