namespace GrainCompute.Mpi.Tests.Binding;

public sealed class MpichLibraryTests
{
    [Fact]
    public void Register_MapsMpiNetsMsmpiImportToLibmpich_SoItsFirstCallReachesMpich()
    {
        MpichLibrary.Register();
        MpichLibrary.Register(); // a second registration is a no-op, not the runtime's "resolver already set"

        // MPI_Initialized is one of the few calls MPI allows before MPI_Init: it proves the import resolved.
        Assert.False(MPI.Environment.Initialized);
    }

    [Fact]
    public void A_null_dereference_after_mpich_loaded_is_still_a_NullReferenceException_not_a_crash()
    {
        MpichLibrary.Register();
        Assert.False(MPI.Environment.Initialized); // loads libmpich, and UCX with it
        object? nothing = null;

        // .NET raises this from a SIGSEGV; UCX's own handler for that signal would kill the test host instead.
        Assert.Throws<NullReferenceException>(() => nothing!.GetHashCode());
    }

    [Fact]
    public void Load_OfAMissingLibrary_FailsWithOneLineNamingTheAptPackages()
    {
        var error = Assert.Throws<DllNotFoundException>(() => MpichLibrary.Load("libmpich-missing.so.99"));

        Assert.Equal("MPI.NET runs on MPICH here and libmpich-missing.so.99 was not found: apt-get install -y mpich libmpich-dev", error.Message);
    }
}
