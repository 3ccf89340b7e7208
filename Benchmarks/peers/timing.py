"""Timing shared by the peer benchmark modules (jax_bench.py, jax_cases_*.py)."""
import time


def time_per_op(body, reps, inner, warmup=2):
    """Runs `body` (which performs `inner` operations) `warmup` times untimed,
    then `reps` times; returns seconds per operation for each rep."""
    for _ in range(warmup):
        body()
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        body()
        out.append((time.perf_counter() - t0) / inner)
    return out
