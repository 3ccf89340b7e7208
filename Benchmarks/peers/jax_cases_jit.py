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


def _sgemm_operands(n=1024):
    a = (np.arange(n * n) % 7).astype(np.float32).reshape(n, n) * 0.25
    b = (np.arange(n * n) % 5).astype(np.float32).reshape(n, n) * 0.5
    return a, b


def sgemm_1024():
    """1024x1024x1024 float32 matmul in XLA, on its default threads (every core)."""
    a, b = _sgemm_operands()
    f = jax.jit(lambda x, y: x @ y)
    ja, jb = jnp.asarray(a), jnp.asarray(b)
    f(ja, jb).block_until_ready()
    return {"jax": time_per_op(lambda: f(ja, jb).block_until_ready(), 5, 1, warmup=1)}


def sgemm_1024_1t():
    """1024x1024x1024 float32 matmul in NumPy on single-threaded OpenBLAS
    (compare.py sets OPENBLAS_NUM_THREADS=1). XLA has no per-call thread
    setting, so JAX is not a peer of the one-thread case."""
    a, b = _sgemm_operands()
    return {"numpy": time_per_op(lambda: a @ b, 5, 1, warmup=1)}


def bmm_64x256():
    """Batched matmul bij,bjk->bik of 64 x 256x256 float32, jitted."""
    bsz, n = 64, 256
    x = (np.arange(bsz * n * n) % 7).astype(np.float32).reshape(bsz, n, n) * 0.25
    y = (np.arange(bsz * n * n) % 5).astype(np.float32).reshape(bsz, n, n) * 0.5
    f = jax.jit(lambda p, q: jnp.einsum("bij,bjk->bik", p, q))
    jx, jy = jnp.asarray(x), jnp.asarray(y)
    f(jx, jy).block_until_ready()
    return {"jax": time_per_op(lambda: f(jx, jy).block_until_ready(), 5, 1, warmup=1)}


def transcendental_1e7():
    """jitted tanh(x) * exp(-x * x) + log1p(x * x) + sin(x) over 1e7 float32."""
    f = jax.jit(lambda x: jnp.tanh(x) * jnp.exp(-x * x) + jnp.log1p(x * x) + jnp.sin(x))
    x = jnp.linspace(-3, 3, 10_000_000, dtype=jnp.float32)
    f(x).block_until_ready()
    return {"jax": time_per_op(lambda: f(x).block_until_ready(), 5, 1, warmup=1)}


CASES = {"jit_call_tiny": jit_call_tiny, "sgemm_1024": sgemm_1024, "sgemm_1024_1t": sgemm_1024_1t,
         "bmm_64x256": bmm_64x256, "transcendental_1e7": transcendental_1e7}
