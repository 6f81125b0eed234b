"""The submit path: one background thread that sends queued submits as POST /api/jobs/batch.

submit() only queues; while one batch request is on the way the next submits pile up and go together in the
next one (up to 10,000, the server's limit), so [executor.submit(...) for x in xs] costs a few requests, not one
each. A job that depends on another job of the same batch starts the next batch instead: the server wants a
dependency to exist when its dependent is submitted (it orders the jobs of one batch that way too; this client was
written before it did). A bad entry makes the server refuse its whole batch naming it ("jobs[12].n"): that future gets the error and
the rest of the batch is sent again without it.
"""
import queue
import re
import threading

from .errors import GrainComputeError, GrainComputeParameterError, refused_by_index

MAX_JOBS = 10_000
_ENTRY = re.compile(r"^jobs\[(\d+)\]\.?(.*)$")


class SubmitBatcher:
    def __init__(self, transport, on_submitted, max_jobs=MAX_JOBS):
        self._transport = transport
        self._on_submitted = on_submitted  # called with the futures the cluster accepted, in order
        self._max_jobs = max_jobs
        self._queue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="graincompute-submit", daemon=True)
        self._thread.start()

    def put(self, future, request, depends_on=()):
        self._queue.put((future, request, frozenset(depends_on)))

    def close(self):
        """Sends what is queued, then ends the thread."""
        self._queue.put(None)
        self._thread.join()

    def pending(self):
        return self._queue.qsize()

    def _run(self):
        carried = None  # the entry that starts the next batch (it depends on a job of the last one)
        while True:
            entry = carried or self._queue.get()
            carried = None
            if entry is None:
                return
            batch, ids = [entry], {entry[1]["id"]}
            closing = False
            while len(batch) < self._max_jobs:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    closing = True
                    break
                if more[2] & ids:
                    carried = more
                    break
                batch.append(more)
                ids.add(more[1]["id"])
            # A future cancelled while queued is dropped here, as a pool drops a cancelled work item.
            self._send([(f, r) for f, r, _ in batch if f.set_running_or_notify_cancel()])
            if closing:
                if carried is not None:
                    self._queue.put(None)
                    continue
                return

    def _send(self, batch):
        while batch:
            try:
                answer = self._transport.post("/api/jobs/batch", {"jobs": [r for _, r in batch]})
            except GrainComputeParameterError as refused:
                bad = refused_by_index(refused, len(batch), _ENTRY, "jobs")
                if not bad:
                    return _fail(batch, refused)
                for index, error in bad.items():
                    _set_exception(batch[index][0], error)
                batch = [e for i, e in enumerate(batch) if i not in bad]
                continue
            except (GrainComputeError, OSError, ValueError) as e:
                return _fail(batch, e)
            except BaseException as e:  # the thread must not die with futures left running forever
                _fail(batch, e)
                raise
            self._on_submitted([f for f, _ in batch], answer["jobs"])
            return


def _fail(batch, error):
    for future, _ in batch:
        _set_exception(future, error)


def _set_exception(future, error):
    if not future.done():
        try:
            future.set_exception(error)
        except Exception:
            pass
