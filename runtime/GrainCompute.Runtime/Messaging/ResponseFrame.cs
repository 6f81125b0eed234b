using System.Buffers;

namespace GrainCompute.Runtime.Messaging;

/// <summary>The answer to a request: the result, or the exception's type, message and stack trace.</summary>
internal sealed class ResponseFrame : Frame
{
    private const byte Ok = 0;
    private const byte Failed = 1;

    private readonly long _id;
    private readonly object? _result;
    private readonly Type? _resultType;
    private readonly Exception? _exception;

    private ResponseFrame(long id, object? result, Type? resultType, Exception? exception)
    {
        _id = id;
        _result = result;
        _resultType = resultType;
        _exception = exception;
    }

    public override FrameKind Kind => FrameKind.Response;

    public static ResponseFrame Success(long id, object? result, Type? resultType) => new(id, result, resultType, null);

    public static ResponseFrame Failure(long id, Exception exception) => new(id, null, null, exception);

    public override void WriteFields(IBufferWriter<byte> writer)
    {
        writer.WriteInt64(_id);
        if (_exception is null)
        {
            writer.WriteByte(Ok);
            ValueCodec.Write(writer, _result, _resultType ?? typeof(object));
            return;
        }

        writer.WriteByte(Failed);
        writer.WriteString(_exception.GetType().FullName ?? _exception.GetType().Name);
        writer.WriteString(_exception.Message);
        writer.WriteString(_exception.StackTrace ?? "");
    }

    /// <summary>Reads the correlation id; the caller then looks up the pending call to know the result type.</summary>
    public static long ReadId(ref WireReader reader) => reader.ReadInt64();

    /// <summary>Reads the rest: the result, or an exception rebuilt as its original type when this process knows it.</summary>
    public static (object? Result, Exception? Error) ReadOutcome(ref WireReader reader, Type? resultType)
    {
        var status = reader.ReadByte();
        if (status == Ok)
        {
            return (ValueCodec.Read(ref reader, resultType ?? typeof(object)), null);
        }

        if (status != Failed)
        {
            throw new ProtocolViolationException($"unknown response status {status}");
        }

        var type = reader.ReadString();
        var message = reader.ReadString();
        var stack = reader.ReadString();
        return (null, RemoteExceptions.Rebuild(type, message, stack));
    }
}
