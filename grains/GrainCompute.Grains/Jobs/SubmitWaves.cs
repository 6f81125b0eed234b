using GrainCompute.Kernels;

namespace GrainCompute.Grains.Jobs;

/// <summary>
/// The order in which a batch of jobs is submitted. Jobs of one batch are submitted at once, but a job whose
/// <c>$future</c> names another job of the same batch must come after it: a dependent whose dependency does not
/// exist yet fails ("dependency failed"). So the batch goes in waves, each naming only jobs of earlier waves (or
/// jobs outside the batch); jobs of a batch that wait for each other in a cycle could never run and are refused.
/// </summary>
public static class SubmitWaves
{
    /// <returns>The batch's indices, wave by wave.</returns>
    /// <exception cref="KernelParameterException">Jobs of the batch wait for each other in a cycle; the field is <c>jobs[i].parameters</c>.</exception>
    public static IReadOnlyList<int[]> Of(IReadOnlyList<(string Id, JobSpec Spec)> batch)
    {
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            indexOf[batch[i].Id] = i;
        }

        // Most batches name no job of their own (the string test spares parsing those parameters): one wave.
        var waitsFor = batch.Select(job => job.Spec.ParametersJson is { } json && json.Contains("\"$future\"", StringComparison.Ordinal)
            ? FutureReferences.Find(json).Where(indexOf.ContainsKey).Select(id => indexOf[id]).ToHashSet()
            : []).ToArray();
        if (waitsFor.All(w => w.Count == 0))
        {
            return [[.. Enumerable.Range(0, batch.Count)]];
        }

        // Kahn's algorithm, a wave at a time: a job joins the wave after the last of its dependencies' waves.
        var waiting = waitsFor.Select(w => w.Count).ToArray();
        var dependents = new List<int>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            foreach (var dependency in waitsFor[i])
            {
                (dependents[dependency] ??= []).Add(i);
            }
        }

        var waves = new List<int[]>();
        int[] wave = [.. Enumerable.Range(0, batch.Count).Where(i => waiting[i] == 0)];
        var placed = 0;
        while (wave.Length > 0)
        {
            waves.Add(wave);
            placed += wave.Length;
            var next = new List<int>();
            foreach (var i in wave)
            {
                foreach (var dependent in dependents[i] ?? [])
                {
                    if (--waiting[dependent] == 0)
                    {
                        next.Add(dependent);
                    }
                }
            }

            wave = [.. next];
        }

        if (placed < batch.Count)
        {
            var first = Array.FindIndex(waiting, w => w > 0);
            throw new KernelParameterException($"jobs[{first}].parameters", $"jobs of this batch wait for each other's results in a cycle ({Cycle(first, waitsFor, waiting, batch)}), so none could ever run");
        }

        return waves;
    }

    /// <summary>A cycle among the jobs still waiting, found by following what <paramref name="start"/> waits for: "a → b → a".</summary>
    private static string Cycle(int start, HashSet<int>[] waitsFor, int[] waiting, IReadOnlyList<(string Id, JobSpec Spec)> batch)
    {
        var path = new List<int>();
        var at = start;
        while (!path.Contains(at))
        {
            path.Add(at);
            at = waitsFor[at].First(d => waiting[d] > 0); // an unplaced job waits for some unplaced job, so this never runs out
        }

        return string.Join(" → ", path.Skip(path.IndexOf(at)).Append(at).Select(i => batch[i].Id));
    }
}
