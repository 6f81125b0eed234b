using System.Numerics;
using System.Text.Json.Serialization;

namespace GrainCompute.Kernels;

internal sealed class FactorialParameters
{
    [KernelParameterDescription("Compute n!, 0 ≤ n ≤ 1000000.")]
    public int N { get; set; } = 100_000;

    [KernelParameterDescription("Consecutive factors per item, 1..1000000.")]
    public int BlockSize { get; set; } = 1000;
}

/// <summary>
/// The outcome of <c>factorial</c>: n! has hundreds of thousands of digits, so the API gets its size and
/// both ends; <see cref="Value"/> (not serialized) keeps the exact number for callers and tests.
/// </summary>
public sealed record FactorialResult(int N, int Digits, string Leading, string Trailing)
{
    [JsonIgnore]
    public BigInteger Value { get; init; }
}

/// <summary>
/// Seed 004's <c>factorial(100000)</c> (the GIL example): item k is the product of the factors in block k;
/// the custom reduction multiplies the blocks as a balanced product tree, so the big multiplications
/// pair numbers of similar size (fast) instead of growing one huge number by small factors (quadratic).
/// </summary>
internal sealed class FactorialKernel : Kernel<FactorialParameters, BigInteger>
{
    private const int _endDigits = 50;

    public override string Name => "factorial";

    public override string Description => "n! by blocks of consecutive factors and a product tree; result: digit count and first/last 50 digits";

    public override ReductionKind Reduction => ReductionKind.Custom;

    public override long ItemCount(FactorialParameters parameters) =>
        Math.Max(1, ((long)parameters.N + parameters.BlockSize - 1) / parameters.BlockSize);

    public override void RunChunk(FactorialParameters parameters, long start, Span<BigInteger> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var low = ((start + i) * parameters.BlockSize) + 1;
            var high = Math.Min(parameters.N, (start + i + 1) * parameters.BlockSize);
            results[i] = ProductTree.OfRange(low, high);
        }
    }

    protected override object? ReduceCustom(FactorialParameters parameters, IReadOnlyList<byte[]> chunksInInputOrder)
    {
        var blocks = new List<BigInteger>();
        foreach (var chunk in chunksInInputOrder)
        {
            blocks.AddRange(ItemCodec<BigInteger>.Decode(chunk));
        }

        var value = ProductTree.Of(blocks);

        // BigInteger.ToString is quadratic (~20 s for 100000!'s 456574 digits); the ends need only a
        // power of ten and one short division each.
        var digits = DecimalDigits.Count(value);
        var leading = digits <= _endDigits ? value : value / BigInteger.Pow(10, digits - _endDigits);
        var trailing = value % BigInteger.Pow(10, Math.Min(digits, _endDigits));
        return new FactorialResult(
            parameters.N,
            digits,
            leading.ToString(),
            trailing.ToString().PadLeft(Math.Min(digits, _endDigits), '0'))
        {
            Value = value,
        };
    }

    protected override double EstimateItemNanoseconds(FactorialParameters parameters) =>
        parameters.BlockSize * (20.0 + (Math.Log2(Math.Max(2, parameters.N)) * parameters.BlockSize / 200.0));

    protected override void Validate(FactorialParameters parameters)
    {
        if (parameters.N is < 0 or > 1_000_000)
        {
            throw Invalid("n", "n must be ≥ 0 and ≤ 1000000");
        }

        if (parameters.BlockSize is < 1 or > 1_000_000)
        {
            throw Invalid("blockSize", "blockSize must be ≥ 1 and ≤ 1000000");
        }
    }
}
