using System.Text;

namespace GrainCompute.Mpi.Native;

/// <summary>Turns MPI return codes into <see cref="MpiException"/>s with MPI's error string.</summary>
internal static unsafe class MpiErrors
{
    public static void Check(int code, string function)
    {
        if (code != OpenMpiAbi.Success)
        {
            throw new MpiException(function, code, Describe(code));
        }
    }

    public static string Describe(int code)
    {
        var buffer = stackalloc byte[OpenMpiAbi.MaxErrorString];
        var length = 0;
        var library = MpiLibrary.Shared;
        return library.ErrorString(code, buffer, &length) == OpenMpiAbi.Success && length > 0
            ? Encoding.UTF8.GetString(buffer, Math.Min(length, OpenMpiAbi.MaxErrorString))
            : $"unknown MPI error {code}";
    }
}
