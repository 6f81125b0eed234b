"""HTTP to the cluster's gateways with the standard library (http.client), as the .NET client's Gateways do it.

Retries: 429 (a cluster limit) and 503 (cluster unavailable) are retried on the same gateway after the server's
Retry-After (seconds or an HTTP date), else with exponential backoff and jitter (0.2 s doubling, at most 5 s), for
`retry_budget` seconds since the first attempt; nothing else is retried. A gateway that does not answer (no connection,
no answer in time) is left for the next one, and the one that answers becomes the first choice; when none answers the
request raises GrainComputeUnreachable (a ConnectionError) naming each. All of it is safe because every call is
idempotent: submits carry a job id the client chose, and a kernel call (POST /api/calls) sent again only runs a pure
kernel again (calls are at least once).
"""
import email.utils
import http.client
import json
import random
import socket
import threading
import time
import urllib.parse

from . import __version__
from .errors import GrainComputeApiError, GrainComputeUnreachable, from_problem

_FIRST_BACKOFF = 0.2
_LONGEST_BACKOFF = 5.0


class Transport:
    def __init__(self, urls, api_key=None, client_name=None, connect_timeout=5.0, request_timeout=100.0, retry_budget=120.0):
        self._gateways = [_Gateway(u) for u in urls]
        if not self._gateways:
            raise ValueError("url: give at least one gateway URL, e.g. http://127.0.0.1:8080")
        self._lock = threading.Lock()  # guards _first: the index of the gateway that answered last
        self._first = 0
        self._headers = {"User-Agent": f"graincompute-python/{__version__}", "Accept": "application/json"}
        if api_key:
            self._headers["X-Api-Key"] = api_key
        if client_name:
            self._headers["X-GrainCompute-Client"] = client_name
        self.connect_timeout = connect_timeout
        self.request_timeout = request_timeout
        self.retry_budget = retry_budget

    @property
    def gateways(self):
        return [g.url for g in self._gateways]

    def get(self, path, hold=0.0):
        return self.json("GET", path, None, hold)

    def post(self, path, body=None, hold=0.0):
        return self.json("POST", path, body, hold)

    def json(self, method, path, body=None, hold=0.0):
        """One request whose answer is JSON: the parsed value, or the problem raised as an exception."""
        response, connection = self.open(method, path, body, hold)
        try:
            data = response.read()
        finally:
            connection.close()
        return json.loads(data) if data else None

    def raw(self, path):
        """A GET whose answer is bytes (an image)."""
        response, connection = self.open("GET", path, None, 0.0, accept="*/*")
        try:
            return response.read()
        finally:
            connection.close()

    def open(self, method, path, body=None, hold=0.0, accept=None, read_timeout=None):
        """Sends one request and returns (response, connection) once it answered 2xx; the caller reads and closes.

        `hold` is how long the server was asked to hold the answer (a long poll): it adds to the read timeout;
        `read_timeout` replaces the whole read timeout (a stream whose headers come at once, when all is well).
        """
        payload = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        started = time.monotonic()
        attempt = 0
        while True:
            response, connection = self._send_anywhere(method, path, payload, read_timeout or self.request_timeout + hold, accept)
            if 200 <= response.status < 300:
                return response, connection
            try:
                text = response.read()
            finally:
                connection.close()
            problem = _parse(text)
            if response.status in (429, 503) and self.retry_budget > 0:
                wait = _retry_after(response.getheader("Retry-After"))
                backoff = wait if wait is not None else min(_LONGEST_BACKOFF, _FIRST_BACKOFF * 2 ** attempt) * (0.5 + random.random() / 2)
                elapsed = time.monotonic() - started
                if elapsed + backoff <= self.retry_budget:
                    attempt += 1
                    time.sleep(backoff)
                    continue
                error = from_problem(response.status, problem)
                raise GrainComputeApiError(
                    error.status, error.title,
                    f"{error.detail or error.title} — gave up after {attempt + 1} attempts in {elapsed:.1f} s (retry_budget: {self.retry_budget:g} s)",
                    error.errors)
            raise from_problem(response.status, problem)

    def _send_anywhere(self, method, path, payload, read_timeout, accept):
        """Tries each gateway once, starting with the one that answered last."""
        with self._lock:
            first = self._first
        failures = []
        count = len(self._gateways)
        for step in range(count):
            index = (first + step) % count
            gateway = self._gateways[index]
            try:
                result = gateway.send(method, path, payload, self._headers, accept, self.connect_timeout, read_timeout)
            except (OSError, http.client.HTTPException) as e:
                failures.append(f"{gateway.url}: {type(e).__name__}: {e}")
                continue
            if step:
                with self._lock:
                    self._first = index
            return result
        raise GrainComputeUnreachable(f"no GrainCompute gateway answered {method} {path}: " + "; ".join(failures))


class _Gateway:
    def __init__(self, url):
        parsed = urllib.parse.urlsplit(url if "//" in url else "http://" + url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError(f"url: '{url}' is not an http(s) URL like http://127.0.0.1:8080")
        self.url = url.rstrip("/")
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname
        self._port = parsed.port
        self._prefix = parsed.path.rstrip("/")

    def send(self, method, path, payload, headers, accept, connect_timeout, read_timeout):
        kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        connection = kind(self._host, self._port, timeout=connect_timeout)
        try:
            connection.connect()
            connection.sock.settimeout(read_timeout)
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            request_headers = dict(headers)
            if accept:
                request_headers["Accept"] = accept
            if payload is not None:
                request_headers["Content-Type"] = "application/json"
            connection.request(method, self._prefix + path, body=payload, headers=request_headers)
            return connection.getresponse(), connection
        except BaseException:
            connection.close()
            raise


def _parse(data):
    try:
        return json.loads(data) if data else None
    except ValueError:
        return {"title": data[:200].decode(errors="replace")}


def _retry_after(value):
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None without one."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
