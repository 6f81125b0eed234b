"""Three silo processes on PostgreSQL membership: dependencies between futures across silos, and kill -9 of the
silo holding a job while the client follows it through that silo."""
import threading
import time

from graincompute import GrainComputeExecutor
import silos


def test_futures_as_arguments_run_as_dependencies_across_silos(cluster3):
    with GrainComputeExecutor(cluster3.urls) as executor:
        x = executor.submit("slowinc", 1, delay=0.3)
        y = executor.submit("slowinc", 2, delay=0.3)
        z = executor.submit("slowadd", x, y, delay=0)
        total = executor.submit("slowsub", z, executor.submit("slowadd", 1, 1, delay=0.1), delay=0)
        assert z.result(60) == 5 and total.result(60) == 3
        # The seed's exercise as a graph: every pair's future feeds one sum.
        pairs = [executor.submit("slowadd" if i < j else "slowsub", i, j, delay=0.1) for i in range(5) for j in range(5) if i != j]
        partial = [executor.submit("slowadd", pairs[k], pairs[k + 1], delay=0) for k in range(0, len(pairs), 2)]
        assert sum(f.result(60) for f in partial) == sum(i + j if i < j else i - j for i in range(5) for j in range(5) if i != j)


def test_kill_9_of_the_silo_holding_a_job_and_serving_the_client_still_gives_the_exact_result(cluster3):
    with GrainComputeExecutor(cluster3.urls) as submitter:
        job = submitter.job("countprimes", n=600_000_000, chunk_size=20)
        status = {}

        def half_done():
            status.update(job.status())
            return status["chunks"] > 0 and status["chunksDone"] * 2 >= status["chunks"]

        silos.wait_until(half_done, "half of the chunks are done", 120)
        holder = next(s for s in cluster3.silos if s.address == status["heldBy"])
        survivors = [s.url for s in cluster3.silos if s is not holder]
        # This client's first gateway is the holder: its completions stream and requests go there until it dies.
        with GrainComputeExecutor([holder.url, *survivors]) as follower:
            attached = follower.attach(job.id)
            plus_one = follower.submit("slowinc", attached.future, delay=0)
            items = []
            reader = threading.Thread(target=lambda: items.extend(attached.items(order="completion")))
            reader.start()  # reads the items through the holder until it dies, then from a survivor at the same offset
            time.sleep(0.5)  # the follower's completions stream opens (on the holder)
            assert not job.status()["isFinished"], "the job ended before the kill; make it longer"
            holder.kill()
            assert attached.result(timeout=150) == 31324703
            assert plus_one.result(timeout=60) == 31324704
            reader.join(timeout=60)
            assert sorted(i.index for i in items) == list(range(attached.status()["items"])), "an item lost or repeated across the kill"
        with GrainComputeExecutor(survivors) as observer:
            final = observer.attach(job.id).status()
        assert final["state"] == "completed" and final["heldBy"] != holder.address
