using System.Buffers;
using System.Text;

namespace GrainCompute.Runtime.Messaging;

/// <summary>Reads what <see cref="WireWriter"/> wrote; any shortfall or bad length is a protocol violation.</summary>
internal ref struct WireReader(ReadOnlySequence<byte> frame)
{
    private SequenceReader<byte> _reader = new(frame);

    public readonly bool End => _reader.End;

    public byte ReadByte() => _reader.TryRead(out var value) ? value : throw Truncated();

    public int ReadInt32() => _reader.TryReadLittleEndian(out int value) ? value : throw Truncated();

    public long ReadInt64() => _reader.TryReadLittleEndian(out long value) ? value : throw Truncated();

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    public ReadOnlySequence<byte> ReadBytes()
    {
        var length = ReadInt32();
        if (length < 0 || length > _reader.Remaining)
        {
            throw new ProtocolViolationException($"field length {length} exceeds the {_reader.Remaining} bytes left in the frame");
        }

        var bytes = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return bytes;
    }

    private static ProtocolViolationException Truncated() => new("frame ended in the middle of a field");
}
