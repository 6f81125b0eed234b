using System.Text.Json;
using GrainCompute.Grains;

namespace GrainCompute.Server.Api;

/// <summary>A kernel the cluster serves: what it computes, its parameters with defaults, how results combine, and where.</summary>
/// <param name="Silos">The active silos serving it, each with its version: two versions mean a rolling upgrade (or a mistake).</param>
public sealed record KernelInfo(string Name, string Description, string Reduction, JsonElement Parameters, IReadOnlyList<KernelServing> Silos)
{
    public static KernelInfo From(KernelOffer offer, IReadOnlyList<KernelServing> silos) =>
        new(offer.Name, offer.Description, offer.Reduction, JsonDocument.Parse(offer.ParametersJson).RootElement.Clone(), silos);
}

/// <summary>One silo serving a kernel, at <paramref name="Version"/> (assembly version + content hash).</summary>
public sealed record KernelServing(string Silo, string Address, string Version);
