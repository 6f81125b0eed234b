using GrainCompute.Mpi.Native;

namespace GrainCompute.Mpi;

/// <summary>
/// A communicator (today only <c>MPI_COMM_WORLD</c>): point-to-point and collective operations on spans of
/// int, long, double or byte. Every call throws <see cref="MpiException"/> on an MPI error code.
/// </summary>
/// <remarks>
/// Spans are pinned only for the duration of the blocking call, so no buffer outlives its call and no
/// request objects exist. Collectives follow MPI's rule that buffers only matter at the root where stated;
/// non-root ranks may pass empty spans there.
/// </remarks>
public sealed unsafe class Communicator
{
    private readonly MpiLibrary _library;
    private readonly nint _handle;

    internal Communicator(MpiLibrary library, nint handle)
    {
        _library = library;
        _handle = handle;
        int rank;
        int size;
        MpiErrors.Check(library.CommRank(handle, &rank), "MPI_Comm_rank");
        MpiErrors.Check(library.CommSize(handle, &size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
    }

    public int Rank { get; }

    public int Size { get; }

    public void Send<T>(ReadOnlySpan<T> data, int destination, int tag)
        where T : unmanaged
    {
        var type = MpiDatatypes.For<T>(_library);
        fixed (T* buffer = data)
        {
            MpiErrors.Check(_library.Send(buffer, data.Length, type, destination, tag, _handle), "MPI_Send");
        }
    }

    /// <summary>Receives at most <c>buffer.Length</c> elements; use <see cref="Mpi.AnySource"/>/<see cref="Mpi.AnyTag"/> as wildcards.</summary>
    public MpiStatus Recv<T>(Span<T> buffer, int source = Mpi.AnySource, int tag = Mpi.AnyTag)
        where T : unmanaged
    {
        var type = MpiDatatypes.For<T>(_library);
        NativeStatus status;
        int count;
        fixed (T* pointer = buffer)
        {
            MpiErrors.Check(_library.Recv(pointer, buffer.Length, type, source, tag, _handle, &status), "MPI_Recv");
        }

        MpiErrors.Check(_library.GetCount(&status, type, &count), "MPI_Get_count");
        return new MpiStatus(status.Source, status.Tag, count);
    }

    public void Bcast<T>(Span<T> data, int root)
        where T : unmanaged
    {
        var type = MpiDatatypes.For<T>(_library);
        fixed (T* buffer = data)
        {
            MpiErrors.Check(_library.Bcast(buffer, data.Length, type, root, _handle), "MPI_Bcast");
        }
    }

    /// <summary>Element-wise reduction into <paramref name="result"/> on <paramref name="root"/> (ignored elsewhere).</summary>
    public void Reduce<T>(ReadOnlySpan<T> data, Span<T> result, MpiOp op, int root)
        where T : unmanaged
    {
        if (Rank == root && result.Length < data.Length)
        {
            throw new ArgumentException($"result holds {result.Length} elements; the reduction needs {data.Length}", nameof(result));
        }

        var type = MpiDatatypes.For<T>(_library);
        fixed (T* send = data)
        fixed (T* receive = result)
        {
            MpiErrors.Check(_library.Reduce(send, receive, data.Length, type, MpiDatatypes.For(_library, op), root, _handle), "MPI_Reduce");
        }
    }

    public T Reduce<T>(T value, MpiOp op, int root)
        where T : unmanaged
    {
        T result = default;
        Reduce(new ReadOnlySpan<T>(in value), new Span<T>(ref result), op, root);
        return result;
    }

    public void Allreduce<T>(ReadOnlySpan<T> data, Span<T> result, MpiOp op)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(result.Length, data.Length, nameof(result));
        var type = MpiDatatypes.For<T>(_library);
        fixed (T* send = data)
        fixed (T* receive = result)
        {
            MpiErrors.Check(_library.Allreduce(send, receive, data.Length, type, MpiDatatypes.For(_library, op), _handle), "MPI_Allreduce");
        }
    }

    public T Allreduce<T>(T value, MpiOp op)
        where T : unmanaged
    {
        T result = default;
        Allreduce(new ReadOnlySpan<T>(in value), new Span<T>(ref result), op);
        return result;
    }

    /// <summary>Every rank sends <c>data.Length</c> elements; the root receives them rank by rank into <paramref name="result"/> (Size × that).</summary>
    public void Gather<T>(ReadOnlySpan<T> data, Span<T> result, int root)
        where T : unmanaged
    {
        if (Rank == root && result.Length < data.Length * Size)
        {
            throw new ArgumentException($"result holds {result.Length} elements; gathering {data.Length} from {Size} ranks needs {data.Length * Size}", nameof(result));
        }

        var type = MpiDatatypes.For<T>(_library);
        fixed (T* send = data)
        fixed (T* receive = result)
        {
            MpiErrors.Check(_library.Gather(send, data.Length, type, receive, data.Length, type, root, _handle), "MPI_Gather");
        }
    }

    /// <summary>The root splits <paramref name="data"/> (Size × <c>result.Length</c>) into equal parts, part r to rank r.</summary>
    public void Scatter<T>(ReadOnlySpan<T> data, Span<T> result, int root)
        where T : unmanaged
    {
        if (Rank == root && data.Length < result.Length * Size)
        {
            throw new ArgumentException($"data holds {data.Length} elements; scattering {result.Length} to {Size} ranks needs {result.Length * Size}", nameof(data));
        }

        var type = MpiDatatypes.For<T>(_library);
        fixed (T* send = data)
        fixed (T* receive = result)
        {
            MpiErrors.Check(_library.Scatter(send, result.Length, type, receive, result.Length, type, root, _handle), "MPI_Scatter");
        }
    }

    public void Barrier() => MpiErrors.Check(_library.Barrier(_handle), "MPI_Barrier");

    /// <summary>Ends every rank of the job with <paramref name="errorCode"/>; mpiexec then exits non-zero.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void Abort(int errorCode)
    {
        _ = _library.Abort(_handle, errorCode);

        // MPI_Abort does not return on Open MPI; if an implementation does, still never continue.
        Environment.Exit(errorCode);
        throw new InvalidOperationException("unreachable");
    }
}
