using System.Text.Json;

namespace GrainCompute.Client;

/// <summary>A kernel the cluster serves (GET /api/kernels), with the silos that serve it.</summary>
public sealed record KernelInfo(string Name, string Description, string Reduction, IReadOnlyList<KernelParameterInfo> Parameters, IReadOnlyList<KernelServing> Silos);

/// <summary>A silo serving a kernel, at <paramref name="Version"/> (assembly version + content hash).</summary>
public sealed record KernelServing(string Silo, string Address, string Version);

/// <summary>One parameter of a kernel: camelCase name, JSON type, default, meaning.</summary>
public sealed record KernelParameterInfo(string Name, string Type, JsonElement? Default, string Description);
