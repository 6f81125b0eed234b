using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;

namespace GrainCompute.Kernels;

/// <summary>
/// A kernel's version as silos compare it: its assembly's version and a hash of the assembly's bytes, so two builds
/// of "1.0.0" that differ in code are told apart ("1.0.0.0+3f2a9c01b7e4").
/// </summary>
public static class KernelVersion
{
    private static readonly ConcurrentDictionary<Assembly, string> ByAssembly = new();

    /// <summary>A future group's version is its kernel's: the group runs that code.</summary>
    public static string Of(IKernel kernel) => ByAssembly.GetOrAdd((kernel is FutureGroupKernel group ? group.Inner : kernel).GetType().Assembly, Compute);

    private static string Compute(Assembly assembly)
    {
        // An assembly loaded from bytes or bundled into a single file has no path; its module id then stands in,
        // which deterministic builds derive from the content too.
        var hash = File.Exists(assembly.Location)
            ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(assembly.Location)))[..12]
            : assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
        return $"{assembly.GetName().Version}+{hash}";
    }
}
