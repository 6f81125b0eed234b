"""What can go wrong, as exceptions that carry the fact a user needs: the field, the job, the gateways tried."""
import re


class GrainComputeError(Exception):
    """Base of every error this package raises."""


class GrainComputeApiError(GrainComputeError):
    """The cluster refused a request with RFC 9457 problem details (an unknown job, a missing API key, a limit)."""

    def __init__(self, status, title, detail=None, errors=None):
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = dict(errors or {})
        text = detail or title
        field = f", field '{self.field}'" if self.field else ""
        super().__init__(f"{text} (HTTP {status}{field})")

    @property
    def field(self):
        """The first field the server named ("kernel", "n"), or None."""
        return next(iter(self.errors), None)


class GrainComputeParameterError(GrainComputeApiError, ValueError):
    """A bad kernel name or parameter (HTTP 400); `field` names it as the kernel does ("n", "kernel")."""


class GrainComputeJobNotFound(GrainComputeApiError, LookupError):
    """No such job (HTTP 404): never submitted, or forgotten after its retention."""


class GrainComputeTaskFailed(GrainComputeError):
    """A job (or a call) failed on the cluster; `error` is the server's text ("chunk 3 (items 30..39) failed: …")."""

    # The job grain writes "…failed: {Type}: {message}"; a type name is one token ending in Exception.
    _REMOTE = re.compile(r"(?P<type>[A-Za-z_][\w.`]*Exception): (?P<message>.*)$", re.S)

    def __init__(self, job_id, error, *, message=None):
        self.job_id = job_id
        self.error = error or "no error reported"
        match = self._REMOTE.search(self.error)
        self.remote_type = match.group("type") if match else None
        self.remote_message = match.group("message") if match else self.error
        super().__init__(message or f"job '{job_id}' failed: {self.error}")

    @classmethod
    def of_call(cls, kernel, remote_type, remote_message):
        """A call (executor.call) whose kernel failed or ran past its timeout: it has no job, so `job_id` is None;
        `error` is "{remote_type}: {remote_message}" as a job's is."""
        error = f"{remote_type}: {remote_message}" if remote_type else remote_message
        failed = cls(None, error, message=f"call of {kernel} failed: {error}")
        failed.remote_type, failed.remote_message = remote_type, remote_message
        return failed


class GrainComputeUnreachable(GrainComputeError, ConnectionError):
    """No gateway answered; the message lists each one tried and why."""


def from_problem(status, problem):
    """The exception for an error answer: problem details when the body is one, else its status alone."""
    problem = problem if isinstance(problem, dict) else {}
    errors = {k: (v[0] if isinstance(v, list) and v else str(v)) for k, v in (problem.get("errors") or {}).items()}
    title = problem.get("title") or f"HTTP {status}"
    detail = problem.get("detail")
    kind = GrainComputeParameterError if status == 400 else GrainComputeJobNotFound if status == 404 else GrainComputeApiError
    return kind(status, title, detail, errors)


def refused_by_index(refused, count, pattern, whole):
    """Index → the error naming that entry's own field ("n"), from a refusal whose errors name entries by index
    ("jobs[3].n", "members[3].n"): `pattern` matches the index (group 1) and the field (group 2); `whole` stands for
    the field when an error names the entry itself."""
    bad = {}
    for key, message in refused.errors.items():
        match = pattern.match(key)
        if match and int(match.group(1)) < count:
            field = match.group(2) or whole
            bad[int(match.group(1))] = GrainComputeParameterError(400, refused.title, message, {field: message})
    return bad
