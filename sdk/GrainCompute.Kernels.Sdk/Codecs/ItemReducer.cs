using System.Numerics;
using System.Runtime.CompilerServices;

namespace GrainCompute.Kernels;

/// <summary>
/// The generic reductions over decoded items. Sums widen (int items sum to a long) so a million small
/// items cannot overflow; a long sum that still overflows throws rather than wrapping silently.
/// </summary>
internal static class ItemReducer<T>
{
    public static object? Reduce(ReductionKind kind, IReadOnlyList<byte[]> chunks, Func<T, bool> isTrue) => kind switch
    {
        ReductionKind.None => null,
        ReductionKind.Sum => Sum(chunks),
        ReductionKind.Count => Count(chunks, isTrue),
        ReductionKind.Max => Max(chunks),
        ReductionKind.All => !Exists(chunks, isTrue, false),
        ReductionKind.Any => Exists(chunks, isTrue, true),
        ReductionKind.Concat => Concat(chunks),
        _ => throw new NotSupportedException($"reduction {kind} needs a kernel-specific override"),
    };

    public static bool DefaultTruth(T item) =>
        typeof(T) == typeof(bool) ? Unsafe.As<T, bool>(ref item) : !EqualityComparer<T>.Default.Equals(item, default);

    private static object Sum(IReadOnlyList<byte[]> chunks)
    {
        if (typeof(T) == typeof(double))
        {
            var total = 0.0;
            foreach (var chunk in chunks)
            {
                foreach (var item in ItemCodec<double>.Decode(chunk))
                {
                    total += item;
                }
            }

            return total;
        }

        if (typeof(T) == typeof(BigInteger))
        {
            var total = BigInteger.Zero;
            foreach (var chunk in chunks)
            {
                foreach (var item in ItemCodec<BigInteger>.Decode(chunk))
                {
                    total += item;
                }
            }

            return total;
        }

        if (typeof(T) == typeof(ulong))
        {
            ulong total = 0;
            foreach (var chunk in chunks)
            {
                foreach (var item in ItemCodec<ulong>.Decode(chunk))
                {
                    total = checked(total + item);
                }
            }

            return total;
        }

        long sum = 0;
        foreach (var chunk in chunks)
        {
            foreach (var item in ItemCodec<T>.Decode(chunk))
            {
                sum = checked(sum + AsLong(item));
            }
        }

        return sum;
    }

    private static long Count(IReadOnlyList<byte[]> chunks, Func<T, bool> isTrue)
    {
        long count = 0;
        foreach (var chunk in chunks)
        {
            foreach (var item in ItemCodec<T>.Decode(chunk))
            {
                if (isTrue(item))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static object? Max(IReadOnlyList<byte[]> chunks)
    {
        var comparer = Comparer<T>.Default;
        var found = false;
        T max = default!;
        foreach (var chunk in chunks)
        {
            foreach (var item in ItemCodec<T>.Decode(chunk))
            {
                if (!found || comparer.Compare(item, max) > 0)
                {
                    max = item;
                    found = true;
                }
            }
        }

        return found ? max : null;
    }

    private static bool Exists(IReadOnlyList<byte[]> chunks, Func<T, bool> isTrue, bool wanted)
    {
        foreach (var chunk in chunks)
        {
            foreach (var item in ItemCodec<T>.Decode(chunk))
            {
                if (isTrue(item) == wanted)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static object Concat(IReadOnlyList<byte[]> chunks)
    {
        if (typeof(T) == typeof(byte[]))
        {
            // Byte items (image lines) concatenate into one buffer: the image's pixels in line order.
            var lines = new List<byte[]>();
            long length = 0;
            foreach (var chunk in chunks)
            {
                foreach (var line in ItemCodec<byte[]>.Decode(chunk))
                {
                    lines.Add(line);
                    length += line.Length;
                }
            }

            var pixels = new byte[checked((int)length)];
            var offset = 0;
            foreach (var line in lines)
            {
                line.CopyTo(pixels, offset);
                offset += line.Length;
            }

            return pixels;
        }

        var all = new List<T>();
        foreach (var chunk in chunks)
        {
            all.AddRange(ItemCodec<T>.Decode(chunk));
        }

        return all.ToArray();
    }

    private static long AsLong(T item)
    {
        if (typeof(T) == typeof(int))
        {
            return Unsafe.As<T, int>(ref item);
        }

        if (typeof(T) == typeof(long))
        {
            return Unsafe.As<T, long>(ref item);
        }

        if (typeof(T) == typeof(uint))
        {
            return Unsafe.As<T, uint>(ref item);
        }

        if (typeof(T) == typeof(short))
        {
            return Unsafe.As<T, short>(ref item);
        }

        if (typeof(T) == typeof(byte))
        {
            return Unsafe.As<T, byte>(ref item);
        }

        if (typeof(T) == typeof(bool))
        {
            return Unsafe.As<T, bool>(ref item) ? 1 : 0;
        }

        throw new NotSupportedException($"cannot sum items of type {typeof(T).Name}");
    }
}
