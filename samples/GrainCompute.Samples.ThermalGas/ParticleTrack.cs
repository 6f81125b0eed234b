using System.Buffers.Binary;

namespace GrainCompute.Samples.ThermalGas;

/// <summary>
/// One item of the <c>thermal-gas</c> kernel: a particle's speed, what it gave the walls, and its state at each
/// recorded frame. Encoded little-endian as speed, wall impulse per mass, wall hits, frame count, then
/// (x, y, vx, vy) per frame: 28 + 32·frames bytes.
/// </summary>
public sealed class ParticleTrack
{
    private const int HeaderBytes = 8 + 8 + 8 + 4;
    private const int FrameBytes = 4 * 8;

    private readonly double[] _frames;

    private ParticleTrack(double speed, double wallImpulsePerMass, long wallHits, double[] frames)
    {
        Speed = speed;
        WallImpulsePerMass = wallImpulsePerMass;
        WallHits = wallHits;
        _frames = frames;
    }

    /// <summary>The speed drawn at t = 0, in m/s; collisions with the walls only flip velocity components.</summary>
    public double Speed { get; }

    /// <summary>Momentum given to the walls over the whole run, divided by the mass: Σ 2|v⊥| over wall hits, in m/s.</summary>
    public double WallImpulsePerMass { get; }

    /// <summary>Wall hits over the whole run (a hit in a corner counts twice).</summary>
    public long WallHits { get; }

    /// <summary>Recorded frames: t = 0 and every recordEvery steps.</summary>
    public int FrameCount => _frames.Length / 4;

    public double X(int frame) => _frames[4 * frame];

    public double Y(int frame) => _frames[(4 * frame) + 1];

    public double Vx(int frame) => _frames[(4 * frame) + 2];

    public double Vy(int frame) => _frames[(4 * frame) + 3];

    /// <summary>Starts an encoded track; <c>Frame</c> fills the frames in order.</summary>
    internal static Writer Begin(int frames) => new(new byte[HeaderBytes + (FrameBytes * frames)], frames);

    /// <summary>Reads an item of the <c>thermal-gas</c> kernel.</summary>
    /// <exception cref="FormatException">The bytes are not a whole track.</exception>
    public static ParticleTrack Decode(ReadOnlySpan<byte> item)
    {
        if (item.Length < HeaderBytes)
        {
            throw new FormatException($"a particle track has at least {HeaderBytes} bytes, got {item.Length}");
        }

        var frames = BinaryPrimitives.ReadInt32LittleEndian(item[24..]);
        if (frames < 0 || item.Length != HeaderBytes + ((long)FrameBytes * frames))
        {
            throw new FormatException($"a particle track of {frames} frames has {HeaderBytes + ((long)FrameBytes * frames)} bytes, got {item.Length}");
        }

        var values = new double[4 * frames];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(item[(HeaderBytes + (8 * i))..]);
        }

        return new ParticleTrack(
            BinaryPrimitives.ReadDoubleLittleEndian(item),
            BinaryPrimitives.ReadDoubleLittleEndian(item[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(item[16..]),
            values);
    }

    internal struct Writer(byte[] bytes, int frames)
    {
        private int _offset = HeaderBytes;

        public void Frame(double x, double y, double vx, double vy)
        {
            var span = bytes.AsSpan(_offset, FrameBytes);
            BinaryPrimitives.WriteDoubleLittleEndian(span, x);
            BinaryPrimitives.WriteDoubleLittleEndian(span[8..], y);
            BinaryPrimitives.WriteDoubleLittleEndian(span[16..], vx);
            BinaryPrimitives.WriteDoubleLittleEndian(span[24..], vy);
            _offset += FrameBytes;
        }

        public readonly byte[] Finish(double speed, double wallImpulsePerMass, long wallHits)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, speed);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8), wallImpulsePerMass);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), wallHits);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), frames);
            return bytes;
        }
    }
}
