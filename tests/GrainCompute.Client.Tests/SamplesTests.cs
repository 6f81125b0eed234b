using GrainCompute.Samples;

namespace GrainCompute.Client.Tests;

/// <summary>The samples (samples/GrainCompute.Samples) run against the embedded silo and print what the seeds print.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class SamplesTests(LocalClusterFixture cluster)
{
    [Theory]
    [InlineData("julia", "1228800 pixels")]
    [InlineData("isprime", "489133282872437279 is prime.")]
    [InlineData("montecarlo-pi", "π ≈ 3.14")]
    [InlineData("collatz", "524 steps")]
    [InlineData("futures", "result 3, done: True")]
    [InlineData("dependencies", "slowadd(slowinc(1), slowinc(2)) = 5")]
    [InlineData("sumprimes", "300000 : Sum = 3709507114")]
    [InlineData("as-completed", "Return of 4")]
    [InlineData("wait", "all completed: 5 done, 0 not done")]
    public async Task Sample_RunsAndPrintsTheSeedsAnswer(string sample, string expected)
    {
        using var output = new StringWriter();

        await Seeds.All[sample](cluster.Client, output).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
    }
}
