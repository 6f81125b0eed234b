"""multiprocessing (seeds 001 and 002): Pool.map / Pool.starmap, and the seed's Process + shared Value for countprimes;
submit-all: Pool.apply_async for every x, then .get() on each."""
import multiprocessing as mp
import threading
import time

import peer_common
import seeds


def open_pool(workers, workload):
    return mp.Pool(processes=workers)


def run(pool, workload, size, workers):
    if workload == "isprime":
        return pool.starmap(seeds.is_primeP, seeds.subint_limits(size, workers))
    if workload == "countprimes":
        return [parallel_count_primes(size, workers)]
    function, items = peer_common.items(workload, size, workers)
    if workload == "noop-map":
        return pool.map(function, items, chunksize=1)
    return pool.map(function, items)


counter_lock = mp.Lock()


def count_primes_shared(shared_integer, numbers_list):
    # Seed 002's count_primes with the external lock, over the seed's batch (as a range).
    for number in numbers_list:
        isPrime = True
        for factor in range(2, int(number**0.5) + 1):
            if number % factor == 0:
                isPrime = False
                break
        if isPrime:
            with counter_lock:
                shared_integer.value += 1


def parallel_count_primes(n, m):
    shared_integer = mp.Value("i", 0)
    processes = []
    for batch in seeds.prime_batches(n, m):
        process = mp.Process(target=count_primes_shared, args=(shared_integer, batch))
        processes.append(process)
        process.start()
    for process in processes:
        process.join()
    return shared_integer.value


def noop(pool, seconds, inflight):
    latencies = []
    slots = threading.BoundedSemaphore(inflight)
    done = threading.Condition()
    state = {"pending": 0}

    def finished(started):
        def callback(_):
            latencies.append(time.perf_counter() - started)
            with done:
                state["pending"] -= 1
                done.notify_all()
            slots.release()

        return callback

    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        slots.acquire()
        with done:
            state["pending"] += 1
        pool.apply_async(seeds.noop, (None,), callback=finished(time.perf_counter()))
    with done:
        done.wait_for(lambda: state["pending"] == 0)
    return peer_common.latency_stats(latencies, time.perf_counter() - start)


def submit_all(pool, n):
    """Pool.apply_async for every x, .get() of each"""
    pending = [pool.apply_async(seeds.noop, (x,)) for x in range(n)]
    return [r.get() for r in pending]


def close_pool(pool):
    pool.close()
    pool.join()


if __name__ == "__main__":
    peer_common.main("multiprocessing", open_pool, run, close_pool, noop, submit_all)
