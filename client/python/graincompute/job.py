"""A handle on one big job (many items): its status, its items streamed in input or completion order, its image.

The items come in pages of up to 100,000 (GET /api/jobs/{id}/results?offset=N) while there are finished ones to
read, and when there are none yet from the NDJSON stream (GET …/results/stream?offset=N), which waits for the next
chunk; both continue exactly at the offset delivered so far, so a dropped connection (a gateway restarting) is
resumed on any gateway with no gap and no duplicate. Pages, because the stream writes one item at a time and reads
a million finished items 20 times slower (31 s against 1.6 s measured).
"""
import base64
import http.client
import json
import time
from collections import namedtuple

from .errors import GrainComputeTaskFailed, GrainComputeUnreachable

ResultItem = namedtuple("ResultItem", "index seq value error")
ResultItem.__doc__ = "One item: its input position, the completion sequence of its chunk, its value or why it has none."

_MAX_BREAKS = 5
PAGE = 100_000  # the server's largest page
_QUIET = 60.0  # a stream with no new item for this long is reopened


class Job:
    """One job on the cluster. `future` ends with the job (its result, or GrainComputeTaskFailed)."""

    def __init__(self, transport, job_id, kernel, future):
        self._transport = transport
        self.id = job_id
        self.kernel = kernel
        self.future = future

    def __repr__(self):
        return f"<Job {self.id} ({self.kernel})>"

    def status(self):
        """The job's status now (GET /api/jobs/{id}): state, items, itemsDone, chunks, …"""
        return self._transport.get(f"/api/jobs/{self.id}")

    def result(self, timeout=None):
        """The job's reduced result (or its items, for kernels without a reduction), like Future.result."""
        return self.future.result(timeout)

    def done(self):
        return self.future.done()

    def cancel(self):
        """Cancels the job on the cluster; True when it ended cancelled."""
        status = self._transport.post(f"/api/jobs/{self.id}/cancel")
        if status.get("state") != "cancelled":
            return False
        return self.future._cancelled_remotely()

    def results(self, order="input", offset=0, progress=False):
        """Each item's value as soon as it is available; an item that failed raises GrainComputeTaskFailed.

        order: "input" (like map) or "completion" (like as_completed); offset: items to skip (resume from there);
        progress: a tqdm bar on stderr when tqdm is installed.
        """
        for item in self.items(order, offset, progress):
            if item.error is not None:
                raise GrainComputeTaskFailed(self.id, f"item {item.index}: {item.error}")
            yield item.value

    def items(self, order="input", offset=0, progress=False):
        """Each item as a ResultItem(index, seq, value, error), streamed and resumed as the module says."""
        if order not in ("input", "completion"):
            raise ValueError(f"order must be 'input' or 'completion', not '{order}'")
        bar = _bar(self, offset) if progress else None
        try:
            for item in self._stream(order, offset):
                if bar is not None:
                    bar.update(1)
                yield item
        finally:
            if bar is not None:
                bar.close()

    def image_lines(self):
        """An image job's lines (julia: one item a line), each as bytes of gray levels, in order."""
        for value in self.results("input"):
            yield base64.b64decode(value)

    def image(self, format="png"):
        """The finished image as a file's bytes: "png" or "pgm" (waits for the job first)."""
        self.future.result()
        return self._transport.raw(f"/api/jobs/{self.id}/image?format={format}")

    def image_array(self):
        """The finished image as a numpy uint8 array of shape (height, width); needs numpy."""
        import numpy

        pgm = self.image("pgm")
        magic, width, height, _, pixels = pgm.split(maxsplit=4)
        if magic != b"P5":
            raise ValueError(f"job '{self.id}' image is not a binary PGM")
        return numpy.frombuffer(pixels, dtype=numpy.uint8).reshape(int(height), int(width))

    def _stream(self, order, offset):
        delivered = offset
        breaks = 0
        while True:
            before = delivered
            try:
                page = self._transport.get(f"/api/jobs/{self.id}/results?order={order}&offset={delivered}&limit={PAGE}")
                for data in page["items"]:
                    delivered += 1
                    yield _item(data)
                if page["complete"]:
                    return
                if not page["items"]:
                    # Nothing new yet: the stream parks on the job until its next chunk ends and brings that item.
                    for item in self._read_stream(order, delivered):
                        delivered += 1
                        yield item
                        break
            except (GrainComputeUnreachable, OSError, http.client.HTTPException, ValueError) as e:
                breaks = 0 if delivered > before else breaks + 1
                if breaks >= _MAX_BREAKS:
                    raise GrainComputeUnreachable(
                        f"reading the results of job '{self.id}' failed {_MAX_BREAKS} times without progress at offset {delivered}: {e}") from e
                time.sleep(0.1 * 2 ** breaks)

    def _read_stream(self, order, offset):
        response, connection = self._transport.open("GET", f"/api/jobs/{self.id}/results/stream?order={order}&offset={offset}", accept="application/x-ndjson")
        try:
            connection.sock.settimeout(_QUIET)
            while True:
                try:
                    line = response.readline()
                except TimeoutError:
                    return  # a chunk can take that long: the caller reads a page and asks again
                if not line:
                    return
                if line.strip():
                    yield _item(json.loads(line))
        finally:
            connection.close()


def _item(data):
    """An item of a page ("valueJson", text) or of the stream ("value", JSON)."""
    value = json.loads(data["valueJson"]) if data.get("valueJson") is not None else data.get("value")
    return ResultItem(data["index"], data["seq"], value, data.get("error"))


def _bar(job, offset):
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=job.status().get("items") or None, initial=offset, desc=job.id, unit="item")
