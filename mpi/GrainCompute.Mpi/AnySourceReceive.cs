using MPI;

namespace GrainCompute.Mpi;

/// <summary>
/// Receiving an object message from whichever rank sends first, safely.
/// </summary>
/// <remarks>
/// MPI.NET sends an object (unsplit, see <see cref="MpiEnvironment"/>) as two MPI messages, its length and then its
/// bytes, and matches both with the source the caller gave. With <see cref="Communicator.anySource"/> two senders'
/// parts interleave: the bytes receive can take another rank's length, and the next length receive then gets bytes
/// (measured: <c>MessageTruncatedException</c> in the pool example with 3 workers). Probing first fixes the sender;
/// from one sender MPI keeps order, so its length and bytes are the next two messages received from it.
/// Primitive arrays are one MPI message and need none of this.
/// </remarks>
public static class AnySourceReceive
{
    /// <summary>The next object message with <paramref name="tag"/> from any rank; <paramref name="source"/> says which.</summary>
    public static T ReceiveFromAnySource<T>(this Communicator communicator, int tag, out int source)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        source = communicator.Probe(Communicator.anySource, tag).Source;
        return communicator.Receive<T>(source, tag);
    }
}
