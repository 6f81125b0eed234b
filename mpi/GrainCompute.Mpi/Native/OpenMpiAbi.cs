namespace GrainCompute.Mpi.Native;

/// <summary>
/// Every binary fact the bindings rely on, for Open MPI 4.x (Debian/Ubuntu <c>libopenmpi3</c>, soname 40).
/// </summary>
/// <remarks>
/// Design note. MPI standardises an API, not an ABI: handles, constants and <c>MPI_Status</c> differ per
/// implementation. Everything implementation-specific lives here so an MPICH profile (handles are ints such
/// as <c>MPI_COMM_WORLD = 0x44000000</c>, a 20-byte status) can be added as a sibling class later.
/// Source of each fact: <c>/usr/lib/x86_64-linux-gnu/openmpi/include/mpi.h</c> from <c>libopenmpi-dev</c>
/// 4.1.4 (<c>struct ompi_status_public_t</c>, <c>#define MPI_ANY_SOURCE -1</c>, <c>OPAL_MAX_PROCESSOR_NAME 256</c>,
/// <c>MPI_COMM_WORLD = OMPI_PREDEFINED_GLOBAL(MPI_Comm, ompi_mpi_comm_world)</c>, i.e. the address of an
/// exported global) and <c>nm -D libmpi.so.40</c> for the symbol names.
/// </remarks>
internal static class OpenMpiAbi
{
    /// <summary>Tried in order: the versioned soname first (what the runtime package ships), then the dev symlink.</summary>
    public static readonly string[] LibraryNames = ["libmpi.so.40", "libmpi.so"];

    public const string InstallHint = "install Open MPI: apt-get install -y openmpi-bin libopenmpi-dev (Debian/Ubuntu)";

    public const int Success = 0;
    public const int AnySource = -1;
    public const int AnyTag = -1;
    public const int MaxProcessorName = 256;
    public const int MaxErrorString = 256;

    /// <summary><c>sizeof(MPI_Status)</c>: int MPI_SOURCE, MPI_TAG, MPI_ERROR, _cancelled; size_t _ucount.</summary>
    public const int StatusSize = 24;

    // Predefined handles: the handle value is the address of the exported object.
    public const string CommWorld = "ompi_mpi_comm_world";
    public const string ErrorsReturn = "ompi_mpi_errors_return";
    public const string Int32 = "ompi_mpi_int";
    public const string Int64 = "ompi_mpi_int64_t";
    public const string Double = "ompi_mpi_double";
    public const string Byte = "ompi_mpi_byte";
    public const string OpSum = "ompi_mpi_op_sum";
    public const string OpMax = "ompi_mpi_op_max";
    public const string OpMin = "ompi_mpi_op_min";
}
