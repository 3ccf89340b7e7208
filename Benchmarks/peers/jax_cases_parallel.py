"""Peer cases for Sources/bench/Cases+Parallel.swift: the Lorenz ensemble of
issue 19 with jax.pmap over host devices. JAX must see 2 host devices, so
run the peer with XLA_FLAGS=--xla_force_host_platform_device_count=2 (the
flag has to be set before jax is imported).
"""
import jax
import jax.numpy as jnp
import numpy as np

from jax_cases_control import LorenzRK4StepperJNP
from timing import time_per_op


def ensemble(devices):
    if jax.local_device_count() < devices:
        raise SystemExit(f"ensemble needs {devices} devices; set XLA_FLAGS=--xla_force_host_platform_device_count={devices}")
    stepper = LorenzRK4StepperJNP()

    def rollout(init_coords):
        final, _ = jax.lax.scan(lambda c, _: (stepper(c), None), init_coords, None, 10_000)
        return final

    f = jax.pmap(jax.vmap(rollout), axis_name="devices", devices=jax.local_devices()[:devices])
    inits = jnp.asarray((10 + (np.arange(4096 * 3) % 97) * 0.01).astype(np.float32).reshape(devices, 4096 // devices, 3))
    f(inits).block_until_ready()
    return {"jax": time_per_op(lambda: f(inits).block_until_ready(), 5, 1, warmup=1)}


CASES = {
    "ensemble_lorenz_4096x1e4_1dev": lambda: ensemble(1),
    "ensemble_lorenz_4096x1e4": lambda: ensemble(2),
    # A JAX host device runs this scan on one thread anyway; the SwiftJAX
    # twins of these also pin their thread pool to one thread.
    "ensemble_lorenz_4096x1e4_1dev_1t": lambda: ensemble(1),
    "ensemble_lorenz_4096x1e4_2dev_1t": lambda: ensemble(2),
}
