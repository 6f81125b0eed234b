"""GrainCompute from Python: a concurrent.futures.Executor whose work runs on a GrainCompute cluster.

    from graincompute import GrainComputeExecutor
    with GrainComputeExecutor("http://127.0.0.1:8080") as executor:
        future = executor.submit("countprimes", n=100_000)
        print(future.result())                      # 9592
        print(executor.call("slowadd", 1, 2))       # 3: one call, no job, answered in the reply
"""
__version__ = "0.1.0"

from .errors import (  # noqa: E402  (the version comes first: transport sends it)
    GrainComputeApiError,
    GrainComputeError,
    GrainComputeJobNotFound,
    GrainComputeParameterError,
    GrainComputeTaskFailed,
    GrainComputeUnreachable,
)
from .executor import GrainComputeExecutor  # noqa: E402
from .future import GrainComputeFuture  # noqa: E402
from .group import GroupedFuture  # noqa: E402
from .job import Job, ResultItem  # noqa: E402

__all__ = [
    "GrainComputeApiError",
    "GrainComputeError",
    "GrainComputeExecutor",
    "GrainComputeFuture",
    "GrainComputeJobNotFound",
    "GrainComputeParameterError",
    "GrainComputeTaskFailed",
    "GrainComputeUnreachable",
    "GroupedFuture",
    "Job",
    "ResultItem",
]
