"""Peer cases for the PRNG benchmarks (imported by jax_bench.py), in the
same units as the Swift cases in Sources/bench/Cases+Random.swift.
"""
import time

import jax
from jax import random
from timing import time_per_op  # noqa: E402




def random_normal_1e7():
    """jit(lambda k: random.normal(k, (10_000_000,))) float32: time per call."""
    f = jax.jit(lambda k: random.normal(k, (10_000_000,)))
    key = random.PRNGKey(0)
    f(key).block_until_ready()
    return {"jax": time_per_op(lambda: f(key).block_until_ready(), 10, 1)}


CASES = {"random_normal_1e7": random_normal_1e7}
