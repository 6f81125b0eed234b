using Orleans.Runtime;

namespace GrainCompute.Grains.Placement;

/// <summary>The grain key of a silo-bound grain: the silo's address in Orleans' parsable form.</summary>
public static class SiloKey
{
    public static string Of(SiloAddress silo) => silo.ToParsableString();

    public static SiloAddress? Parse(string key)
    {
        try
        {
            return SiloAddress.FromParsableString(key);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
