namespace GrainCompute.Mpi.Tests.Infrastructure;

/// <summary>
/// Finds the built <c>graincompute-mpi.dll</c> the tests start under mpiexec: the copy the ProjectReference
/// places next to the test assembly, which must come with its runtimeconfig to be runnable by <c>dotnet</c>.
/// </summary>
internal static class ExamplesAssembly
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var beside = typeof(GrainCompute.Mpi.Examples.Examples.ExampleRunner).Assembly.Location;
        var runtimeConfig = System.IO.Path.ChangeExtension(beside, ".runtimeconfig.json");
        Assert.True(
            File.Exists(beside) && File.Exists(runtimeConfig),
            $"graincompute-mpi.dll with its runtimeconfig.json was expected at {beside}; build tests/GrainCompute.Mpi.Tests (it references mpi/GrainCompute.Mpi.Examples)");
        return beside;
    }
}
