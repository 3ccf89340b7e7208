"""Peer cases for the FFT benchmarks (imported by jax_bench.py); the Swift
side is Sources/bench/Cases+FFT.swift."""
import jax
import jax.numpy as jnp
import numpy as np
from timing import time_per_op  # noqa: E402


def _fft_input(n):
    j = np.arange(n)
    re = ((j * 37) % 101).astype(np.float32) / 50 - 1
    im = ((j * 53) % 97).astype(np.float32) / 48 - 1
    return (re + 1j * im).astype(np.complex64)


def fft_1m():
    """jnp.fft.fft under jit on 2^20 complex64 points (XLA's ducc FFT)."""
    x = jnp.asarray(_fft_input(1 << 20))
    f = jax.jit(jnp.fft.fft)
    f(x).block_until_ready()
    return {"jax": time_per_op(lambda: f(x).block_until_ready(), 15, 1)}


CASES = {"fft_1m": fft_1m}
