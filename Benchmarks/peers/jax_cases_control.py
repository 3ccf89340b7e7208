"""Peer cases for the jitted seed programs (Sources/bench/Cases+JitControl.swift
and Cases+JitFirstCall.swift): the Lorenz rollout with scan (seed 000), the
advection fori loop (seed 001) and the first-call latency of jit.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import jax
import jax.numpy as jnp
import numpy as np

from timing import time_per_op




class LorenzRK4StepperJNP:
    def __init__(self, sigma=10.0, rho=28.0, beta=8 / 3, tau=0.01):
        self.sigma, self.rho, self.beta, self.tau = sigma, rho, beta, tau

    def __call__(self, coords):
        def lorenz_rhs(coords, sigma=self.sigma, rho=self.rho, beta=self.beta):
            return jnp.array([
                sigma * (coords[1] - coords[0]),
                coords[0] * (rho - coords[2]) - coords[1],
                coords[0] * coords[1] - beta * coords[2],
            ])

        k_1 = self.tau * lorenz_rhs(coords)
        k_2 = self.tau * lorenz_rhs(coords + (1 / 2) * k_1)
        k_3 = self.tau * lorenz_rhs(coords + (1 / 2) * k_2)
        k_4 = self.tau * lorenz_rhs(coords + k_3)
        return coords + (1 / 6) * (k_1 + 2 * k_2 + 2 * k_3 + k_4)


def rollout_scan(stepper, length):
    def scan_fn(coords, _):
        new_coords = stepper(coords)
        return new_coords, new_coords

    def rollout_fn(init_coords):
        _, trajectory = jax.lax.scan(scan_fn, init_coords, None, length)
        return trajectory

    return jax.jit(rollout_fn)


def lorenz_scan_1e6():
    f = rollout_scan(LorenzRK4StepperJNP(), 1_000_000)
    x = jnp.full((3,), 10.0, dtype=jnp.float32)
    f(x).block_until_ready()
    return {"jax": time_per_op(lambda: f(x).block_until_ready(), 7, 1, warmup=1)}


def advection_initial_conditions():
    nx, ny = 512, 128
    x = (np.arange(nx, dtype=np.float32) / nx)[:, None]
    y = (np.arange(ny, dtype=np.float32) / ny)[None, :]
    density = np.exp(-((x - 0.3) ** 2 + (y - 0.5) ** 2) / 0.01).astype(np.float32)
    velocity = np.broadcast_to(0.5 * np.exp(-(y - 0.5) ** 2 / 0.02), (nx, ny)).astype(np.float32)
    return density, velocity


def advection_fori_1000():
    density, velocity = advection_initial_conditions()
    dt = 0.1

    @jax.jit
    def simulate(initial_density, initial_velocity):
        def body(i, density_prev):
            grad_n = jnp.gradient(density_prev, axis=0)
            dndt = -initial_velocity * grad_n
            return density_prev + dt * dndt

        return jax.lax.fori_loop(0, 1000, body, initial_density)

    d, v = jnp.asarray(density), jnp.asarray(velocity)
    simulate(d, v).block_until_ready()
    return {"jax": time_per_op(lambda: simulate(d, v).block_until_ready(), 7, 1, warmup=1)}


_CHILD = r"""
import os, sys, time
os.environ.setdefault("JAX_PLATFORMS", "cpu")
sys.path.insert(0, sys.argv[1])
import jax, jax.numpy as jnp
if len(sys.argv) > 2:
    jax.config.update("jax_compilation_cache_dir", sys.argv[2])
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
from jax_cases_control import LorenzRK4StepperJNP, rollout_scan
x = jnp.full((3,), 10.0, dtype=jnp.float32)
x.block_until_ready()
t0 = time.perf_counter()
rollout_scan(LorenzRK4StepperJNP(), 10_000)(x).block_until_ready()
print(time.perf_counter() - t0)
"""


def _first_call(cache_dir=None):
    args = [sys.executable, "-c", _CHILD, os.path.dirname(os.path.abspath(__file__))]
    if cache_dir:
        args.append(cache_dir)
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def jit_first_call_lorenz_1e4():
    """Trace + compile + run in a fresh process (JAX's import not timed)."""
    return {"jax": [_first_call() for _ in range(5)]}


def jit_first_call_lorenz_1e4_warm():
    """The same with JAX's persistent compilation cache already filled."""
    d = tempfile.mkdtemp(prefix="jax-firstcall-")
    try:
        _first_call(d)
        return {"jax": [_first_call(d) for _ in range(7)]}
    finally:
        shutil.rmtree(d, ignore_errors=True)


CASES = {
    "lorenz_scan_1e6": lorenz_scan_1e6,
    # JAX always contracts FMAs on CPU: the same program is the peer.
    "lorenz_scan_1e6_fma": lorenz_scan_1e6,
    "advection_fori_1000": advection_fori_1000,
    "jit_first_call_lorenz_1e4": jit_first_call_lorenz_1e4,
    "jit_first_call_lorenz_1e4_warm": jit_first_call_lorenz_1e4_warm,
}


def lorenz_vmap(trajectory):
    """jit(vmap(rollout)) over 1024 initial conditions, 1e4 steps each:
    the final states (the issue's case) or the full trajectories."""
    stepper = LorenzRK4StepperJNP()

    def scan_fn(coords, _):
        new_coords = stepper(coords)
        return new_coords, new_coords

    def rollout(init_coords):
        final, traj = jax.lax.scan(scan_fn, init_coords, None, 10_000)
        return traj if trajectory else final

    f = jax.jit(jax.vmap(rollout))
    inits = jnp.asarray((10 + (np.arange(1024 * 3) % 97) * 0.01).astype(np.float32).reshape(1024, 3))
    f(inits).block_until_ready()
    return {"jax": time_per_op(lambda: f(inits).block_until_ready(), 5, 1, warmup=1)}


CASES["lorenz_vmap_1024x1e4"] = lambda: lorenz_vmap(False)
CASES["lorenz_vmap_traj_1024x1e4"] = lambda: lorenz_vmap(True)
