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


_NHWC = ("NHWC", "HWIO", "NHWC")


def _cnn_logits(p, x):
    def block(h, w, b):
        c = jax.nn.relu(jax.lax.conv_general_dilated(h, w, (1, 1), "SAME", dimension_numbers=_NHWC) + b)
        return jax.lax.reduce_window(c, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")

    h = block(block(x, p["c1"], p["b1"]), p["c2"], p["b2"])
    return h.reshape(h.shape[0], 7 * 7 * 64) @ p["w3"] + p["b3"]


def _cnn_loss(p, x, y):
    return -jnp.mean(jnp.sum(jax.nn.one_hot(y, 10) * jax.nn.log_softmax(_cnn_logits(p, x)), axis=-1))


def cnn_train_step():
    """One jitted SGD step of conv3x3(32)-pool-conv3x3(64)-pool-dense(10), 28x28x1, batch 64."""
    keys = jax.random.split(jax.random.PRNGKey(0), 4)
    he = jax.nn.initializers.he_normal()
    params = {
        "c1": he(keys[0], (3, 3, 1, 32), jnp.float32), "b1": jnp.zeros((32,), jnp.float32),
        "c2": he(keys[1], (3, 3, 32, 64), jnp.float32), "b2": jnp.zeros((64,), jnp.float32),
        "w3": he(keys[2], (7 * 7 * 64, 10), jnp.float32), "b3": jnp.zeros((10,), jnp.float32),
    }
    x = jax.random.normal(keys[3], (64, 28, 28, 1), jnp.float32)
    y = jnp.arange(64, dtype=jnp.int32) % 10
    opt = optax.sgd(1e-2)

    @jax.jit
    def step(p, s, x, y):
        loss, g = jax.value_and_grad(_cnn_loss)(p, x, y)
        updates, s = opt.update(g, s, p)
        return optax.apply_updates(p, updates), s, loss

    state = {"p": params, "s": opt.init(params)}
    state["p"], state["s"], _ = step(state["p"], state["s"], x, y)
    inner = 5

    def body():
        p, s = state["p"], state["s"]
        for _ in range(inner):
            p, s, loss = step(p, s, x, y)
        loss.block_until_ready()
        state["p"], state["s"] = p, s

    return {"jax": time_per_op(body, 15, inner)}


def conv2d_forward():
    """One jitted conv 3x3, 64->64 channels, 56x56, batch 8, NHWC, SAME."""
    keys = jax.random.split(jax.random.PRNGKey(1), 2)
    x = jax.random.normal(keys[0], (8, 56, 56, 64), jnp.float32)
    w = jax.random.normal(keys[1], (3, 3, 64, 64), jnp.float32)
    f = jax.jit(lambda x, w: jax.lax.conv_general_dilated(x, w, (1, 1), "SAME", dimension_numbers=_NHWC))
    f(x, w).block_until_ready()
    inner = 5

    def body():
        for _ in range(inner):
            y = f(x, w)
        y.block_until_ready()

    return {"jax": time_per_op(body, 15, inner)}


CASES.update({"cnn_train_step": cnn_train_step, "conv2d_forward": conv2d_forward})
