"""Errors: problem details as exceptions naming the field, failed jobs, an unreachable cluster, 401, 429 retried."""
import time

import pytest

from graincompute import (GrainComputeApiError, GrainComputeExecutor, GrainComputeParameterError,
                          GrainComputeTaskFailed, GrainComputeUnreachable)
from conftest import API_KEY
import silos


def test_a_bad_value_is_the_futures_parameter_error_naming_the_field(executor):
    error = executor.submit("countprimes", n=1).exception(timeout=30)
    assert isinstance(error, GrainComputeParameterError) and isinstance(error, ValueError)
    assert error.field == "n" and error.status == 400
    assert "n must be ≥ 2" in str(error)


def test_a_bad_entry_fails_only_its_own_future(executor):
    futures = [executor.submit("countprimes", n=n) for n in (100, 1, 1000)]
    assert futures[0].result(30) == 25
    assert futures[1].exception(30).field == "n"
    assert futures[2].result(30) == 168


def test_an_unknown_kernel_is_refused_at_submit_naming_the_kernel(executor):
    with pytest.raises(GrainComputeParameterError) as refused:
        executor.submit("julai", width=10)
    assert refused.value.field == "kernel"
    assert "did you mean 'julia'" in str(refused.value)


def test_an_unknown_parameter_is_refused_at_submit_naming_it(executor):
    with pytest.raises(GrainComputeParameterError) as refused:
        executor.submit("countprimes", nn=5)
    assert refused.value.field == "nn"
    assert "did you mean 'n'" in str(refused.value)


def test_a_job_refused_by_the_server_raises_at_job(executor):
    with pytest.raises(GrainComputeParameterError) as refused:
        executor.job("julia", width=0, height=10)
    assert refused.value.field == "width"


def test_a_failed_chunk_is_the_futures_exception(silo):
    with GrainComputeExecutor(silo.url, options={"chunkTimeoutSeconds": 0.3}) as executor:
        future = executor.submit("slowadd", 1, 2, delay=20)
        error = future.exception(timeout=60)
    assert isinstance(error, GrainComputeTaskFailed)
    assert error.job_id == future.job_id and "chunk" in error.error
    with pytest.raises(GrainComputeTaskFailed):
        future.result()


def test_an_unreachable_cluster_is_a_connection_error_naming_the_gateway():
    url = f"http://127.0.0.1:{silos.free_port()}"
    with GrainComputeExecutor(url, connect_timeout=1) as executor:
        with pytest.raises(ConnectionError) as unreachable:
            executor.submit("noop", n=1)
    assert isinstance(unreachable.value, GrainComputeUnreachable)
    assert url in str(unreachable.value)


def test_a_missing_api_key_is_a_401_and_the_key_is_sent_as_x_api_key(strict_silo):
    with GrainComputeExecutor(strict_silo.url) as executor:
        with pytest.raises(GrainComputeApiError) as refused:
            executor.job("slowadd", 1, 2, delay=0)
    assert refused.value.status == 401 and "API key" in str(refused.value)
    with GrainComputeExecutor(strict_silo.url, api_key=API_KEY) as executor:
        assert executor.submit("slowadd", 1, 2, delay=0).result(30) == 3


def test_429_is_retried_after_retry_after_until_the_cluster_has_room(strict_silo):
    # One job runs and one waits (MaxConcurrentJobs=1, MaxQueuedJobs=1): the third job's submit is refused with 429.
    with GrainComputeExecutor(strict_silo.url, api_key=API_KEY) as executor:
        running = executor.job("slowadd", 1, 1, delay=1.5)
        queued = executor.job("slowadd", 2, 2, delay=0)
        with GrainComputeExecutor(strict_silo.url, api_key=API_KEY, retry_budget=0) as impatient:
            with pytest.raises(GrainComputeApiError) as limited:
                impatient.job("slowadd", 3, 3, delay=0)
        assert limited.value.status == 429 and "MaxQueuedJobs" in str(limited.value)
        started = time.monotonic()
        third = executor.job("slowadd", 3, 3, delay=0)
        waited = time.monotonic() - started
        assert third.result(30) == 6 and running.result(30) == 2 and queued.result(30) == 4
    assert waited >= 0.5, f"the third submit was accepted after {waited:.2f} s; it should have waited out the 429s"
