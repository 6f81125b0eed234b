"""A job's final status, made into its future's end: a result, an exception, or cancelled."""
import json
from concurrent.futures import InvalidStateError

from .errors import GrainComputeTaskFailed

PAGE = 100_000  # items per page when a result is read as its items (the server's largest page)


def result_of(transport, status):
    """The job's result as a Python value: the reduction's value, or for kernels without one (sumprimes,
    square-number, correlate) the list of its items in input order."""
    job = status["id"]
    if status.get("resultTooLargeForStatus"):
        return transport.get(f"/api/jobs/{job}/result")
    # Kernels without a reduction report "null": their result is their items.
    if status.get("resultJson") not in (None, "null"):
        return json.loads(status["resultJson"])
    values, offset = [], 0
    while True:
        page = transport.get(f"/api/jobs/{job}/results?order=input&offset={offset}&limit={PAGE}")
        for item in page["items"]:
            if item.get("error") is not None:
                raise GrainComputeTaskFailed(job, f"item {item['index']}: {item['error']}")
            values.append(None if item.get("valueJson") is None else json.loads(item["valueJson"]))
        offset = page["nextOffset"]
        if page["complete"] or not page["items"]:
            return values


def finish(future, transport, status):
    """Ends `future` with its job's final `status`; a future already ended (cancelled here) is left alone."""
    state = status["state"]
    try:
        if state == "completed":
            try:
                future.set_result(result_of(transport, status))
            except Exception as e:  # reading the result failed: the future says why instead of never ending
                future.set_exception(e)
        elif state == "failed":
            future.set_exception(GrainComputeTaskFailed(status["id"], status.get("error")))
        elif state == "cancelled":
            future._cancelled_remotely()
    except InvalidStateError:
        pass
