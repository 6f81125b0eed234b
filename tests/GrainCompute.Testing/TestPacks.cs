namespace GrainCompute.Testing;

/// <summary>Kernel pack sources for <see cref="PackCompiler"/>.</summary>
public static class TestPacks
{
    public const string Usings = "using System; using System.Threading; using GrainCompute.Kernels;\n";

    /// <summary>Kernel "cube" (class Packs.CubeKernel): item i is (i+1)³, summed; <c>delayMs</c> per chunk.</summary>
    public const string Cube = Usings + """
        namespace Packs;
        public sealed class CubeParameters { public long N { get; set; } = 10; public int DelayMs { get; set; } }
        public sealed class CubeKernel : Kernel<CubeParameters, long>
        {
            public override string Name => "cube";
            public override string Description => "cubes of 1..n";
            public override ReductionKind Reduction => ReductionKind.Sum;
            public override long ItemCount(CubeParameters parameters) => parameters.N;
            public override void RunChunk(CubeParameters parameters, long start, Span<long> results, CancellationToken cancellationToken)
            {
                Thread.Sleep(parameters.DelayMs);
                for (var i = 0; i < results.Length; i++) { var x = start + i + 1; results[i] = x * x * x; }
            }
            protected override double EstimateItemNanoseconds(CubeParameters parameters) => 1;
        }
        """;

    /// <summary><see cref="Cube"/> with other code but the same results: another build of one kernel version.</summary>
    public static string CubeRebuilt => Cube.Replace("x * x * x", "x * x * x + 0 * x", StringComparison.Ordinal);
}
