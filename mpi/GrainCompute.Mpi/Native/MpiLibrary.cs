using System.Runtime.InteropServices;

namespace GrainCompute.Mpi.Native;

/// <summary>
/// libmpi loaded once, its entry points as unmanaged function pointers and its predefined handles resolved.
/// </summary>
/// <remarks>
/// Function pointers rather than <c>[LibraryImport]</c>: the library name is chosen at run time
/// (<see cref="OpenMpiAbi.LibraryNames"/>) and the predefined handles need the same handle anyway, since
/// they are data exports (<see cref="NativeLibrary.GetExport"/>), not functions.
/// </remarks>
internal sealed unsafe partial class MpiLibrary
{
    private static readonly Lazy<MpiLibrary> _shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private MpiLibrary(nint handle, string name)
    {
        Name = name;
        InitThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export(handle, "MPI_Init_thread");
        Initialized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Finalized");
        FinalizeMpi = (delegate* unmanaged<int>)Export(handle, "MPI_Finalize");
        Abort = (delegate* unmanaged<nint, int, int>)Export(handle, "MPI_Abort");
        CommRank = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_size");
        CommSetErrhandler = (delegate* unmanaged<nint, nint, int>)Export(handle, "MPI_Comm_set_errhandler");
        GetProcessorName = (delegate* unmanaged<byte*, int*, int>)Export(handle, "MPI_Get_processor_name");
        ErrorString = (delegate* unmanaged<int, byte*, int*, int>)Export(handle, "MPI_Error_string");
        Send = (delegate* unmanaged<void*, int, nint, int, int, nint, int>)Export(handle, "MPI_Send");
        Recv = (delegate* unmanaged<void*, int, nint, int, int, nint, NativeStatus*, int>)Export(handle, "MPI_Recv");
        GetCount = (delegate* unmanaged<NativeStatus*, nint, int*, int>)Export(handle, "MPI_Get_count");
        Bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export(handle, "MPI_Bcast");
        Reduce = (delegate* unmanaged<void*, void*, int, nint, nint, int, nint, int>)Export(handle, "MPI_Reduce");
        Allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export(handle, "MPI_Allreduce");
        Gather = (delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int>)Export(handle, "MPI_Gather");
        Scatter = (delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int>)Export(handle, "MPI_Scatter");
        Barrier = (delegate* unmanaged<nint, int>)Export(handle, "MPI_Barrier");
        Wtime = (delegate* unmanaged<double>)Export(handle, "MPI_Wtime");

        CommWorld = Export(handle, OpenMpiAbi.CommWorld);
        ErrorsReturn = Export(handle, OpenMpiAbi.ErrorsReturn);
        Int32Type = Export(handle, OpenMpiAbi.Int32);
        Int64Type = Export(handle, OpenMpiAbi.Int64);
        DoubleType = Export(handle, OpenMpiAbi.Double);
        ByteType = Export(handle, OpenMpiAbi.Byte);
        OpSum = Export(handle, OpenMpiAbi.OpSum);
        OpMax = Export(handle, OpenMpiAbi.OpMax);
        OpMin = Export(handle, OpenMpiAbi.OpMin);
    }

    public static MpiLibrary Shared => _shared.Value;

    /// <summary>The library name that loaded, e.g. <c>libmpi.so.40</c>.</summary>
    public string Name { get; }

    public delegate* unmanaged<int*, byte***, int, int*, int> InitThread { get; }
    public delegate* unmanaged<int*, int> Initialized { get; }
    public delegate* unmanaged<int*, int> Finalized { get; }
    public delegate* unmanaged<int> FinalizeMpi { get; }
    public delegate* unmanaged<nint, int, int> Abort { get; }
    public delegate* unmanaged<nint, int*, int> CommRank { get; }
    public delegate* unmanaged<nint, int*, int> CommSize { get; }
    public delegate* unmanaged<nint, nint, int> CommSetErrhandler { get; }
    public delegate* unmanaged<byte*, int*, int> GetProcessorName { get; }
    public delegate* unmanaged<int, byte*, int*, int> ErrorString { get; }
    public delegate* unmanaged<void*, int, nint, int, int, nint, int> Send { get; }
    public delegate* unmanaged<void*, int, nint, int, int, nint, NativeStatus*, int> Recv { get; }
    public delegate* unmanaged<NativeStatus*, nint, int*, int> GetCount { get; }
    public delegate* unmanaged<void*, int, nint, int, nint, int> Bcast { get; }
    public delegate* unmanaged<void*, void*, int, nint, nint, int, nint, int> Reduce { get; }
    public delegate* unmanaged<void*, void*, int, nint, nint, nint, int> Allreduce { get; }
    public delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int> Gather { get; }
    public delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int> Scatter { get; }
    public delegate* unmanaged<nint, int> Barrier { get; }
    public delegate* unmanaged<double> Wtime { get; }

    public nint CommWorld { get; }
    public nint ErrorsReturn { get; }
    public nint Int32Type { get; }
    public nint Int64Type { get; }
    public nint DoubleType { get; }
    public nint ByteType { get; }
    public nint OpSum { get; }
    public nint OpMax { get; }
    public nint OpMin { get; }

    private static MpiLibrary Load()
    {
        foreach (var name in OpenMpiAbi.LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                PromoteToGlobal(name);
                return new MpiLibrary(handle, name);
            }
        }

        throw new DllNotFoundException(
            $"Open MPI's libmpi was not found (tried {string.Join(", ", OpenMpiAbi.LibraryNames)}); {OpenMpiAbi.InstallHint}");
    }

    private static nint Export(nint handle, string symbol) =>
        NativeLibrary.TryGetExport(handle, symbol, out var address)
            ? address
            : throw new EntryPointNotFoundException(
                $"libmpi has no export '{symbol}': these bindings target Open MPI 4.x (soname libmpi.so.40); {OpenMpiAbi.InstallHint}");
}
