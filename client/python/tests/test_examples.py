"""Every program in examples/ run as a user runs it, against the session's silo, checking what it prints."""
import os
import pathlib
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def run(example, silo, tmp_path, *args):
    done = subprocess.run([sys.executable, str(EXAMPLES / example), *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "GRAINCOMPUTE_URL": silo.url})
    assert done.returncode == 0, f"{example} exited with {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_julia_writes_the_seeds_pgm(silo, tmp_path):
    run("julia.py", silo, tmp_path)
    pgm = (tmp_path / "julia.pgm").read_bytes()
    assert pgm.startswith(b"P5 1280 960 255\n") and len(pgm) == len(b"P5 1280 960 255\n") + 1280 * 960
    assert max(pgm[16:]) == 254 and min(pgm[16:]) >= 1


def test_random_squares_prints_the_seeds_first_and_last_five(silo, tmp_path):
    assert "[25, 25, 64, 64, 49], ..., [81, 36, 1, 1, 1]" in run("random_squares.py", silo, tmp_path)


def test_prime_subintervals_finds_the_seeds_number_prime(silo, tmp_path):
    assert "Number is prime." in run("prime_subintervals.py", silo, tmp_path)


def test_count_primes_counts_9592_below_10_to_the_5(silo, tmp_path):
    assert "There are 9592 primes between 2 and 100000" in run("count_primes.py", silo, tmp_path)


def test_sum_primes_prints_the_seeds_sums(silo, tmp_path):
    out = run("sum_primes.py", silo, tmp_path)
    for line in ("100000 : Sum = 454396537", "200000 : Sum = 1709600813", "300000 : Sum = 3709507114"):
        assert line in out


def test_monte_carlo_pi_is_within_a_thousandth(silo, tmp_path):
    out = run("monte_carlo_pi.py", silo, tmp_path, "10000000")
    pi = float(out.split("approximately ")[1].split()[0])
    assert pi == pytest.approx(3.14159, abs=0.002)


def test_slowadd_futures_prints_the_exercises_results(silo, tmp_path):
    out = run("slowadd_futures.py", silo, tmp_path)
    assert "ten futures: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]" in out
    assert "exercise: [1, 2, 3, 4, 1, 3, 4, 5, 2, 1, 5, 6, 3, 2, 1, 7, 4, 3, 2, 1]" in out
    assert "dependent: 3" in out


def test_correlations_match_statistics_correlation(silo, tmp_path):
    out = run("correlations.py", silo, tmp_path)
    assert out.count("series-") == 24
    assert float(out.rsplit("statistics.correlation: ", 1)[1]) < 1e-9


def test_as_completed_and_wait_see_every_future(silo, tmp_path):
    out = run("as_completed_wait.py", silo, tmp_path)
    assert sorted(line for line in out.splitlines() if line.startswith("Return of")) == [f"Return of {x}" for x in range(5)]
    assert "first completed: True" in out and "not_done=set()" in out
