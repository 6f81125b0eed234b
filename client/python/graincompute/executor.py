"""GrainComputeExecutor: concurrent.futures.Executor whose calls are jobs on a GrainCompute cluster.

Two background threads serve every future of an executor: the submit thread sends queued submits in batches
(POST /api/jobs/batch) and the completions follower reads their ends from a few multi-job streams
(POST /api/jobs/completions). A future's job id is chosen here, before it is sent, so a future can be another
call's argument at once (it is sent as {"$future": id}) and a retried submit finds the job the first one made.
submit_many() and map(chunksize > 1) send future groups instead (group.py): a job per 10,000 calls, not per call.
call() and submit_call() send one call with no job at all (POST /api/calls, call.py), answered in the reply;
submit_call() runs it on a thread of a small pool of the executor's own.
"""
import itertools
import threading
import time
import uuid
from concurrent.futures import Executor, Future, ThreadPoolExecutor

from .batcher import SubmitBatcher
from .call import run_call
from .catalog import KernelCatalog
from .errors import GrainComputeError, GrainComputeParameterError
from .follower import CompletionFollower
from .future import GrainComputeFuture
from .group import MAX_CALLS, GroupedFuture, submit_group
from .job import Job
from .outcome import finish
from .transport import Transport


class GrainComputeExecutor(Executor):
    """Runs kernels on a GrainCompute cluster with the concurrent.futures API.

    url: one gateway ("http://127.0.0.1:8080"), a comma-separated list or a list (failover).
    api_key: the cluster's API key (sent as X-Api-Key), if it has one.
    client_name: sent as X-GrainCompute-Client; the cluster queues clients' jobs fairly by it.
    retry_budget: seconds to keep retrying 429/503 answers (0: not at all).
    options: the API's job options for every job ({"retries": 2, "retentionSeconds": 600, …}).
    call_threads: threads that run submit_call()'s calls, each waiting on one call's reply (more calls wait their turn).
    """

    def __init__(self, url, api_key=None, client_name=None, connect_timeout=5.0, request_timeout=100.0, retry_budget=120.0, options=None,
                 call_threads=32):
        if call_threads < 1:
            raise ValueError("call_threads must be >= 1.")
        urls = [u.strip() for u in (url.split(",") if isinstance(url, str) else url) if u.strip()]
        self._transport = Transport(urls, api_key, client_name, connect_timeout, request_timeout, retry_budget)
        self._catalog = KernelCatalog(self._transport)
        self._options = options
        self._lock = threading.Lock()
        self._running = {}  # job id → future, from submitted until its end is seen; guarded by _lock
        self._readers = []  # the future groups' reader threads, for shutdown to wait on; guarded by _lock
        self._shutdown = False
        self._ids = itertools.count()
        self._prefix = f"py-{uuid.uuid4().hex[:12]}-"
        self._batcher = SubmitBatcher(self._transport, self._submitted)
        self._follower = CompletionFollower(self._transport, self._ended, self._lost)
        self._call_threads = call_threads
        self._calls = None  # the ThreadPoolExecutor of submit_call(), started by the first one; guarded by _lock

    @property
    def gateways(self):
        return self._transport.gateways

    def submit(self, fn, /, *args, **params):
        """Runs kernel `fn` (its name, or a function named like one) with these parameters; returns its future.

        Positional arguments bind to the kernel's parameters in order (GET /api/kernels), so
        submit("slowadd", 1, 2, delay=0.5) is slowadd(a=1, b=2, delay=0.5). A future among the arguments becomes
        a dependency: the cluster runs this job once that one is done, with its result in its place.
        Raises GrainComputeParameterError at once for an unknown kernel or parameter; a bad value (n=1) is the
        future's exception, naming the field, when the cluster refuses it.
        """
        kernel = _kernel_name(fn)
        parameters = self._catalog.bind(kernel, args, params)
        job_id = f"{self._prefix}{next(self._ids)}"
        request = self._request(kernel, parameters, job_id)  # a bad argument is refused before its future is one to wait for
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = GrainComputeFuture(job_id, kernel, self._transport)
            self._running[job_id] = future
        future.add_done_callback(self._forget)  # also a future cancelled before it was sent
        self._batcher.put(future, request, _dependencies(parameters.values()))
        return future

    def submit_many(self, fn, /, *iterables, chunksize=None, **params):
        """fn(*args, **params) for each tuple of the iterables, as future groups; returns a Future per call, in order.

        Each 10,000 calls are one job of "group:{fn}" whose item i is call i's outcome, ended by one reader thread
        per group, so many small calls cost a few jobs, not one each. chunksize: calls per chunk (None: the cluster
        picks, at most 256); a chunk's calls end together. A call must fit in one chunk of its kernel; it cannot be
        cancelled alone (cancel() returns False once its group runs), nor be another call's argument.
        """
        kernel = _kernel_name(fn)
        calls = [self._catalog.bind(kernel, args, params) for args in zip(*iterables)]
        for parameters in calls:
            if next(_dependencies(parameters.values()), None) is not None:
                raise GrainComputeParameterError(400, "Invalid request", "a future as an argument needs a job per call: use submit() or map(chunksize=1)",
                                                 {"parameters": "a future in a grouped call"})
        members = [{k: _wire(v) for k, v in parameters.items()} for parameters in calls]
        futures = [GroupedFuture(kernel) for _ in calls]
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            self._readers = [r for r in self._readers if r.is_alive()]
        for start in range(0, len(calls), MAX_CALLS):
            reader = submit_group(self._transport, kernel, f"{self._prefix}group-{next(self._ids)}", members[start:start + MAX_CALLS],
                                  futures[start:start + MAX_CALLS], chunksize, self._options)
            if reader is not None:
                with self._lock:
                    self._readers.append(reader)
        return futures

    def map(self, fn, *iterables, timeout=None, chunksize=1, **params):
        """Like Executor.map: fn(*args) for each tuple of the iterables, in input order; `params` go to every call.

        All calls are submitted at once. chunksize=1: a job per call (batched by the submit thread); chunksize > 1:
        future groups (submit_many) with chunksize calls per chunk. A call's error is raised when its result is
        reached; timeout counts from this call. When the results stop early (an error, the timeout, the generator
        closed) the calls not yet yielded are cancelled on the cluster: their jobs, or their whole groups.
        """
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        end = None if timeout is None else timeout + time.monotonic()
        if chunksize == 1:
            futures = [self.submit(fn, *args, **params) for args in zip(*iterables)]
        else:
            futures = self.submit_many(fn, *iterables, chunksize=chunksize, **params)

        def results():
            try:
                futures.reverse()
                while futures:
                    future = futures.pop()
                    yield future.result() if end is None else future.result(end - time.monotonic())
            finally:
                for future in futures:
                    future.cancel()
                self._cancel_groups({f.job_id for f in futures if isinstance(f, GroupedFuture) and not f.done()})

        return results()

    def job(self, fn, /, *args, chunk_size=None, job_id=None, options=None, **params):
        """Submits one (big) job at once and returns its Job handle: items streamed, progress, image.

        chunk_size: items per chunk (None: the cluster picks); job_id: your own id, so submitting again finds it.
        Raises GrainComputeParameterError naming the field when the cluster refuses it.
        """
        kernel = _kernel_name(fn)
        parameters = self._catalog.bind(kernel, args, params)
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
        job_id = job_id or f"{self._prefix}job-{next(self._ids)}"
        request = self._request(kernel, parameters, job_id, options)
        if chunk_size is not None:
            request["chunkSize"] = chunk_size
        status = self._transport.post("/api/jobs", request)
        return self._handle(status)

    def call(self, fn, /, *args, timeout=None, **params):
        """Runs one kernel call and returns its result, with no job: nothing is stored, the reply is the outcome.

        For many small futures one at a time (a closed loop, an RPC), where a job costs more than the work. Arguments
        bind as submit()'s do, but none may be a future; the call must fit one chunk of its kernel. timeout: seconds
        the kernel may run (None: as long as it takes). Returns the reduced result (the items list, for kernels
        without a reduction); raises GrainComputeTaskFailed (remote_type, remote_message) when the kernel failed or
        ran past timeout, GrainComputeParameterError naming the field when the cluster refuses the call. The caller
        owns it: a silo lost under it runs it again on another, so a call runs at least once.
        """
        kernel, parameters = self._call_request(fn, args, params)
        return run_call(self._transport, kernel, parameters, timeout)

    def submit_call(self, fn, /, *args, timeout=None, **params):
        """call() on one of the executor's call_threads threads; returns its concurrent.futures.Future at once.

        An unknown kernel or parameter name raises here, as submit() does; a refused value or a failed kernel is the
        future's exception. cancel() stops a call still waiting for a thread, not one under way.
        """
        kernel, parameters = self._call_request(fn, args, params)
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            if self._calls is None:
                self._calls = ThreadPoolExecutor(self._call_threads, thread_name_prefix="graincompute-call")
            return self._calls.submit(run_call, self._transport, kernel, parameters, timeout)

    def attach(self, job_id):
        """A Job handle on a job submitted earlier (by anyone); GrainComputeJobNotFound when there is none."""
        return self._handle(self._transport.get(f"/api/jobs/{job_id}"))

    def shutdown(self, wait=True, *, cancel_futures=False):
        """No new submits; cancel_futures cancels the ones still queued; wait waits for all the others to end."""
        with self._lock:
            if self._shutdown and not wait:
                return
            self._shutdown = True
            running = list(self._running.values())
            calls = self._calls
        if cancel_futures:
            for future in running:
                if not future.running():
                    future.cancel()
        if calls is not None:
            calls.shutdown(wait=wait, cancel_futures=cancel_futures)
        self._batcher.close()
        if wait:
            for future in running:
                try:
                    future.exception()
                except BaseException:
                    pass
            self._follower.close()
            with self._lock:
                readers = list(self._readers)
            for reader in readers:
                reader.join()

    def _call_request(self, fn, args, params):
        """(kernel, parameters as JSON) of a call; refuses an unknown name, a future as an argument, and shutdown."""
        kernel = _kernel_name(fn)
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
        parameters = self._catalog.bind(kernel, args, params)
        if next(_dependencies(parameters.values()), None) is not None:
            raise GrainComputeParameterError(400, "Invalid request", "a call cannot wait on a future: pass future.result(), or use submit()",
                                             {"parameters": "a future in a call"})
        return kernel, {k: _wire(v) for k, v in parameters.items()}

    def _cancel_groups(self, job_ids):
        for job_id in job_ids:
            try:
                self._transport.post(f"/api/jobs/{job_id}/cancel")  # its reader ends the calls not finished as cancelled
            except GrainComputeError:
                pass  # the group ended or is gone: nothing left to stop

    def _handle(self, status):
        future = GrainComputeFuture(status["id"], status["kernel"], self._transport)
        future.set_running_or_notify_cancel()
        self._submitted([future], [status])
        return Job(self._transport, status["id"], status["kernel"], future)

    def _request(self, kernel, parameters, job_id, options=None):
        request = {"kernel": kernel, "id": job_id, "parameters": {k: _wire(v) for k, v in parameters.items()}}
        if options or self._options:
            request["options"] = {**(self._options or {}), **(options or {})}
        return request

    def _submitted(self, futures, statuses):
        """The cluster accepted these jobs: end the ones that ended already, follow the others."""
        follow = []
        for future, status in zip(futures, statuses):
            with self._lock:
                self._running[future.job_id] = future
            if status.get("isFinished"):
                self._ended(status)
            else:
                follow.append(future.job_id)
        if follow:
            self._follower.follow(follow)

    def _ended(self, status):
        with self._lock:
            future = self._running.pop(status["id"], None)
        if future is not None:
            finish(future, self._transport, status)

    def _forget(self, future):
        with self._lock:
            self._running.pop(future.job_id, None)

    def _lost(self, ids, error):
        for job_id in ids:
            with self._lock:
                future = self._running.pop(job_id, None)
            if future is not None and not future.done():
                future.set_exception(error)


def _kernel_name(fn):
    if isinstance(fn, str):
        return fn
    name = getattr(fn, "__name__", None)
    if name is None:
        raise TypeError(f"fn must be a kernel name or a function named like a kernel, not {type(fn).__name__}")
    return name


def _dependencies(values):
    """The job ids of the GrainCompute futures among these values, at any depth."""
    for value in values:
        if isinstance(value, GrainComputeFuture):
            yield value.job_id
        elif isinstance(value, dict):
            yield from _dependencies(value.values())
        elif isinstance(value, (list, tuple)):
            yield from _dependencies(value)


def _wire(value):
    """A parameter as JSON: futures (at any depth) as {"$future": id}."""
    if isinstance(value, Future):
        if isinstance(value, GroupedFuture):
            raise GrainComputeParameterError(400, "Invalid request", f"{value!r} is a call of a future group, not a job: submit it with submit() to pass it on",
                                             {"parameters": "a grouped call's future"})
        if not isinstance(value, GrainComputeFuture):
            raise GrainComputeParameterError(400, "Invalid request", "only GrainCompute futures can be arguments", {"parameters": "not a GrainCompute future"})
        return {"$future": value.job_id}
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_wire(v) for v in value]
    if isinstance(value, range):
        return list(value)
    return value

