namespace GrainCompute.Client;

/// <summary>The result of <c>isprime</c>.</summary>
/// <param name="Factor">A factor of n (the smallest when every interval ran); null when n is prime.</param>
public sealed record IsPrimeResult(long N, bool IsPrime, long? Factor);
