"""Calls (POST /api/calls) from Python: executor.call() and submit_call() against a real silo process — one kernel
call answered in the reply, with no job behind it."""
import time
from concurrent.futures import Future, as_completed

import pytest

from graincompute import GrainComputeApiError, GrainComputeExecutor, GrainComputeParameterError, GrainComputeTaskFailed
from conftest import API_KEY
import silos


def _job_ids(silo):
    return {status["id"] for status in silos.get_json(silo.url + "/api/jobs?limit=100")}  # the newest first


def test_a_call_returns_the_kernels_result(executor):
    assert executor.call("slowadd", 1, 2, delay=0) == 3
    assert executor.call("countprimes", n=100_000) == 9592

    def slowadd(a, b, delay=1):
        raise AssertionError("runs on the cluster, not here")

    assert executor.call(slowadd, a=20, b=22, delay=0, timeout=30) == 42


def test_a_call_of_a_kernel_without_a_reduction_returns_its_items(executor):
    assert executor.call("square-number", n=5) == [1, 4, 9, 16, 25]


def test_a_call_that_runs_past_its_timeout_raises_the_remote_timeout(executor):
    started = time.monotonic()
    with pytest.raises(GrainComputeTaskFailed) as failed:
        executor.call("slowadd", 1, 2, delay=30, timeout=0.5)
    assert time.monotonic() - started < 15
    error = failed.value
    assert error.remote_type == "TimeoutException" and "0.5 s" in error.remote_message
    assert error.job_id is None and str(error).startswith("call of slowadd failed: TimeoutException: ")


def test_a_bad_value_raises_naming_the_field(executor):
    with pytest.raises(GrainComputeParameterError) as refused:
        executor.call("slowadd", a="one", b=2)
    assert refused.value.field == "a" and refused.value.status == 400 and isinstance(refused.value, ValueError)
    with pytest.raises(GrainComputeParameterError) as too_large:
        executor.call("slowadd", 1, 2, delay=1, count=2)  # two 1 s items: more than one chunk of slowadd (one)
    assert too_large.value.field == "parameters"


def test_an_unknown_kernel_or_parameter_is_refused_naming_it(executor):
    with pytest.raises(GrainComputeParameterError) as refused:
        executor.call("slowadd_", 1, 2)
    assert refused.value.field == "kernel" and "did you mean 'slowadd'" in str(refused.value)
    with pytest.raises(GrainComputeParameterError) as unknown:
        executor.submit_call("slowadd", 1, 2, dealy=0)
    assert unknown.value.field == "dealy"


def test_a_future_is_no_argument_of_a_call(executor):
    job = executor.submit("slowinc", 1, delay=0)
    with pytest.raises(GrainComputeParameterError) as refused:
        executor.call("slowinc", job, delay=0)
    assert refused.value.field == "parameters"
    assert executor.call("slowinc", job.result(30), delay=0) == 3


def test_submit_call_gives_a_future_that_ends_with_the_call(executor):
    future = executor.submit_call("slowadd", 1, 2, delay=0.2)
    assert isinstance(future, Future) and future.result(30) == 3
    failed = executor.submit_call("slowadd", 1, 2, delay=30, timeout=0.5).exception(30)
    assert isinstance(failed, GrainComputeTaskFailed) and failed.remote_type == "TimeoutException"
    refused = executor.submit_call("slowadd", a="one", b=2).exception(30)
    assert isinstance(refused, GrainComputeParameterError) and refused.field == "a"
    assert executor.submit_call("square-number", 3).result(30) == [1, 4, 9]


def test_many_calls_at_once_through_the_executor(executor):
    futures = [executor.submit_call("slowinc", x, delay=0) for x in range(300)]
    assert [f.result(120) for f in futures] == [x + 1 for x in range(300)]
    slow = [executor.submit_call("slowadd", i, 0, delay=d) for i, d in enumerate([1.5, 0.1, 0.8])]
    assert [f.result() for f in as_completed(slow, timeout=60)] == [1, 2, 0]


def test_a_call_makes_no_job(silo, executor):
    executor.submit("slowinc", 0, delay=0).result(30)  # at least one job to compare against
    before = _job_ids(silo)
    assert executor.call("slowinc", 1, delay=0) == 2
    assert [f.result(60) for f in [executor.submit_call("slowinc", x, delay=0) for x in range(20)]] == list(range(1, 21))
    assert _job_ids(silo) <= before


def test_shutdown_waits_for_the_calls_and_refuses_new_ones(silo):
    executor = GrainComputeExecutor(silo.url, call_threads=2)
    futures = [executor.submit_call("slowadd", i, 1, delay=0.3) for i in range(4)]
    executor.shutdown(wait=True)
    assert all(f.done() for f in futures) and [f.result() for f in futures] == [1, 2, 3, 4]
    with pytest.raises(RuntimeError):
        executor.submit_call("slowinc", 1, delay=0)
    with pytest.raises(RuntimeError):
        executor.call("slowinc", 1, delay=0)


def test_429_for_too_many_calls_is_retried_until_the_silo_has_room(strict_silo):
    # Compute:MaxPendingCalls=1: while one call runs, another is refused with 429 naming the limit.
    with GrainComputeExecutor(strict_silo.url, api_key=API_KEY) as executor:
        running = executor.submit_call("slowadd", 1, 1, delay=2)
        refused = None
        with GrainComputeExecutor(strict_silo.url, api_key=API_KEY, retry_budget=0) as impatient:
            while refused is None and not running.done():
                try:
                    impatient.call("slowadd", 2, 2, delay=0)
                except GrainComputeApiError as e:
                    refused = e
        assert refused is not None and refused.status == 429 and "MaxPendingCalls" in str(refused), refused
        third = executor.submit_call("slowadd", 3, 3, delay=0)
        assert third.result(60) == 6 and running.result(60) == 2
