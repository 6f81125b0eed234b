using System.Runtime.Loader;
using GrainCompute.Kernels;
using GrainCompute.Testing;

namespace GrainCompute.Client.Tests;

/// <summary>A program's own kernel in its embedded silo: <c>new LocalClusterOptions().AddKernel&lt;T&gt;()</c>.</summary>
public sealed class LocalKernelPackTests
{
    [Fact]
    public async Task A_kernel_pack_made_from_the_template_runs_in_process_through_AddKernel()
    {
        var pack = await KernelPackBuilder.BuildAsync();
        var kernelType = AssemblyLoadContext.Default.LoadFromAssemblyPath(pack.AssemblyPath).GetExportedTypes().Single(t => typeof(IKernel).IsAssignableFrom(t));
        var options = new LocalClusterOptions { WorkerSlots = 2 };

        // What `options.AddKernel<DigitSumKernel>()` compiles to in a program that references the pack.
        typeof(LocalClusterOptions).GetMethod(nameof(LocalClusterOptions.AddKernel))!.MakeGenericMethod(kernelType).Invoke(options, null);
        await using var client = await ComputeClient.StartLocalAsync(options);
        var future = await client.SubmitAsync<long>(pack.KernelName, new { n = 100 });

        Assert.Equal(901, await future.GetResultAsync());
        Assert.Contains(await client.KernelsAsync(), k => k.Name == pack.KernelName && k.Silos.Count == 1);
    }

    [Fact]
    public async Task Two_kernels_of_one_name_stop_the_embedded_silo_with_one_line()
    {
        var options = new LocalClusterOptions().AddKernel<Clash>();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ComputeClient.StartLocalAsync(options));

        Assert.Equal("kernels: two kernels are named 'isprime' (GrainCompute.Kernels.IsPrimeKernel and GrainCompute.Client.Tests.LocalKernelPackTests+Clash)", error.Message);
    }

    public sealed class Clash : Kernel<object, long>
    {
        public override string Name => "isprime";

        public override string Description => "a second isprime";

        public override ReductionKind Reduction => ReductionKind.Sum;

        public override long ItemCount(object parameters) => 1;

        protected override double EstimateItemNanoseconds(object parameters) => 1;
    }
}
