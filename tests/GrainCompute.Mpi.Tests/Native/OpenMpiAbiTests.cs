using System.Runtime.CompilerServices;
using GrainCompute.Mpi.Native;

namespace GrainCompute.Mpi.Tests.Native;

public sealed class OpenMpiAbiTests
{
    [Fact]
    public void NativeStatus_HasOpenMpisStatusSize() =>
        Assert.Equal(OpenMpiAbi.StatusSize, Unsafe.SizeOf<NativeStatus>());

    [Fact]
    public void Library_ResolvesEveryFunctionAndPredefinedHandle_FromLibmpi()
    {
        var library = MpiLibrary.Shared;

        Assert.Equal("libmpi.so.40", library.Name);
        Assert.NotEqual(0, library.CommWorld);
        Assert.NotEqual(library.OpSum, library.OpMax);
    }
}
