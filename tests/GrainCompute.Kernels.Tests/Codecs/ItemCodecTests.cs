using System.Numerics;

namespace GrainCompute.Kernels.Tests.Codecs;

public sealed class ItemCodecTests
{
    private static void RoundTrips<T>(T[] items)
    {
        Assert.Equal(items, ItemCodec<T>.Decode(ItemCodec<T>.Encode(items)));
    }

    [Fact]
    public void Fixed_size_items_are_raw_little_endian()
    {
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF }, ItemCodec<int>.Encode([1, -1]));
        Assert.Equal(16, ItemCodec<long>.Encode([long.MinValue, long.MaxValue]).Length);
        Assert.Equal(new byte[] { 1, 0 }, ItemCodec<bool>.Encode([true, false]));
    }

    [Fact]
    public void Fixed_size_items_round_trip()
    {
        RoundTrips(new[] { 0, 1, -1, int.MaxValue, int.MinValue });
        RoundTrips(new[] { 0L, long.MaxValue, long.MinValue });
        RoundTrips(new[] { 0UL, ulong.MaxValue });
        RoundTrips(new[] { 0.0, -0.0, double.Epsilon, double.NaN, double.PositiveInfinity, Math.PI });
        RoundTrips(new[] { true, false, true });
        RoundTrips(Array.Empty<int>());
    }

    [Fact]
    public void Byte_arrays_round_trip_with_one_or_more_length_bytes()
    {
        RoundTrips(new[] { Array.Empty<byte>(), new byte[] { 1, 2, 3 }, new byte[127], new byte[128], new byte[70_000] });
        Assert.Equal(1 + 3, ItemCodec<byte[]>.Encode([[1, 2, 3]]).Length);
        Assert.Equal(2 + 128, ItemCodec<byte[]>.Encode([new byte[128]]).Length);
    }

    [Fact]
    public void Strings_round_trip_as_utf8()
    {
        RoundTrips(new[] { "", "julia", "n ≥ 2", new string('x', 300) });
    }

    [Fact]
    public void Big_integers_round_trip_including_negative_and_huge()
    {
        RoundTrips(new[] { BigInteger.Zero, BigInteger.One, BigInteger.MinusOne, BigInteger.Pow(3, 5000), -BigInteger.Pow(2, 64) });
    }

    [Fact]
    public void Bool_bytes_other_than_zero_and_one_decode_as_true()
    {
        Assert.Equal([true, false], ItemCodec<bool>.Decode([7, 0]));
    }

    [Fact]
    public void A_truncated_payload_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => ItemCodec<long>.Decode(new byte[7]));
        Assert.Throws<FormatException>(() => ItemCodec<string>.Decode([0x80]));
    }
}
