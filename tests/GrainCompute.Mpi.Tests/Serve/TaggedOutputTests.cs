using GrainCompute.Mpi.Examples.Serve;

namespace GrainCompute.Mpi.Tests.Serve;

public sealed class TaggedOutputTests
{
    [Fact]
    public void Split_GroupsTaggedLinesByRankAndStream_AndKeepsMpiexecsOwnLinesUnderMinusOne()
    {
        var output = TaggedOutput.Split(
        [
            new OutputLine(false, "[1,1]<stdout>:one"),
            new OutputLine(false, "[1,0]<stdout>:zero: a [1,1]<stdout>: lookalike"),
            new OutputLine(true, "[1,1]<stderr>:oops"),
            new OutputLine(true, "MPI_ABORT was invoked on rank 1"),
        ], ranks: 3);

        Assert.Equal([-1, 0, 1, 2], output.Select(o => o.Rank));
        Assert.Equal(["zero: a [1,1]<stdout>: lookalike"], output[1].Stdout);
        Assert.Equal(["one"], output[2].Stdout);
        Assert.Equal(["oops"], output[2].Stderr);
        Assert.Empty(output[3].Stdout);
        Assert.Equal(["MPI_ABORT was invoked on rank 1"], output[0].Stderr);
    }
}
