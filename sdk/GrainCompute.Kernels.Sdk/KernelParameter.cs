namespace GrainCompute.Kernels;

/// <summary>One parameter of a kernel as the catalog shows it.</summary>
/// <param name="Name">camelCase JSON name, also the console's --name.</param>
/// <param name="Type">"integer", "number", "boolean", "string" or "array".</param>
/// <param name="Default">Default value (the seeds' parameters).</param>
/// <param name="Description">What it means and its valid range.</param>
public sealed record KernelParameter(string Name, string Type, object? Default, string Description);
