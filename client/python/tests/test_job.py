"""The job handle: items streamed in input or completion order, resumed from an offset, progress, images."""
import io
import struct

import numpy
import pytest

from graincompute import GrainComputeJobNotFound, ResultItem


def test_results_in_input_order_are_the_seeds_random_squares(executor):
    job = executor.job("square", n=1000, chunk_size=100)
    squares = list(job.results())
    assert squares[:5] == [25, 25, 64, 64, 49]
    assert len(squares) == 1000 and job.result(30) == sum(squares)


def test_results_in_completion_order_bring_every_item_once(executor):
    job = executor.job("square", n=1000, chunk_size=50)
    items = list(job.items(order="completion"))
    assert all(isinstance(i, ResultItem) for i in items)
    assert sorted(i.index for i in items) == list(range(1000))
    seqs = [i.seq for i in items]
    assert seqs == sorted(seqs)


def test_a_stream_resumes_at_an_offset_without_gap_or_duplicate(executor):
    job = executor.job("square-number", n=300, chunk_size=7)
    first = []
    for value in job.results():
        first.append(value)
        if len(first) == 120:
            break  # the connection is dropped here
    rest = list(job.results(offset=len(first)))
    assert first + rest == [i * i for i in range(1, 301)]


def test_progress_draws_a_tqdm_bar_on_stderr(executor, capsys):
    job = executor.job("square-number", n=50)
    assert list(job.results(progress=True)) == [i * i for i in range(1, 51)]
    assert "50/50" in capsys.readouterr().err


def test_the_julia_image_as_png_pgm_lines_and_array(executor):
    job = executor.job("julia", width=64, height=48)
    lines = list(job.image_lines())
    assert len(lines) == 48 and all(len(line) == 64 for line in lines)
    pgm = job.image("pgm")
    assert pgm.startswith(b"P5 64 48 255\n") or pgm.startswith(b"P5\n64 48\n255\n")
    assert pgm.endswith(b"".join(lines))
    png = job.image("png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (64, 48)
    array = job.image_array()
    assert array.shape == (48, 64) and array.dtype == numpy.uint8
    assert bytes(array[10]) == lines[10]


def test_attach_finds_a_job_by_id_and_an_unknown_id_is_not_found(executor):
    job = executor.job("collatz", n=1000)
    again = executor.attach(job.id)
    assert again.result(30) == 178
    with pytest.raises(GrainComputeJobNotFound):
        executor.attach("no-such-job-here")


def test_cancel_stops_a_running_job_and_its_future(executor):
    job = executor.job("slowadd", 1, 2, delay=30)
    assert job.cancel()
    assert job.future.cancelled() and job.status()["state"] == "cancelled"
