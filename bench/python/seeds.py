"""The seeds' functions, as the seed notebooks write them, shared by the peer_*.py scripts.

Changes from the notebooks, and why (nothing that makes a peer slower):
- print() calls inside the kernels are gone (they would time the terminal);
- julia_line takes the image size as arguments instead of module globals, so one pool serves two sizes;
- count_primes takes a range (the seed's batch `ii % m == i` is range(i, n + 1, m)) and returns its count,
  so a pool can map it; peer_multiprocessing.py keeps the seed's shared Value + Lock;
- collatz and montecarlo-pi work on blocks of numbers/samples: one task per number (10^6 futures) would
  measure nothing but each tool's per-task overhead, which the noop workload measures on its own.
"""
import time


# Seed 001 (random number squaring): numpy's legacy seed/randint, imported inside as the seed does.
def random_square(myseed):
    from numpy.random import seed, randint

    seed(myseed)
    random_num = randint(0, 10)
    return random_num**2


# Seed 001 (checking if a number is prime): is_primeP over sub-intervals from subint_limits.
def is_primeP(n, a, b):
    if (not isinstance(n, int)) or (n < 1):
        raise ValueError("Input should be a positive integer.\n")
    if (not isinstance(a, int)) or (a < 0) or (not isinstance(b, int)) or (b < 0) or (b < a):
        raise ValueError("Limits should positive integers, with b > a.\n")
    if n == 1:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    if a % 2 == 0:
        a = a - 1
    if b % 2 == 0:
        b = b + 1
    for x in range(a, b + 1, 2):
        if n % x == 0:
            return False
    return True


def is_primePT(tup):
    return is_primeP(tup[0], tup[1], tup[2])


def subint_limits(num, num_cores):
    from numpy import ceil, sqrt

    subint_range = int(ceil(sqrt(num) / num_cores))
    range_limits = []
    for i in range(3, subint_range * num_cores, subint_range):
        range_limits.append((num, i, int(i + subint_range)))
    return range_limits


# Seed 000 (mpi4py.futures Julia set, Lisandro Dalcin's example).
def julia(x, y):
    c = complex(0, 0.65)
    z = complex(x, y)
    n = 255
    while abs(z) < 3 and n > 1:
        z = z**2 + c
        n -= 1
    return n


def julia_line(k, w=1280, h=960):
    x0, x1 = -2.0, +2.0
    y0, y1 = -1.5, +1.5
    dx = (x1 - x0) / w
    dy = (y1 - y0) / h
    line = bytearray(w)
    y = y1 - k * dy
    for j in range(w):
        x = x0 + j * dx
        line[j] = julia(x, y)
    return line


# Seed 004 (futures: sum of all primes below n).
def is_prime(num):
    if num <= 1:
        return False
    elif num <= 3:
        return True
    elif num % 2 == 0 or num % 3 == 0:
        return False
    i = 5
    while i * i <= num:
        if num % i == 0 or num % (i + 2) == 0:
            return False
        i += 6
    return True


def find_sum(num):
    sum_of_primes = 0
    ix = 2
    while ix <= num:
        if is_prime(ix):
            sum_of_primes += ix
        ix += 1
    return sum_of_primes


# Seed 002 (shared memory: count the primes between 2 and n), the inner loop unchanged.
def count_primes(numbers_list):
    count = 0
    for number in numbers_list:
        isPrime = True
        for factor in range(2, int(number**0.5) + 1):
            if number % factor == 0:
                isPrime = False
                break
        if isPrime:
            count += 1
    return count


def prime_batches(n, m):
    """The seed's batches[ii % m] for ii in 2..n, as ranges (no 10^7-element lists in the parent)."""
    return [range(start, n + 1, m) for start in range(2, 2 + m)]


# Seed 002 exercise: Collatz steps to 1; the longest chain in a block of starting numbers.
def collatz_steps(x):
    steps = 0
    while x != 1:
        x = x // 2 if x % 2 == 0 else 3 * x + 1
        steps += 1
    return steps


def collatz_max(block):
    return max(collatz_steps(x) for x in block)


def blocks(first, last, count):
    """[first, last] split into `count` contiguous ranges."""
    total = last - first + 1
    size = -(-total // count)
    return [range(a, min(a + size, last + 1)) for a in range(first, last + 1, size)]


# Seed 002 monte_carlo_pi.py (its file is not in the seed): hits in the unit quarter circle, numpy-vectorised
# per block of samples, one seeded generator per block.
def pi_hits(block):
    import numpy as np

    k, samples = block
    rng = np.random.default_rng(42 + k)
    x = rng.random(samples)
    y = rng.random(samples)
    return int(np.count_nonzero(x * x + y * y <= 1.0))


def pi_blocks(samples, block_size=1_000_000):
    return [(k, min(block_size, samples - k * block_size)) for k in range(-(-samples // block_size))]


# Seed 003 (ad-hoc futures): slowadd with a short delay.
def slowadd(a, b, delay=1):
    time.sleep(delay)
    return a + b


def slowadd_args(item):
    a, b, delay = item
    return slowadd(a, b, delay)


def noop(x=None):
    return x
