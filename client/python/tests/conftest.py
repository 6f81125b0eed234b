"""Fixtures: one real silo process for the session, a stricter one (API key, tiny queue) and a 3-silo PostgreSQL cluster."""
import os
import sys
import pathlib

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import silos  # noqa: E402

from graincompute import GrainComputeExecutor  # noqa: E402

API_KEY = "python-client-test-key"


@pytest.fixture(scope="session")
def silo():
    process = silos.SiloProcess([f"--Silo:ClusterId=py-{os.getpid()}", "--Membership:Provider=Development"])
    yield process
    process.kill()


@pytest.fixture(scope="session")
def strict_silo():
    """An API key, and one job at a time with one queued: a third concurrent job is refused with 429; one call
    (POST /api/calls) under way at a time: a second concurrent one is refused with 429."""
    process = silos.SiloProcess([f"--Silo:ClusterId=py-strict-{os.getpid()}", "--Membership:Provider=Development",
                                 f"--Api:ApiKey={API_KEY}", "--Compute:MaxConcurrentJobs=1", "--Compute:MaxQueuedJobs=1",
                                 "--Compute:MaxPendingCalls=1"])
    yield process
    process.kill()


@pytest.fixture
def executor(silo):
    with GrainComputeExecutor(silo.url, client_name="pytest") as e:
        yield e


@pytest.fixture(scope="module")
def postgres():
    connection = os.environ.get("GRAINCOMPUTE_TEST_POSTGRES")
    assert connection, "GRAINCOMPUTE_TEST_POSTGRES is not set: run the tests with `bash scripts/test.sh`, which starts a throwaway PostgreSQL."
    return connection


@pytest.fixture(scope="module")
def cluster3(postgres):
    """One cluster for the module's tests; the test that kills a silo comes last."""
    cluster = silos.PostgresCluster(postgres)
    try:
        for _ in range(3):
            cluster.start()
        # Every silo must see the other two, or a grain call made during the joins may activate a job twice.
        silos.wait_until(lambda: all(cluster.active(url) == 3 for url in cluster.urls), "every silo sees three active silos", 30)
        yield cluster
    finally:
        cluster.stop()
