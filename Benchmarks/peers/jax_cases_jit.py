"""Peer cases for the jit benchmarks (imported by jax_bench.py).

Each function returns {"jax": [seconds...], "numpy": [seconds...]} per
repetition, in the same units as the Swift cases in Sources/bench/Cases+Jit.swift.
"""
import time

import jax
import jax.numpy as jnp
import numpy as np
from timing import time_per_op  # noqa: E402




def jit_call_tiny():
    """jitted a*b+1 on float32[3]: time per call (dispatch overhead)."""
    f = jax.jit(lambda a, b: a * b + 1)
    a = jnp.array([1, 2, 3], dtype=jnp.float32)
    b = jnp.array([0.5, 0.25, 0.125], dtype=jnp.float32)
    f(a, b).block_until_ready()
    inner = 2000
    state = {"a": a}

    def body():
        x = state["a"]
        for _ in range(inner):
            x = f(x, b)
        x.block_until_ready()
        state["a"] = x

    return {"jax": time_per_op(body, 15, inner)}


def sgemm_1024():
    """1024x1024x1024 float32 matmul (XLA in JAX; OpenBLAS in NumPy)."""
    n = 1024
    a = (np.arange(n * n) % 7).astype(np.float32).reshape(n, n) * 0.25
    b = (np.arange(n * n) % 5).astype(np.float32).reshape(n, n) * 0.5
    f = jax.jit(lambda x, y: x @ y)
    ja, jb = jnp.asarray(a), jnp.asarray(b)
    f(ja, jb).block_until_ready()
    return {
        "jax": time_per_op(lambda: f(ja, jb).block_until_ready(), 5, 1, warmup=1),
        "numpy": time_per_op(lambda: a @ b, 5, 1, warmup=1),
    }


CASES = {"jit_call_tiny": jit_call_tiny, "sgemm_1024": sgemm_1024}
