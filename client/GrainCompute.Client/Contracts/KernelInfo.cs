using System.Text.Json;

namespace GrainCompute.Client;

/// <summary>A kernel in the catalog (GET /api/kernels).</summary>
public sealed record KernelInfo(string Name, string Description, string Reduction, IReadOnlyList<KernelParameterInfo> Parameters);

/// <summary>One parameter of a kernel: camelCase name, JSON type, default, meaning.</summary>
public sealed record KernelParameterInfo(string Name, string Type, JsonElement? Default, string Description);
