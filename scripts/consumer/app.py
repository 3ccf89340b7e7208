# The Python twin of Tests/Consumer/main.swift: prints, with real JAX, what
# the Swift consumer program must print (Tests/Consumer/expected.txt).
# Run: JAX_PLATFORMS=cpu $(bash scripts/python-env.sh) scripts/consumer/app.py > Tests/Consumer/expected.txt
import jax
import jax.numpy as jnp
from jax import random, vmap, jit, grad, lax
from functools import partial

x = jnp.array([1, 2, 3])
y = x.at[1:].set(0)
print(y)
z = x.at[1:].add(1)
print(z)

k = random.key(42)
k, k1 = random.split(k)
out1 = random.normal(k1, (3,))
k, k2 = random.split(k)
dfs = jnp.array([1, 2])
out2 = vmap(random.t, in_axes=(None, 0))(k2, dfs)
print(out1)
print(out2)

def f(x, y): return x + y
xs = jnp.array([0, 1, 2, 3])
yv = jnp.array([4, 5])
print(vmap(f, in_axes=(0, None), out_axes=1)(xs, yv))

@partial(jit, static_argnums=1)
def g(x, n):
    i = 0
    while i < n: i += 1
    return x + i
print(g(1, 5))

def cond_fun(val):
    i, n = val
    return i < n
def body_fun(val):
    i, n = val
    return i + 1, n
@jit
def g(x, n):
    end, _ = lax.while_loop(cond_fun, body_fun, (0, n))
    return x + end
print(g(1, 5))

def square(x): return x * x
array = jnp.array([jnp.repeat(1, 5), jnp.repeat(2, 5)])
print(vmap(square)(array))
print(jnp.sum(array, axis=0))
print(jnp.sum(array, axis=1))
def sum_array(x): return jnp.sum(x)
print(jax.vmap(sum_array, in_axes=0)(array))
print(jax.vmap(sum_array, in_axes=1)(array))

def euclidean_distance(x, y): return jnp.sqrt(jnp.sum((x - y) ** 2))
points_1 = jnp.array([[1, 2], [3, 4], [5, 6]])
points_2 = jnp.array([[6, 5], [4, 3], [2, 1]])
print(vmap(euclidean_distance, in_axes=(0, 0))(points_1, points_2))

def add_and_multiply_scalar(x, y, scalar): return (x + y) * scalar
def add_and_multiply_vector(x, y, scalar): return vmap(add_and_multiply_scalar, (0, 0, None))(x, y, scalar)
print(add_and_multiply_vector(jnp.array([1.0, 2.0, 3.0]), jnp.array([4.0, 5.0, 6.0]), jnp.array([2.0, 3.0, 4.0])))

def cumsum_fn(prev_sum, next_value): return prev_sum + next_value, prev_sum + next_value
cumulative_sum, _ = lax.scan(cumsum_fn, jnp.array(0), jnp.array([1, 2, 3, 4, 5]))
print("Cumulative Sum:", cumulative_sum)

def moving_average(state, next_value):
    prev_avg, _ = state
    new_avg = (prev_avg * 2 + next_value) / 3
    return (new_avg, next_value), new_avg
sensor_data = jnp.array([10.0, 12.0, 14.0, 16.0, 18.0])
_, moving_averages = lax.scan(moving_average, (0.0, 0.0), sensor_data)
print("Moving averages:", moving_averages)

key = jax.random.PRNGKey(42)
print(key)
subkey1, subkey2 = jax.random.split(key)
print(subkey1, subkey2)
print(jax.random.split(key, num=5))

x1 = jnp.array([0, 2, 4, 6]); x2 = jnp.array([1, 2, 3, 4])
print(repr(jnp.dot(x1, x2)))
print(repr(jnp.outer(x1, x2)))

def loss(p, x, y): return jnp.mean((jnp.matmul(x, p["w"]) + p["b"] - y) ** 2)
params = {"w": jnp.array([[0.5, -0.25], [1.0, 0.75]]), "b": jnp.array([0.1, -0.2])}
xb = jnp.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
yb = jnp.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
grads = jit(grad(loss))(params, xb, yb)
print(grads["w"])
print(grads["b"])
value, g2 = jit(jax.value_and_grad(loss))(params, xb, yb)
print(value, g2["b"])
updated = jax.tree.map(lambda p, g: p - 0.1 * g, params, grads)
print(loss(updated, xb, yb))
def cube(x): return x * x * x
print(grad(grad(cube))(jnp.array(2.0)))
print(jit(vmap(grad(cube)))(jnp.array([1.0, 2.0, 3.0])))
print(vmap(grad(jnp.tanh))(jnp.array([0.0, 1.0])))
