"""Peer cases for the eager seed programs (Sources/bench/Cases+Eager.swift):
seed 000's `rollout_loop` with its NumPy stepper and its `jnp` stepper,
exactly as the article writes them. Times are per RK4 step.
"""
import jax.numpy as jnp
import numpy as np

from timing import time_per_op


class LorenzRK4StepperNP:
    def __init__(self, sigma=10., rho=28., beta=8/3, tau=0.01):
        self.sigma = sigma
        self.rho = rho
        self.beta = beta
        self.tau = tau

    def __call__(self, coords):

        def lorenz_rhs(coords, sigma=self.sigma, rho=self.rho, beta=self.beta):
            return np.array(
                [
                    sigma * (coords[1] - coords[0]),
                    coords[0] * (rho - coords[2]) - coords[1],
                    coords[0] * coords[1] - beta * coords[2],
                ]
            )

        k_1 = self.tau * lorenz_rhs(coords)
        k_2 = self.tau * lorenz_rhs(coords + (1 / 2) * k_1)
        k_3 = self.tau * lorenz_rhs(coords + (1 / 2) * k_2)
        k_4 = self.tau * lorenz_rhs(coords + k_3)

        new_coords = coords + (1 / 6) * (k_1 + 2 * k_2 + 2 * k_3 + k_4)

        return new_coords


class LorenzRK4StepperJNP:
    def __init__(self, sigma=10.0, rho=28.0, beta=8 / 3, tau=0.01):
        self.sigma = sigma
        self.rho = rho
        self.beta = beta
        self.tau = tau

    def __call__(self, coords):
        def lorenz_rhs(coords, sigma=self.sigma, rho=self.rho, beta=self.beta):
            return jnp.array(
                [
                    sigma * (coords[1] - coords[0]),
                    coords[0] * (rho - coords[2]) - coords[1],
                    coords[0] * coords[1] - beta * coords[2],
                ]
            )

        k_1 = self.tau * lorenz_rhs(coords)
        k_2 = self.tau * lorenz_rhs(coords + (1 / 2) * k_1)
        k_3 = self.tau * lorenz_rhs(coords + (1 / 2) * k_2)
        k_4 = self.tau * lorenz_rhs(coords + k_3)

        new_coords = coords + (1 / 6) * (k_1 + 2 * k_2 + 2 * k_3 + k_4)

        return new_coords


def rollout_loop(stepper, init_coords, length):
    coords = init_coords
    traj = [init_coords]

    for _ in range(length):
        coords = stepper(coords)
        traj.append(coords)

    return traj


def lorenz_eager_loop_1e4():
    sigma = 10.
    rho = 28.
    beta = 8/3
    tau = 0.01
    final_time = 100
    length = int(final_time / tau)
    stepper_np = LorenzRK4StepperNP(sigma, rho, beta, tau)
    init_np = np.full((3,), 10)
    res = {"numpy": time_per_op(lambda: rollout_loop(stepper_np, init_np, length), 7, length, warmup=1)}
    # JAX takes milliseconds per step (about a minute for the 1e4 steps), so
    # its per-step time is measured on the first 500 steps of the same loop.
    stepper_jnp = LorenzRK4StepperJNP(sigma, rho, beta, tau)
    init_jnp = jnp.full((3,), 10)
    short = 500

    def body():
        rollout_loop(stepper_jnp, init_jnp, short)[-1].block_until_ready()

    res["jax"] = time_per_op(body, 3, short, warmup=1)
    return res


CASES = {"lorenz_eager_loop_1e4": lorenz_eager_loop_1e4}
