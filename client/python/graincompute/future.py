"""A concurrent.futures.Future that is a job on the cluster."""
from concurrent.futures import Future
from concurrent.futures._base import CANCELLED_AND_NOTIFIED, RUNNING

from .errors import GrainComputeJobNotFound


class GrainComputeFuture(Future):
    """A real `concurrent.futures.Future` (as_completed, wait, callbacks all work) for one job, `job_id`.

    It is pending while queued in the executor, running once submitted, and finished when the job ended: its result
    is the job's result, a failed job's error is its exception (GrainComputeTaskFailed). Unlike a process pool's,
    `cancel()` also stops a running future: it cancels the job on the cluster.
    """

    def __init__(self, job_id, kernel, transport):
        super().__init__()
        self.job_id = job_id
        self.kernel = kernel
        self._transport = transport

    def __repr__(self):
        return f"<GrainComputeFuture {self.job_id} ({self.kernel}) {self._state.lower()}>"

    def cancel(self):
        if super().cancel():
            return True
        with self._condition:
            if self._state != RUNNING:
                return False
        try:
            status = self._transport.post(f"/api/jobs/{self.job_id}/cancel")
        except GrainComputeJobNotFound:
            return False  # its batch is still on the way: too late to take it back, too early to cancel it
        return self._cancelled_remotely() if status.get("state") == "cancelled" else False

    def _cancelled_remotely(self):
        """Ends a running future as cancelled (the job was cancelled on the cluster), as Future.cancel does a pending one."""
        return end_cancelled(self)


def end_cancelled(future):
    """Ends a running `future` as cancelled: Future.cancel() refuses a running one, but its job was cancelled on the
    cluster, so waiters must see CancelledError rather than wait forever. True when it is (now) cancelled."""
    with future._condition:
        if future._state != RUNNING:
            return future._state in ("CANCELLED", CANCELLED_AND_NOTIFIED)
        future._state = CANCELLED_AND_NOTIFIED
        for waiter in future._waiters:
            waiter.add_cancelled(future)
        future._condition.notify_all()
    future._invoke_callbacks()
    return True
