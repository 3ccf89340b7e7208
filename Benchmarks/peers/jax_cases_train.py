"""Peer cases for the training-step benchmarks (imported by jax_bench.py):
the same model as Sources/bench/Cases+Train.swift in plain JAX, with real
Optax for the optimiser."""
import jax
import jax.numpy as jnp
import optax
from timing import time_per_op  # noqa: E402


def _loss(p, x, y):
    h1 = jax.nn.relu(x @ p["w1"] + p["b1"])
    h2 = jax.nn.relu(h1 @ p["w2"] + p["b2"])
    logits = h2 @ p["w3"] + p["b3"]
    return -jnp.mean(jnp.sum(jax.nn.one_hot(y, 10) * jax.nn.log_softmax(logits), axis=-1))


def mlp_adam_step():
    """One jitted Adam step of a 784-512-512-10 ReLU MLP, batch 128, float32."""
    sizes = [784, 512, 512, 10]
    keys = jax.random.split(jax.random.PRNGKey(0), 4)
    params = {}
    for i in range(3):
        params[f"w{i + 1}"] = jax.nn.initializers.he_normal()(keys[i], (sizes[i], sizes[i + 1]), jnp.float32)
        params[f"b{i + 1}"] = jnp.zeros((sizes[i + 1],), jnp.float32)
    x = jax.random.normal(keys[3], (128, 784), jnp.float32)
    y = jnp.arange(128, dtype=jnp.int32) % 10
    opt = optax.adam(1e-3)

    @jax.jit
    def step(p, s, x, y):
        loss, g = jax.value_and_grad(_loss)(p, x, y)
        updates, s = opt.update(g, s, p)
        return optax.apply_updates(p, updates), s, loss

    state = {"p": params, "s": opt.init(params), "loss": None}
    state["p"], state["s"], state["loss"] = step(state["p"], state["s"], x, y)
    inner = 20

    def body():
        p, s = state["p"], state["s"]
        for _ in range(inner):
            p, s, loss = step(p, s, x, y)
        loss.block_until_ready()
        state["p"], state["s"] = p, s

    return {"jax": time_per_op(body, 15, inner)}


CASES = {"mlp_adam_step": mlp_adam_step}
