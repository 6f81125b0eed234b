using GrainCompute.Mpi.Examples.Serve;

namespace GrainCompute.Mpi.Tests.Serve;

public sealed class TaggedOutputTests
{
    [Fact]
    public void Split_GroupsPrependedRankLinesByRankAndStream_AndKeepsMpiexecsOwnLinesUnderMinusOne()
    {
        var output = TaggedOutput.Split(
        [
            new OutputLine(false, "[1] one"),
            new OutputLine(false, "[0] zero: a [1] lookalike"),
            new OutputLine(true, "[1] oops"),
            new OutputLine(true, "[mpiexec@vm] HYDU_sock_write: write error"),
        ], ranks: 3);

        Assert.Equal([-1, 0, 1, 2], output.Select(o => o.Rank));
        Assert.Equal(["zero: a [1] lookalike"], output[1].Stdout);
        Assert.Equal(["one"], output[2].Stdout);
        Assert.Equal(["oops"], output[2].Stderr);
        Assert.Empty(output[3].Stdout);
        Assert.Equal(["[mpiexec@vm] HYDU_sock_write: write error"], output[0].Stderr);
    }
}
