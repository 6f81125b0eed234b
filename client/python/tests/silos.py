"""Real graincompute-silo processes for the tests, started as tests/GrainCompute.Testing/SiloProcesses.cs starts
them: `dotnet graincompute-silo.dll` on a free loopback API port, silo and gateway ports 0, warnings only."""
import collections
import json
import os
import pathlib
import socket
import subprocess
import threading
import time
import urllib.request
import uuid

REPO = pathlib.Path(__file__).resolve().parents[3]
_BUILD_LOCK = threading.Lock()


def silo_dll():
    """The built silo (GRAINCOMPUTE_SILO_DLL, else the newest Release/Debug build), built once if there is none."""
    given = os.environ.get("GRAINCOMPUTE_SILO_DLL")
    if given:
        assert pathlib.Path(given).is_file(), f"GRAINCOMPUTE_SILO_DLL={given} does not exist"
        return given
    with _BUILD_LOCK:
        built = _built()
        if built is None:
            project = REPO / "silo" / "GrainCompute.Silo"
            run = subprocess.run(["dotnet", "build", str(project), "--nologo", "-v", "q"], capture_output=True, text=True)
            assert run.returncode == 0, f"dotnet build {project} failed:\n{run.stdout[-3000:]}{run.stderr[-2000:]}"
            built = _built()
        assert built is not None, "the silo build wrote no graincompute-silo.dll"
        return str(built)


def _built():
    found = [p for c in ("Release", "Debug") for p in [REPO / "silo" / "GrainCompute.Silo" / "bin" / c / "net10.0" / "graincompute-silo.dll"] if p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SiloProcess:
    """One silo process; `url` is its HTTP API."""

    def __init__(self, settings=(), ready_timeout=60):
        self.url = f"http://127.0.0.1:{free_port()}"
        self._output = collections.deque(maxlen=40)
        self.process = subprocess.Popen(
            ["dotnet", silo_dll(), f"--Api:Urls={self.url}", "--Silo:SiloPort=0", "--Silo:GatewayPort=0",
             "--Logging:LogLevel:Default=Warning", *settings],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._drain, daemon=True).start()
        self.address = self._wait_ready(ready_timeout)

    def _drain(self):
        for line in self.process.stdout:
            self._output.append(line.rstrip())

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the silo process exited with {self.process.returncode}:\n" + "\n".join(self._output)
            try:
                return get_json(self.url + "/health/ready")["silo"]
            except OSError:
                time.sleep(0.2)
        self.kill()
        raise AssertionError(f"the silo at {self.url} was not ready within {timeout} s:\n" + "\n".join(self._output))

    def kill(self):
        """kill -9."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


class PostgresCluster:
    """Silo processes sharing a PostgreSQL membership (a cluster id of their own on GRAINCOMPUTE_TEST_POSTGRES)."""

    def __init__(self, connection_string):
        self.cluster_id = f"py-{uuid.uuid4().hex[:16]}"
        self._connection_string = connection_string
        self.silos = []

    def start(self, *settings):
        silo = SiloProcess([f"--Silo:ClusterId={self.cluster_id}", "--Silo:WorkerSlots=1", "--Membership:Provider=PostgreSQL",
                            f"--Membership:ConnectionString={self._connection_string}", *settings])
        self.silos.append(silo)
        return silo

    @property
    def urls(self):
        return [s.url for s in self.silos if s.process.poll() is None]

    def active(self, url):
        try:
            return sum(1 for s in get_json(url + "/api/cluster")["silos"] if s["status"] == "active")
        except OSError:
            return -1

    def stop(self):
        for silo in self.silos:
            silo.kill()


def get_json(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def wait_until(condition, what, timeout):
    """Polls `condition` until true; fails saying what was expected."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting until {what}")
