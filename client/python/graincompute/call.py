"""Calls: one kernel call answered in the reply (POST /api/calls), with no job behind it.

Nothing is stored and there is no id: the cluster runs the kernel once, its whole work in one chunk, and the reply is
the call's outcome, {"result": …}, {"items": […]} (a kernel whose result is its items) or {"error": …, "errorType": …}
(the kernel failed or ran past its timeout). A request the cluster refuses is problem details as for a job (400
naming the field, 429 retried by the transport). The caller owns the call: a silo lost under it runs it again on
another, and a request the transport sends again (a gateway that did not answer) may run it again, so a call runs at
least once — kernels are pure functions of their parameters, so that is safe.
"""
from .errors import GrainComputeTaskFailed


def run_call(transport, kernel, parameters, timeout=None):
    """Runs `kernel` once with `parameters` (a dict as JSON, or None for its defaults) and returns its result: the
    reduced result, or the items list. timeout: seconds the kernel may run (None: as long as it takes); the reply is
    awaited that much longer than the transport's request_timeout. Raises GrainComputeTaskFailed when it failed."""
    body = {"kernel": kernel}
    if parameters:
        body["parameters"] = parameters
    if timeout is not None:
        body["timeoutSeconds"] = timeout
    outcome = transport.post("/api/calls", body, hold=max(0.0, timeout or 0.0))
    return result_of_call(kernel, outcome)


def result_of_call(kernel, outcome):
    """The value of a call's outcome, or its error raised as GrainComputeTaskFailed (remote_type, remote_message)."""
    if not isinstance(outcome, dict):
        raise GrainComputeTaskFailed.of_call(kernel, None, f"its outcome is not a JSON object but {outcome!r}")
    if "error" in outcome:
        raise GrainComputeTaskFailed.of_call(kernel, outcome.get("errorType") or "Exception", outcome["error"] or "no error reported")
    if "items" in outcome:
        return outcome["items"]
    return outcome.get("result")
