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

    // ConcurrentDictionary.Count takes every lock of the dictionary: with thousands of one-chunk jobs a second that
    // serialized all workers, so the entries are counted here.
    private int _count;

    /// <param name="jobId">The chunk's job; empty for a call (<see cref="CallRunner"/>), whose one chunk has nothing to share.</param>
    internal object Bind(string jobId, IKernel kernel, string? json)
    {
        if (jobId.Length == 0)
        {
            return Bind(kernel, json);
        }

        if (_byJob.TryGetValue(jobId, out var cached) && cached.Json == json)
        {
            return cached.Bound;
        }

        var bound = Bind(kernel, json);
        if (Volatile.Read(ref _count) >= MaxEntries)
        {
            // Evict one entry; Clear() and Keys would take every lock of the dictionary on a hot path.
            foreach (var entry in _byJob)
            {
                if (_byJob.TryRemove(entry.Key, out _))
                {
                    Interlocked.Decrement(ref _count);
                }

                break;
            }
        }

        if (_byJob.TryAdd(jobId, (json, bound)))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _byJob[jobId] = (json, bound);
        }

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
