namespace GrainCompute.Client;

/// <summary>
/// A kernel argument of the typed API: a value, or a future of one, whose result the server puts in its place
/// before the job starts (a dependency). Both convert implicitly: <c>SlowAddAsync(x, 1)</c> with x a future.
/// </summary>
public readonly struct FutureOr<T> : IEquatable<FutureOr<T>>
{
    public FutureOr(T value) => Value = value;

    public FutureOr(ComputeFuture<T> future) => Future = future ?? throw new ArgumentNullException(nameof(future));

    /// <summary>The value, when this is not a future.</summary>
    public T? Value { get; }

    /// <summary>The future whose result is the value, or null.</summary>
    public ComputeFuture<T>? Future { get; }

    public static implicit operator FutureOr<T>(T value) => new(value);

    public static implicit operator FutureOr<T>(ComputeFuture<T> future) => new(future);

    public static bool operator ==(FutureOr<T> left, FutureOr<T> right) => left.Equals(right);

    public static bool operator !=(FutureOr<T> left, FutureOr<T> right) => !left.Equals(right);

    public bool Equals(FutureOr<T> other) => ReferenceEquals(Future, other.Future) && EqualityComparer<T?>.Default.Equals(Value, other.Value);

    public override bool Equals(object? obj) => obj is FutureOr<T> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Future, Value);

    public override string ToString() => Future is { } future ? $"future {future.Id}" : $"{Value}";
}
