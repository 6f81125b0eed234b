using System.Collections.Concurrent;
using System.Text.Json;
using GrainCompute.Kernels;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// Kernel parameters bound once per job and silo rather than once per chunk: a job with uploaded series may
/// carry megabytes of parameters, and a job may have thousands of chunks.
/// </summary>
public sealed class BoundParameters
{
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<string, (string? Json, object Bound)> _byJob = new(StringComparer.Ordinal);

    internal object Bind(string jobId, IKernel kernel, string? json)
    {
        if (_byJob.TryGetValue(jobId, out var cached) && cached.Json == json)
        {
            return cached.Bound;
        }

        var bound = Bind(kernel, json);
        if (_byJob.Count >= MaxEntries)
        {
            // Evict one entry; Clear() and Keys would take every lock of the dictionary on a hot path.
            foreach (var entry in _byJob)
            {
                _byJob.TryRemove(entry.Key, out _);
                break;
            }
        }

        _byJob[jobId] = (json, bound);
        return bound;
    }

    public static object Bind(IKernel kernel, string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return kernel.BindParameters(null);
        }

        using var document = JsonDocument.Parse(json);
        return kernel.BindParameters(document.RootElement.Clone());
    }
}
