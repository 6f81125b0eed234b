"""Future groups from Python: map(chunksize > 1) and submit_many() against a real silo process."""
import itertools
import time
from concurrent.futures import CancelledError, Future, as_completed

import pytest

import graincompute.executor
from graincompute import GrainComputeExecutor, GrainComputeParameterError, GrainComputeTaskFailed, GroupedFuture


def test_map_with_a_chunksize_gives_what_a_job_per_call_gives(executor):
    xs = range(1, 301)
    assert list(executor.map("collatz", xs, chunksize=16)) == list(executor.map("collatz", xs))
    assert list(executor.map("slowadd", xs, itertools.repeat(7), delay=0, chunksize=25)) == [x + 7 for x in xs]


def test_map_with_a_chunksize_yields_in_input_order_when_later_chunks_end_first(executor):
    # Chunks of two calls: the first chunk waits 1.5 s, the second ends at once.
    results = executor.map("slowadd", [1, 2, 3, 4], [10, 20, 30, 40], [1.5, 0, 0, 0], chunksize=2)
    assert list(results) == [11, 22, 33, 44]


def test_map_with_a_chunksize_raises_a_refused_calls_error_at_its_position(executor):
    results = executor.map("countprimes", [10, 1, 100], chunksize=2)
    assert next(results) == 4
    with pytest.raises(GrainComputeParameterError) as refused:
        next(results)
    assert refused.value.field == "n"


def test_map_with_a_chunksize_raises_a_failed_chunks_error_at_its_calls(silo):
    with GrainComputeExecutor(silo.url, options={"chunkTimeoutSeconds": 0.5, "retries": 0}) as executor:
        results = executor.map("slowadd", [1, 2, 3, 4], [1, 1, 1, 1], [0, 0, 30, 0], chunksize=2)
        assert [next(results), next(results)] == [2, 3]
        with pytest.raises(GrainComputeTaskFailed) as failed:
            next(results)
        assert "Timeout" in failed.value.error and failed.value.job_id.endswith("#2")


def test_map_with_a_chunksize_raises_timeout_error_and_cancels_its_group(executor, monkeypatch):
    groups = set()
    submit_many = executor.submit_many

    def seen(*args, **kwargs):
        futures = submit_many(*args, **kwargs)
        groups.update(f.job_id for f in futures)
        return futures

    monkeypatch.setattr(executor, "submit_many", seen)
    started = time.monotonic()
    results = executor.map("slowadd", [1, 2], [1, 1], delay=30, chunksize=2, timeout=0.5)
    with pytest.raises(TimeoutError):
        next(results)
    assert time.monotonic() - started < 10
    assert len(groups) == 1 and executor.attach(groups.pop()).status()["state"] == "cancelled"


def test_submit_many_gives_a_real_future_per_call(executor):
    futures = executor.submit_many("slowadd", [1, 2, 3, 4], [0, 0, 0, 0], [1.0, 1.0, 0, 0], chunksize=2)
    assert all(isinstance(f, Future) and isinstance(f, GroupedFuture) for f in futures)
    assert [f.result() for f in as_completed(futures, timeout=60)][:2] in ([3, 4], [4, 3])
    assert [f.result() for f in futures] == [1, 2, 3, 4]
    assert executor.submit_many("square-number", [2, 3])[1].result(30) == [1, 4, 9]


def test_a_grouped_call_cannot_be_cancelled_alone_but_its_group_can(executor):
    futures = executor.submit_many("slowadd", [1, 2], [1, 1], delay=30, chunksize=1)
    assert futures[0].running() and not futures[0].cancel()
    assert executor.attach(futures[0].job_id).cancel()
    for future in futures:
        with pytest.raises(CancelledError):
            future.result(30)


def test_submit_many_splits_its_calls_into_groups_of_max_calls(executor, monkeypatch):
    monkeypatch.setattr(graincompute.executor, "MAX_CALLS", 100)
    futures = executor.submit_many("slowinc", range(250), delay=0)
    assert [f.result(60) for f in futures] == [x + 1 for x in range(250)]
    assert len({f.job_id for f in futures}) == 3


def test_a_grouped_calls_future_is_no_argument_and_takes_none(executor):
    grouped = executor.submit_many("slowinc", [1], delay=0)[0]
    with pytest.raises(GrainComputeParameterError, match="future group"):
        executor.submit("slowinc", grouped, delay=0)
    job = executor.submit("slowinc", 1, delay=0)
    with pytest.raises(GrainComputeParameterError, match="job per call"):
        executor.submit_many("slowadd", [job], [1], delay=0)
    assert grouped.result(30) == 2 and job.result(30) == 2
