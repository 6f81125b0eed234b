namespace GrainCompute.Mpi.Tests.Serialization;

public sealed class JsonMessageSerializerTests
{
    private static readonly JsonMessageSerializer _serializer = JsonMessageSerializer.Instance;

    [Fact]
    public void AString_WithNonAsciiText_RoundTrips() =>
        Assert.Equal("grüße ✓ π", RoundTrip("grüße ✓ π"));

    [Fact]
    public void ARecord_WithAnArrayInside_RoundTrips()
    {
        var sample = new Sample(7, "seven", [0.5, 1.5]);

        var back = RoundTrip(sample);

        Assert.Equal((sample.Id, sample.Name), (back.Id, back.Name));
        Assert.Equal(sample.Values, back.Values);
    }

    [Fact]
    public void AnArrayOfRecords_RoundTripsInOrder()
    {
        Sample[] samples = [new(1, "a", []), new(2, "b", [2.0]), new(3, "c", [3.0, 3.5])];

        var back = RoundTrip(samples);

        Assert.Equal(samples.Select(s => (s.Id, s.Name, s.Values.Sum())), back.Select(s => (s.Id, s.Name, s.Values.Sum())));
    }

    [Fact]
    public void AValueTuple_RoundTripsThroughItsFields() =>
        Assert.Equal((3, "three"), RoundTrip((3, "three")));

    [Fact]
    public void ValuesWrittenBackToBack_ReadBackOneAtATime_AsMpiNetsGatherReadsThem()
    {
        using var stream = new MemoryStream();
        _serializer.Serialize(stream, new Sample(1, "first", [1.0]));
        _serializer.Serialize(stream, new Sample(2, "second", [2.0]));
        stream.Position = 0;

        Assert.Equal("first", _serializer.Deserialize<Sample>(stream).Name);
        Assert.Equal("second", _serializer.Deserialize<Sample>(stream).Name);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void AStreamThatEndsInsideAValue_FailsInsteadOfReturningHalfAValue()
    {
        using var stream = new MemoryStream();
        _serializer.Serialize(stream, "a message that will be cut short");
        using var truncated = new MemoryStream(stream.ToArray()[..10]);

        Assert.Throws<EndOfStreamException>(() => _serializer.Deserialize<string>(truncated));
    }

    private static T RoundTrip<T>(T value)
    {
        using var stream = new MemoryStream();
        _serializer.Serialize(stream, value);
        stream.Position = 0;
        return _serializer.Deserialize<T>(stream);
    }

    public sealed record Sample(int Id, string Name, double[] Values);
}
