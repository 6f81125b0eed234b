"""Future groups: many small calls of one kernel as the items of one job, a Future per call.

Design: up to 10,000 calls go as one job of the kernel "group:{kernel}" (POST /api/jobs {"members": [params of each
call]}, "chunkSize": calls per chunk), whose item i is call i's outcome: {"result": …}, {"items": […]} or
{"error": …, "errorType": …}. So 10,000 calls cost one job, a few dozen chunks and one results stream instead of
10,000 jobs. One reader thread per group follows the job's items in completion order (Job.items: pages, the stream
when nothing new is finished, resumed at the count read) and ends call i's future when item i arrives; a chunk that
failed or was cancelled whole brings its calls' items with the chunk's error instead ("Cancelled").

The server refuses a whole group for one bad call, naming it ("members[3].n"): that call's future gets the error
and the group is sent again without it, as the submit batcher does with "jobs[i]". The job id is chosen here, so a
submit the transport retried finds the job the first attempt made.
"""
import re
import threading
from concurrent.futures import Future, InvalidStateError

from .errors import GrainComputeError, GrainComputeParameterError, GrainComputeTaskFailed, refused_by_index
from .future import end_cancelled
from .job import Job

MAX_CALLS = 10_000  # calls per group job, as the .NET client sends them (the server takes up to 100,000)
_MEMBER = re.compile(r"^members\[(\d+)\]\.?(.*)$")


class GroupedFuture(Future):
    """A call of a future group: a real concurrent.futures.Future, running once its group was submitted.

    A call cannot be cancelled alone (it is an item of its group's job, not a job), so cancel() returns False once
    it runs, as a pool's running future does; executor.attach(future.job_id).cancel() cancels its whole group, and
    its calls not finished end cancelled. `job_id` is the group's job, `call` the call's item index in it.
    """

    def __init__(self, kernel):
        super().__init__()
        self.kernel = kernel
        self.job_id = None
        self.call = None

    def __repr__(self):
        where = "not submitted" if self.job_id is None else f"{self.job_id}#{self.call}"
        return f"<GroupedFuture {where} ({self.kernel}) {self._state.lower()}>"


def submit_group(transport, kernel, job_id, members, futures, chunk_size, options):
    """Submits these calls (each one's parameters, as JSON) as the group job `job_id`; returns its started reader
    thread, or None when no call was accepted.

    Ends each refused call's future with its error; raises nothing: an error that refuses every call (the cluster
    unreachable) is every future's exception.
    """
    live = list(range(len(members)))
    request = {"kernel": "group:" + kernel, "id": job_id}
    if chunk_size is not None:
        request["chunkSize"] = chunk_size
    if options:
        request["options"] = options
    while live:
        request["parameters"] = {"members": [members[i] for i in live]}
        try:
            transport.post("/api/jobs", request)
            break
        except GrainComputeParameterError as refused:
            bad = refused_by_index(refused, len(live), _MEMBER, "parameters")
            if not bad:
                return _fail([futures[i] for i in live], refused)
            for index, error in bad.items():
                futures[live[index]].set_exception(error)
            live = [call for index, call in enumerate(live) if index not in bad]
        except (GrainComputeError, OSError, ValueError) as e:
            return _fail([futures[i] for i in live], e)
    if not live:
        return None
    calls = [futures[i] for i in live]
    for index, future in enumerate(calls):
        future.job_id, future.call = job_id, index
        future.set_running_or_notify_cancel()
    reader = _Reader(Job(transport, job_id, request["kernel"], None), calls)
    reader.start()
    return reader


class _Reader(threading.Thread):
    def __init__(self, job, calls):
        super().__init__(name=f"graincompute-group-{job.id}", daemon=True)
        self._job = job
        self._calls = calls  # item index → its call's future

    def run(self):
        try:
            for item in self._job.items(order="completion"):
                _end(self._calls[item.index], item, self._job.id)
            # The stream ends with the job; a call it did not bring ended as its group did.
            left = [f for f in self._calls if not f.done()]
            if left:
                status = self._job.status()
                for future in left:
                    if status.get("state") == "cancelled":
                        end_cancelled(future)
                    else:
                        _set_exception(future, GrainComputeTaskFailed(f"{self._job.id}#{future.call}", status.get("error") or "its result never arrived"))
        except BaseException as e:  # unreachable past the stream's retries, the job forgotten: no call may wait forever
            for future in self._calls:
                _set_exception(future, e)
            if not isinstance(e, Exception):
                raise


def _end(future, item, job_id):
    """Ends a call's future with its item: the kernel's result or items, the call's error, or its chunk's."""
    call = f"{job_id}#{future.call}"
    outcome = item.value
    if item.error is not None:
        if item.error.lower().startswith("cancel"):
            end_cancelled(future)
        else:
            _set_exception(future, GrainComputeTaskFailed(call, f"call {future.call} failed: {item.error}"))
    elif not isinstance(outcome, dict):
        _set_exception(future, GrainComputeTaskFailed(call, f"call {future.call} failed: its outcome is not a JSON object but {outcome!r}"))
    elif "error" in outcome:
        _set_exception(future, GrainComputeTaskFailed(call, f"call {future.call} failed: {outcome.get('errorType') or 'Exception'}: {outcome['error']}"))
    elif "items" in outcome:
        _set_result(future, outcome["items"])  # a kernel without a reduction: its items, as submit() gives them
    else:
        _set_result(future, outcome.get("result"))


def _fail(futures, error):
    for future in futures:
        _set_exception(future, error)


def _set_result(future, value):
    try:
        future.set_result(value)
    except InvalidStateError:
        pass


def _set_exception(future, error):
    try:
        future.set_exception(error)
    except InvalidStateError:
        pass
