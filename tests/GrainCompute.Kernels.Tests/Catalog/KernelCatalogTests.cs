namespace GrainCompute.Kernels.Tests.Catalog;

public sealed class KernelCatalogTests
{
    [Fact]
    public void The_catalog_holds_exactly_the_built_in_kernels()
    {
        Assert.Equal(
            ["collatz", "correlate", "countprimes", "euler-e", "factorial", "isprime", "julia", "montecarlo-pi", "noop",
             "slowadd", "slowinc", "slowsub", "square", "square-number", "sumprimes"],
            KernelCatalog.Default.Names);
        Assert.Equal(KernelCatalog.Default.Names, KernelCatalog.Default.All.Select(k => k.Name));
    }

    [Fact]
    public void An_unknown_kernel_suggests_the_closest_name_and_lists_all()
    {
        var error = Assert.Throws<KernelNotFoundException>(() => KernelCatalog.Default.Get("julai"));
        Assert.Equal(["julia"], error.Suggestions);
        Assert.StartsWith("kernel 'julai' not found; did you mean 'julia'? known: collatz, correlate, ", error.Message);
        Assert.EndsWith("square-number, sumprimes", error.Message);
    }

    [Fact]
    public void A_name_far_from_every_kernel_gets_no_suggestion()
    {
        var error = Assert.Throws<KernelNotFoundException>(() => KernelCatalog.Default.Get("mandelbrot"));
        Assert.Empty(error.Suggestions);
        Assert.StartsWith("kernel 'mandelbrot' not found; known: collatz", error.Message);
    }

    [Fact]
    public void Lookup_ignores_case()
    {
        Assert.True(KernelCatalog.Default.TryGet("Montecarlo-Pi", out var kernel));
        Assert.Equal("montecarlo-pi", kernel.Name);
    }

    [Fact]
    public void Two_kernels_with_one_name_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new KernelCatalog([new NoopKernel(), new NoopKernel()]));
    }

    [Theory]
    [InlineData("julia", "julia", 0)]
    [InlineData("julai", "julia", 2)]
    [InlineData("squar", "square", 1)]
    [InlineData("", "noop", 4)]
    public void Levenshtein_counts_edits(string a, string b, int distance)
    {
        Assert.Equal(distance, Levenshtein.Distance(a, b));
    }
}
