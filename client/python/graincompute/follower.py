"""Following every submitted job to its end with POST /api/jobs/completions, not a thread or a request per future.

Design: one NDJSON stream carries the final statuses of up to 10,000 jobs, a line each as they finish. Jobs
submitted later cannot join an open stream, so they start a new one; at most MAX_STREAMS are open, and past that
the stream with the fewest jobs left is closed and its jobs go into the next stream with the new ones, so a burst of
20,000 futures is followed by two streams and a trickle of single submits by at most four. A stream that breaks (a
gateway going away) is opened again, on whichever gateway answers, with the ids it has not seen yet, so no end is
missed or told twice; one that breaks five times in a row without a new line fails its futures as unreachable.
"""
import http.client
import json
import logging
import socket
import threading
import time

from .errors import GrainComputeError, GrainComputeUnreachable

_log = logging.getLogger("graincompute.completions")
MAX_IDS = 10_000
MAX_STREAMS = 4
# The server sends a stream's headers once it has read its jobs' statuses, at once when all is well; a gateway that
# takes longer (one whose calls hang on a silo that just died) is left, and the stream reopened.
_HEADERS_TIMEOUT = 30.0
# A stream with no new line for this long is reopened (not counted as a break): cheap, and it recovers a stream whose
# server side stopped watching a job (a watch that failed when the job's silo died).
_QUIET = 60.0
_MAX_BREAKS = 5


class CompletionFollower:
    def __init__(self, transport, on_status, on_error):
        self._transport = transport
        self._on_status = on_status  # (status) for each job that ended
        self._on_error = on_error  # (ids, exception) for jobs that can no longer be followed
        self._lock = threading.Condition()
        self._waiting = []  # ids not yet in a stream; guarded by _lock
        self._streams = set()  # the open streams; guarded by _lock
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="graincompute-completions", daemon=True)
        self._thread.start()

    def follow(self, ids):
        with self._lock:
            self._waiting.extend(ids)
            self._lock.notify_all()

    def close(self):
        with self._lock:
            self._closed = True
            streams = list(self._streams)
            self._lock.notify_all()
        for stream in streams:
            stream.stop()
        self._thread.join()

    def _run(self):
        while True:
            with self._lock:
                while not self._closed and not (self._waiting and len(self._streams) < MAX_STREAMS):
                    if self._waiting and not any(s.stopping for s in self._streams):
                        min(self._streams, key=lambda s: s.left).stop()  # merged into the next stream
                    self._lock.wait()
                if self._closed:
                    return
                ids, self._waiting = self._waiting[:MAX_IDS], self._waiting[MAX_IDS:]
                stream = _Stream(self, ids)
                self._streams.add(stream)
            stream.start()

    def _ended(self, stream, unseen):
        with self._lock:
            self._streams.discard(stream)
            if unseen and not self._closed:
                self._waiting[:0] = unseen
            self._lock.notify_all()


class _Stream:
    def __init__(self, follower, ids):
        self._follower = follower
        self._unseen = set(ids)
        self._connection = None  # the open request's connection, for stop() to cut
        self.stopping = False
        self._thread = threading.Thread(target=self._run, name="graincompute-completions-stream", daemon=True)

    @property
    def left(self):
        return len(self._unseen)

    def start(self):
        self._thread.start()

    def stop(self):
        """Ends the stream from another thread; its unseen ids go back to the follower."""
        self.stopping = True
        connection = self._connection
        if connection is not None and connection.sock is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _run(self):
        breaks = 0
        try:
            while self._unseen and not self.stopping:
                before = len(self._unseen)
                try:
                    self._read_once()
                except (GrainComputeUnreachable, OSError, http.client.HTTPException, ValueError) as e:
                    if self.stopping:
                        break
                    breaks = 0 if len(self._unseen) < before else breaks + 1
                    _log.info("completions stream of %d jobs broke (%s: %s); reopening (%d in a row)", len(self._unseen), type(e).__name__, e, breaks)
                    if breaks >= _MAX_BREAKS:
                        error = e if isinstance(e, GrainComputeUnreachable) else GrainComputeUnreachable(
                            f"the completions stream broke {_MAX_BREAKS} times before {len(self._unseen)} jobs finished: {type(e).__name__}: {e}")
                        self._give_up(error)
                        return
                    time.sleep(0.1 * 2 ** breaks)  # a restarting gateway is not asked in a tight loop
                except GrainComputeError as e:  # refused (a job unknown or forgotten): nothing to retry
                    self._give_up(e)
                    return
        finally:
            self._follower._ended(self, [] if not self.stopping else list(self._unseen))

    def _read_once(self):
        response, connection = self._follower._transport.open("POST", "/api/jobs/completions", {"ids": sorted(self._unseen)}, accept="application/x-ndjson", read_timeout=_HEADERS_TIMEOUT)
        self._connection = connection
        _log.debug("completions stream of %d jobs open at %s:%s", len(self._unseen), connection.host, connection.port)
        try:
            if self.stopping:
                return
            connection.sock.settimeout(_QUIET)
            while self._unseen:
                try:
                    line = response.readline()
                except TimeoutError:
                    return  # quiet for a while: a job can take that long, but ask again in case a server watch was lost
                if not line:
                    break
                if line.strip():
                    status = json.loads(line)
                    if status.get("isFinished") and status["id"] in self._unseen:
                        self._unseen.discard(status["id"])
                        self._follower._on_status(status)
        finally:
            self._connection = None
            connection.close()
        if self._unseen and not self.stopping:
            raise http.client.IncompleteRead(b"", len(self._unseen))  # ended early: reopened like a break

    def _give_up(self, error):
        ids, self._unseen = list(self._unseen), set()
        self._follower._on_error(ids, error)
