using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Seed 004: <c>for number, sum_res in zip(nums, executor.map(find_sum, nums))</c>.</summary>
public static class SumPrimesSample
{
    public static async Task RunAsync(ComputeClient client, TextWriter output)
    {
        long[] numbers = [100_000, 200_000, 300_000];
        var sums = await client.Kernels.SumPrimesAsync(numbers);
        foreach (var (number, sum) in numbers.Zip(await sums.GetResultAsync()))
        {
            await output.WriteLineAsync($"{number} : Sum = {sum}");
        }
    }
}
