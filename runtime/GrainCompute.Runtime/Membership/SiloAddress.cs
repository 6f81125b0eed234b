namespace GrainCompute.Runtime;

/// <summary>
/// Where a silo listens for other silos, and which start of it this is: a silo restarted on the same
/// host and port gets a new <see cref="Generation"/>, so messages meant for the old one are not misdelivered.
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    public string Endpoint => $"{Host}:{Port}";

    /// <summary>Placement's per-silo hash, computed once (it is on every call's path).</summary>
    internal ulong StableHash { get; } = StableHashing.Fnv1a($"{Host}:{Port}", Generation.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString() => $"{Host}:{Port}@{Generation}";

    public static SiloAddress Parse(string text)
    {
        var at = text.LastIndexOf('@');
        var colon = text.LastIndexOf(':', at < 0 ? text.Length - 1 : at);
        if (at < 0 || colon < 0 ||
            !int.TryParse(text.AsSpan(colon + 1, at - colon - 1), out var port) ||
            !long.TryParse(text.AsSpan(at + 1), out var generation))
        {
            throw new FormatException($"'{text}' is not a silo address (host:port@generation).");
        }

        return new SiloAddress(text[..colon], port, generation);
    }
}
