namespace GrainCompute.Client;

/// <summary>
/// The built-in kernels as typed calls (<see cref="ComputeClient.Kernels"/>): each one is
/// <see cref="ComputeClient.SubmitAsync{T}"/> with the kernel's name and camelCase parameters (docs/kernels.md),
/// returning a future of the kernel's result. An omitted (null) parameter takes the server's default. A
/// <see cref="FutureOr{T}"/> argument takes a value or a future of one (a dependency).
/// </summary>
public sealed class ComputeKernels
{
    private readonly ComputeClient _client;

    internal ComputeKernels(ComputeClient client) => _client = client;

    /// <summary><c>isprime</c>: trial division of n over <paramref name="intervals"/> sub-intervals of [2, √n] (default 256).</summary>
    public Task<ComputeFuture<IsPrimeResult>> IsPrimeAsync(FutureOr<long> n, int? intervals = null, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<IsPrimeResult>("isprime", new { n, intervals }, options, cancellationToken);

    /// <summary><c>countprimes</c>: π(n), the number of primes ≤ n.</summary>
    public Task<ComputeFuture<long>> CountPrimesAsync(FutureOr<long> n, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<long>("countprimes", new { n }, options, cancellationToken);

    /// <summary><c>sumprimes</c>: for each number, the sum of the primes ≤ it; the result lists them in input order.</summary>
    public Task<ComputeFuture<IReadOnlyList<long>>> SumPrimesAsync(IEnumerable<long> numbers, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<IReadOnlyList<long>>("sumprimes", new { numbers = numbers.ToArray() }, options, (future, token) => future.ItemsAsync<long>(token), cancellationToken);

    /// <summary><c>julia</c>: the Julia set z² + 0.65i as 8-bit gray pixels, <paramref name="height"/> lines of <paramref name="width"/> (default 1280 × 960).</summary>
    public Task<ComputeFuture<byte[]>> JuliaAsync(int? width = null, int? height = null, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<byte[]>("julia", new { width, height }, options, cancellationToken);

    /// <summary><c>montecarlo-pi</c>: 4 · hits / samples for <paramref name="samples"/> points in the unit square (default 10⁸, seed 42).</summary>
    public Task<ComputeFuture<double>> MonteCarloPiAsync(long? samples = null, long? seed = null, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<double>("montecarlo-pi", new { samples, seed }, options, cancellationToken);

    /// <summary><c>collatz</c>: the most Collatz steps to reach 1 of any of 1..n.</summary>
    public Task<ComputeFuture<int>> CollatzAsync(FutureOr<long> n, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<int>("collatz", new { n }, options, cancellationToken);

    /// <summary><c>square</c>: the sum of random_square(i) = (numpy seed(i); randint(0, 10))² for i in 0..n-1.</summary>
    public Task<ComputeFuture<long>> SquareAsync(FutureOr<long> n, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<long>("square", new { n }, options, cancellationToken);

    /// <summary><c>square-number</c>: the squares of 1..n, in order.</summary>
    public Task<ComputeFuture<IReadOnlyList<long>>> SquareNumbersAsync(long n, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<IReadOnlyList<long>>("square-number", new { n }, options, (future, token) => future.ItemsAsync<long>(token), cancellationToken);

    /// <summary><c>slowadd</c>: a + b after <paramref name="delay"/> seconds (default 1).</summary>
    public Task<ComputeFuture<long>> SlowAddAsync(FutureOr<long> a, FutureOr<long> b, double? delay = null, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<long>("slowadd", new { a, b, delay }, options, cancellationToken);

    /// <summary><c>slowsub</c>: a − b after <paramref name="delay"/> seconds (default 1).</summary>
    public Task<ComputeFuture<long>> SlowSubAsync(FutureOr<long> a, FutureOr<long> b, double? delay = null, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<long>("slowsub", new { a, b, delay }, options, cancellationToken);

    /// <summary><c>slowinc</c>: x + 1 after <paramref name="delay"/> seconds (default 1).</summary>
    public Task<ComputeFuture<long>> SlowIncAsync(FutureOr<long> x, double? delay = null, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.SubmitAsync<long>("slowinc", new { x, delay }, options, cancellationToken);
}
