using System.Runtime.InteropServices;

namespace GrainCompute.Mpi.Native;

/// <summary>
/// Open MPI's <c>MPI_Status</c>: the three public ints, then <c>_cancelled</c> and <c>size_t _ucount</c>,
/// which only MPI itself reads, so they are left as padding (see <see cref="OpenMpiAbi.StatusSize"/>).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = OpenMpiAbi.StatusSize)]
internal struct NativeStatus
{
    [FieldOffset(0)]
    public int Source;

    [FieldOffset(4)]
    public int Tag;

    [FieldOffset(8)]
    public int Error;
}
