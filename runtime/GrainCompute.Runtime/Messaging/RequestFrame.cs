using System.Buffers;

namespace GrainCompute.Runtime.Messaging;

/// <summary>
/// A grain call: correlation id, the time the caller still waits (relative, so clocks need not agree),
/// how often it was forwarded, the target grain, the method's wire name and the arguments.
/// </summary>
internal sealed class RequestFrame(long id, int timeoutMilliseconds, int forwardCount, GrainId target, GrainMethod method, object?[] arguments) : Frame
{
    public override FrameKind Kind => FrameKind.Request;

    public override void WriteFields(IBufferWriter<byte> writer)
    {
        writer.WriteInt64(id);
        writer.WriteInt32(timeoutMilliseconds);
        writer.WriteByte((byte)forwardCount);
        writer.WriteString(target.Type);
        writer.WriteString(target.Key);
        writer.WriteString(method.Name);
        writer.WriteInt32(arguments.Length);
        for (var i = 0; i < arguments.Length; i++)
        {
            ValueCodec.Write(writer, arguments[i], method.ParameterTypes[i]);
        }
    }
}
