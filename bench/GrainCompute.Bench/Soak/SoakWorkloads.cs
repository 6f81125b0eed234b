using System.Text.Json;
using GrainCompute.Kernels;

namespace GrainCompute.Bench.Soak;

/// <summary>
/// The soak's mixed stream of jobs: small reductions, a map whose every item is read back, an image, a dependency. Each
/// job's expected result comes from the same kernel run serially in this process (one chunk), never from a constant.
/// </summary>
internal sealed class SoakWorkloads(Random random)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, SerialResult> _serial = [];

    /// <summary>The next job to submit, drawn at random; a dependency job takes <paramref name="earlier"/>'s result (a completed countprimes job).</summary>
    public SoakJob Next(Dependency? earlier)
    {
        var pick = random.Next(earlier is null ? 5 : 6);
        return pick switch
        {
            0 => Job("countprimes", new { n = 100_000 * random.Next(1, 6), rangeSize = 8192 }, chunkSize: null),
            1 => Job("collatz", new { n = 50_000 * random.Next(1, 6) }, chunkSize: 5_000),
            2 => Job("montecarlo-pi", new { samples = 2_000_000, seed = random.Next(1, 1000), blockSize = 100_000 }, chunkSize: null),
            3 => Job("square-number", new { n = 1_000 * random.Next(1, 6) }, chunkSize: 97, readItems: true),
            4 => Job("julia", new { width = 64 * random.Next(1, 5), height = 48 }, chunkSize: 8),
            _ => new SoakJob(
                "slowadd",
                JsonSerializer.Serialize(new Dictionary<string, object> { ["a"] = new Dictionary<string, string> { ["$future"] = earlier!.JobId }, ["b"] = 5, ["delay"] = 0.01 }),
                ChunkSize: null,
                ReadItems: false,
                earlier),
        };
    }

    /// <summary>The result the kernel gives serially for these parameters: the combined result, and each item's value.</summary>
    public async Task<SerialResult> SerialAsync(SoakJob job)
    {
        var key = job.Kernel + job.ParametersJson;
        if (_serial.TryGetValue(key, out var known))
        {
            return known;
        }

        var kernel = KernelCatalog.Default.Get(job.Kernel);
        // A dependency's result stands where its $future was, as the silo substitutes it.
        var parametersJson = job.DependsOn is { } dependency
            ? job.ParametersJson.Replace($$"""{"$future":"{{dependency.JobId}}"}""", dependency.ResultJson, StringComparison.Ordinal)
            : job.ParametersJson;
        var parameters = kernel.BindParameters(JsonDocument.Parse(parametersJson).RootElement);
        var items = kernel.ItemCount(parameters);
        var payload = await kernel.RunChunkAsync(parameters, 0, checked((int)items), CancellationToken.None);
        var result = new SerialResult(
            JsonSerializer.SerializeToElement(kernel.Reduce(parameters, [payload]), Web),
            [.. kernel.DecodeItems(payload).Select(v => JsonSerializer.SerializeToElement(v, Web))]);
        _serial[key] = result;
        return result;
    }

    private static SoakJob Job(string kernel, object parameters, int? chunkSize, bool readItems = false) =>
        new(kernel, JsonSerializer.Serialize(parameters, Web), chunkSize, readItems, DependsOn: null);
}

/// <param name="ReadItems">A map: every item is read back (completion order) and checked, once each.</param>
/// <param name="DependsOn">The job whose result is parameter <c>a</c> (a <c>$future</c>).</param>
internal sealed record SoakJob(string Kernel, string ParametersJson, int? ChunkSize, bool ReadItems, Dependency? DependsOn);

/// <summary>A completed job another job depends on, and the result it completed with.</summary>
internal sealed record Dependency(string JobId, string ResultJson);

internal sealed record SerialResult(JsonElement Combined, IReadOnlyList<JsonElement> Items);
