namespace GrainCompute.Kernels.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void KernelParameterException_names_its_field()
    {
        var error = new KernelParameterException("n", "n must be ≥ 2");
        Assert.Equal("n", error.Field);
    }
}
