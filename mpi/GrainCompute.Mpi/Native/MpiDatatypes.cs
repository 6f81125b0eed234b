namespace GrainCompute.Mpi.Native;

/// <summary>Maps the element types the bindings support to MPI datatype and op handles.</summary>
internal static class MpiDatatypes
{
    public static nint For<T>(MpiLibrary library)
        where T : unmanaged
    {
        if (typeof(T) == typeof(int))
        {
            return library.Int32Type;
        }

        if (typeof(T) == typeof(long))
        {
            return library.Int64Type;
        }

        if (typeof(T) == typeof(double))
        {
            return library.DoubleType;
        }

        if (typeof(T) == typeof(byte))
        {
            return library.ByteType;
        }

        throw new NotSupportedException($"MPI bindings send int, long, double and byte; not {typeof(T).Name}");
    }

    public static nint For(MpiLibrary library, MpiOp op) => op switch
    {
        MpiOp.Sum => library.OpSum,
        MpiOp.Max => library.OpMax,
        MpiOp.Min => library.OpMin,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "known: Sum, Max, Min"),
    };
}
