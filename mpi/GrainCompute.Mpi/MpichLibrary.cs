using System.Reflection;
using System.Runtime.InteropServices;

namespace GrainCompute.Mpi;

/// <summary>
/// Points MPI.NET's native imports at Debian's MPICH: the one place that knows which library MPI runs on.
/// </summary>
/// <remarks>
/// Design note. MPI.NET 1.4.0 was written for Microsoft MPI and imports every function from <c>msmpi.dll</c>,
/// with MS-MPI's handle values compiled in (<c>MPI_COMM_WORLD = 0x44000000</c>, a 20-byte <c>MPI_Status</c>).
/// MS-MPI is derived from MPICH and shares that ABI, so mapping the name to <c>libmpich.so.12</c> is all it
/// takes. Invariant: the resolver is installed once, on MPI.NET's assembly, before its first P/Invoke — which
/// <see cref="MpiEnvironment.Initialize"/> guarantees by calling <see cref="Register"/> first. Failure model:
/// when libmpich is missing the first MPI call throws <see cref="DllNotFoundException"/> whose message is one
/// line naming the apt package, instead of the runtime's list of every path it probed for <c>msmpi.dll</c>.
/// Where the ABIs part (C <c>long</c> is 64-bit on Linux, 32-bit on Windows) is pinned by MpiBindingTests.
/// Debian's MPICH runs over UCX, whose library installs its own SIGSEGV handler when it loads; .NET raises SIGSEGV
/// for every null dereference (then a NullReferenceException), so that handler would turn one into a crash of the
/// process ("Caught signal 11"): <see cref="Load"/> tells UCX to leave signals alone before MPICH loads it.
/// </remarks>
public static class MpichLibrary
{
    /// <summary>The soname of Debian's <c>libmpich12</c> (pulled in by <c>mpich</c> and <c>libmpich-dev</c>).</summary>
    public const string SoName = "libmpich.so.12";

    /// <summary>What to run where the library is missing.</summary>
    public const string InstallHint = "apt-get install -y mpich libmpich-dev";

    /// <summary>The library name MPI.NET's <c>[DllImport]</c>s ask for.</summary>
    internal const string ImportedName = "msmpi.dll";

    private static int _registered;

    /// <summary>Installs the resolver on MPI.NET's assembly; later calls do nothing.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(MPI.Environment).Assembly, Resolve);
        }
    }

    /// <summary>Loads <paramref name="soName"/> or throws the one-line install hint.</summary>
    internal static nint Load(string soName)
    {
        // Through libc: the runtime's Environment.SetEnvironmentVariable is not seen by native code. An operator's own
        // setting wins.
        if (Environment.GetEnvironmentVariable("UCX_ERROR_SIGNALS") is null)
        {
            _ = SetEnv("UCX_ERROR_SIGNALS", "", overwrite: 0);
        }

        return NativeLibrary.TryLoad(soName, out var handle) ? handle : throw new DllNotFoundException(MissingMessage(soName));
    }

    internal static string MissingMessage(string soName) =>
        $"MPI.NET runs on MPICH here and {soName} was not found: {InstallHint}";

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    // Zero for any other name: the runtime then resolves it the default way.
    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ImportedName ? Load(SoName) : 0;
}
