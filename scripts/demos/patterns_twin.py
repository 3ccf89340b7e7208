"""Python twin of `swift run patterns` (Sources/Examples/Patterns.swift).

Prints seeds 002 and 003's snippets with real JAX in the demo's format.
Its output is committed as Tests/Fixtures/demos/patterns.txt, which
DemoTests compares with the Swift transcript; scripts/demos/diff_patterns.sh
runs both and diffs them.

    JAX_PLATFORMS=cpu python scripts/demos/patterns_twin.py > Tests/Fixtures/demos/patterns.txt
"""
from functools import partial

import jax
import jax.numpy as jnp
from jax import jit, lax, random, vmap


def square(x):
    return x * x


def sum_array(x):
    return jnp.sum(x)


def euclidean_distance(x, y):
    return jnp.sqrt(jnp.sum((x - y) ** 2))


def add_and_multiply_scalar(x, y, scalar):
    return (x + y) * scalar


def add_and_multiply_vector(x, y, scalar):
    return vmap(add_and_multiply_scalar, (0, 0, None))(x, y, scalar)


def cumsum_fn(prev_sum, next_value):
    return prev_sum + next_value, prev_sum + next_value


def moving_average(state, next_value):
    prev_avg, _ = state
    new_avg = (prev_avg * 2 + next_value) / 3
    return (new_avg, next_value), new_avg


def cond_fun(val):
    i, n = val
    return i < n


def body_fun(val):
    i, n = val
    return i + 1, n


def sin_times_x(x):
    return jnp.sum(jnp.sin(x) * x)


array = jnp.array([jnp.repeat(1, 5), jnp.repeat(2, 5)])


def s(*args):
    return " ".join(str(a) for a in args)


def seed002():
    points_1 = jnp.array([[1, 2], [3, 4], [5, 6]])
    points_2 = jnp.array([[6, 5], [4, 3], [2, 1]])
    key = jax.random.PRNGKey(42)
    subkey1, subkey2 = jax.random.split(key)
    cumulative_sum, _ = lax.scan(cumsum_fn, jnp.array(0), jnp.array([1, 2, 3, 4, 5]))
    _, moving_averages = lax.scan(moving_average, (0.0, 0.0), jnp.array([10.0, 12.0, 14.0, 16.0, 18.0]))
    return [
        ("array = jnp.array([jnp.repeat(1,5), jnp.repeat(2,5)])\nprint(vmap(square)(array))", s(vmap(square)(array))),
        ("print(jnp.sum(array, axis=0))", s(jnp.sum(array, axis=0))),
        ("print(jnp.sum(array, axis=1))", s(jnp.sum(array, axis=1))),
        ("print(jax.vmap(sum_array, in_axes=0)(array))", s(jax.vmap(sum_array, in_axes=0)(array))),
        ("print(jax.vmap(sum_array, in_axes = 1)(array))", s(jax.vmap(sum_array, in_axes=1)(array))),
        ("print(vmap(euclidean_distance, in_axes=(0, 0))(points_1, points_2))",
         s(vmap(euclidean_distance, in_axes=(0, 0))(points_1, points_2))),
        ("print(add_and_multiply_vector(x, y, scalar))",
         s(add_and_multiply_vector(jnp.array([1.0, 2.0, 3.0]), jnp.array([4.0, 5.0, 6.0]), jnp.array([2.0, 3.0, 4.0])))),
        ("cumulative_sum, _ = lax.scan(cumsum_fn, jnp.array(0), jnp.array([1, 2, 3, 4, 5]))\n"
         "print(\"Cumulative Sum:\", cumulative_sum)", s("Cumulative Sum:", cumulative_sum)),
        ("final_state, moving_averages = lax.scan(moving_average, (0.0, 0.0), sensor_data)\n"
         "print(\"Moving averages:\", moving_averages)", s("Moving averages:", moving_averages)),
        ("key = jax.random.PRNGKey(42)\nprint(key)", s(key)),
        ("subkey1, subkey2 = jax.random.split(key)\nprint(subkey1, subkey2)", s(subkey1, subkey2)),
        ("keys = jax.random.split(key, num=5)\nprint(keys)", s(jax.random.split(key, num=5))),
    ]


@partial(jit, static_argnums=1)
def g_static(x, n):
    i = 0
    while i < n:
        i += 1
    return x + i


@jit
def g_while(x, n):
    end, _ = lax.while_loop(cond_fun, body_fun, (0, n))
    return x + end


def seed003():
    x = jnp.array([1, 2, 3])
    k = random.key(42)
    k, k1 = random.split(k)
    out1 = random.normal(k1, (3,))
    k, k2 = random.split(k)
    dfs = jnp.array([1, 2])
    out2 = vmap(random.t, in_axes=(None, 0))(k2, dfs)
    xs3 = jnp.array([0.5, 1.0, 1.5])
    return [
        ("x = jnp.array([1, 2, 3])\nprint(x.at[1:].set(0))", s(x.at[1:].set(0))),
        ("print(x.at[1:].add(1))", s(x.at[1:].add(1))),
        ("k = random.key(42); k, k1 = random.split(k)\nprint(random.normal(k1, (3,)))", s(out1)),
        ("k, k2 = random.split(k); dfs = jnp.array([1, 2])\nprint(vmap(random.t, in_axes=(None, 0))(k2, dfs))", s(out2)),
        ("def f(x, y): return x + y\nprint(vmap(f, in_axes=(0, None), out_axes=1)(jnp.array([0, 1, 2, 3]), jnp.array([4, 5])))",
         s(vmap(lambda x, y: x + y, in_axes=(0, None), out_axes=1)(jnp.array([0, 1, 2, 3]), jnp.array([4, 5])))),
        ("g = partial(jit, static_argnums=1)(g)  # while i < n: i += 1; return x + i\nprint(g(1, 5))", s(g_static(1, 5))),
        ("end, _ = while_loop(cond_fun, body_fun, (0, n))  # under jit\nprint(g(1, 5))", s(g_while(1, 5))),
        ("f = lambda x: jnp.sum(jnp.sin(x) * x); x = jnp.array([0.5, 1.0, 1.5])\nprint(jax.jit(jax.grad(f))(x))",
         s(jax.jit(jax.grad(sin_times_x))(xs3))),
        ("print(jax.hessian(f)(x))", s(jax.hessian(sin_times_x)(xs3))),
    ]


def main():
    out = ""
    for title, snippets in [("seed 002: JAX patterns", seed002()), ("seed 003: Intro to Jax", seed003())]:
        out += "## %s\n" % title
        for python, output in snippets:
            for line in python.split("\n"):
                out += ">>> %s\n" % line
            out += output + "\n"
    print(out, end="")


if __name__ == "__main__":
    main()
