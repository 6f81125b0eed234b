using System.Runtime.InteropServices;

namespace GrainCompute.Mpi.Native;

internal sealed partial class MpiLibrary
{
    private const int _rtldNow = 0x2;
    private const int _rtldNoLoad = 0x4;
    private const int _rtldGlobal = 0x100;

    /// <summary>
    /// Re-opens the already loaded libmpi with RTLD_GLOBAL. <see cref="NativeLibrary"/> uses RTLD_LOCAL, and Open MPI's
    /// plugins (mca_*.so, dlopened by MPI_Init) expect libmpi's symbols to be global — the reason mpi4py
    /// loads it the same way. Best effort: when the libc call is unavailable the plugins usually still resolve.
    /// </summary>
    private static void PromoteToGlobal(string name)
    {
        try
        {
            _ = DlOpen(name, _rtldNow | _rtldGlobal | _rtldNoLoad);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing to promote with.
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint DlOpen(string fileName, int flags);
}
