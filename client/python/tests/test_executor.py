"""GrainComputeExecutor against a real silo process: the concurrent.futures contract with real values."""
import threading
import time
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, CancelledError, Future, as_completed, wait

import pytest

from graincompute import GrainComputeExecutor, GrainComputeFuture, GrainComputeTaskFailed


def test_submit_returns_a_real_future_whose_result_is_the_kernels(executor):
    future = executor.submit("countprimes", n=100_000)
    assert isinstance(future, Future) and isinstance(future, GrainComputeFuture)
    assert future.result(timeout=60) == 9592
    assert future.done() and not future.cancelled() and future.exception() is None


def test_positional_arguments_bind_in_the_kernels_parameter_order(executor):
    assert executor.submit("slowadd", 1, 2, delay=0).result(30) == 3
    assert executor.submit("slowsub", 10, 4, 0).result(30) == 6


def test_a_function_named_like_a_kernel_runs_that_kernel(executor):
    def slowadd(a, b, delay=1):
        raise AssertionError("runs on the cluster, not here")

    assert executor.submit(slowadd, 20, 22, delay=0).result(30) == 42


def test_kernels_without_a_reduction_give_their_items(executor):
    assert executor.submit("sumprimes", numbers=[100000, 200000, 300000]).result(60) == [454396537, 1709600813, 3709507114]
    assert executor.submit("square-number", n=5).result(30) == [1, 4, 9, 16, 25]


def test_as_completed_yields_every_future_once_fastest_first(executor):
    futures = [executor.submit("slowadd", i, 0, delay=d) for i, d in enumerate([1.5, 0.1, 0.8])]
    seen = [f.result() for f in as_completed(futures, timeout=60)]
    assert seen == [1, 2, 0]


def test_wait_first_completed_returns_before_the_slow_one(executor):
    slow = executor.submit("slowadd", 1, 1, delay=20)
    fast = executor.submit("slowadd", 2, 2, delay=0)
    done, not_done = wait([slow, fast], timeout=30, return_when=FIRST_COMPLETED)
    assert done == {fast} and not_done == {slow}
    assert slow.cancel() and slow.cancelled()


def test_wait_first_exception_returns_at_the_failed_one(silo):
    with GrainComputeExecutor(silo.url, options={"chunkTimeoutSeconds": 0.5}) as executor:
        slow = executor.submit("slowadd", 1, 1, delay=0.2)
        failing = executor.submit("slowadd", 1, 1, delay=30)
        done, _ = wait([slow, failing], timeout=60, return_when=FIRST_EXCEPTION)
        assert failing in done
        assert isinstance(failing.exception(), GrainComputeTaskFailed)
        assert failing.exception().job_id == failing.job_id


def test_wait_all_completed_on_many_small_futures(executor):
    futures = [executor.submit("slowinc", x, delay=0) for x in range(2000)]
    done, not_done = wait(futures, timeout=120, return_when=ALL_COMPLETED)
    assert len(done) == 2000 and not not_done
    assert [f.result() for f in futures] == [x + 1 for x in range(2000)]


def test_add_done_callback_runs_once_with_the_future(executor):
    called = []
    finished = threading.Event()
    future = executor.submit("slowadd", 5, 6, delay=0.1)
    future.add_done_callback(lambda f: (called.append(f.result()), finished.set()))
    assert finished.wait(30), "the callback did not run within 30 s"
    assert called == [11]


def test_result_with_a_timeout_raises_timeout_error_and_the_job_goes_on(executor):
    future = executor.submit("slowadd", 1, 2, delay=1.5)
    with pytest.raises(TimeoutError):
        future.result(timeout=0.1)
    assert future.result(timeout=30) == 3


def test_cancel_of_a_running_future_cancels_the_job(executor):
    future = executor.submit("slowadd", 1, 2, delay=30)
    deadline = time.monotonic() + 10
    while not future.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert future.cancel()
    with pytest.raises(CancelledError):
        future.result(5)
    assert executor.attach(future.job_id).status()["state"] == "cancelled"


def test_map_yields_in_input_order(executor):
    assert list(executor.map("slowadd", [1, 2, 3, 4], [10, 20, 30, 40], delay=0)) == [11, 22, 33, 44]
    assert list(executor.map("collatz", [10, 100, 1000], chunksize=2)) == [19, 118, 178]


def test_map_raises_a_failed_calls_error_when_its_result_is_reached(executor):
    results = executor.map("countprimes", [10, 1, 100])
    assert next(results) == 4
    with pytest.raises(Exception) as refused:
        next(results)
    assert getattr(refused.value, "field", None) == "n"


def test_futures_as_arguments_are_dependencies(executor):
    x = executor.submit("slowinc", 1, delay=0.2)
    y = executor.submit("slowinc", 2, delay=0.2)
    z = executor.submit("slowadd", a=x, b=y, delay=0)
    assert z.result(60) == 5


def test_shutdown_cancel_futures_cancels_what_is_queued(silo):
    executor = GrainComputeExecutor(silo.url)
    futures = [executor.submit("slowadd", i, 1, delay=0) for i in range(500)]
    executor.shutdown(wait=True, cancel_futures=True)
    assert all(f.done() for f in futures)
    # Which ones were still queued at shutdown depends on timing; every one that was sent must be right.
    assert all(f.result() == f_index + 1 for f_index, f in enumerate(futures) if not f.cancelled())
    with pytest.raises(RuntimeError, match="after shutdown"):
        executor.submit("noop", n=1)


def test_the_context_manager_waits_for_every_future(silo):
    with GrainComputeExecutor(silo.url) as executor:
        futures = [executor.submit("slowadd", i, i, delay=0.3) for i in range(10)]
    assert [f.result(0) for f in futures] == [2 * i for i in range(10)]
