// Seeds 002 ("JAX patterns") and 003 ("Intro to Jax"): every snippet, as
// the Python line it mirrors and what its print shows. The `patterns` demo
// prints these; scripts/demos/patterns_twin.py prints the same with real
// JAX, and DemoTests compares the two (Tests/Fixtures/demos/patterns.txt).
import SwiftJAX

/// One seed snippet: the Python it mirrors and the Swift that prints it.
///
/// ```swift
/// print(seed002Snippets[0].output())
/// // [[1 1 1 1 1]
/// //  [4 4 4 4 4]]
/// ```
public struct PatternSnippet: Sendable {
  /// The Python line(s) of the seed.
  public let python: String
  /// Computes and formats the result as JAX prints it.
  public let output: @Sendable () -> String
}

func square(_ x: Tensor) -> Tensor { x * x }
func sumArray(_ x: Tensor) -> Tensor { jnp.sum(x) }
func euclideanDistance(_ x: Tensor, _ y: Tensor) -> Tensor { jnp.sqrt(jnp.sum((x - y) ** 2)) }
func addAndMultiplyScalar(_ x: Tensor, _ y: Tensor, _ scalar: Tensor) -> Tensor { (x + y) * scalar }
func addAndMultiplyVector(_ x: Tensor, _ y: Tensor, _ scalar: Tensor) -> Tensor {
  vmap(addAndMultiplyScalar, inAxes: [0, 0, nil])(x, y, scalar)
}
func cumsumFn(_ prevSum: Tensor, _ nextValue: Tensor) -> (Tensor, Tensor) { (prevSum + nextValue, prevSum + nextValue) }
func movingAverage(_ state: (Tensor, Tensor), _ nextValue: Tensor) -> ((Tensor, Tensor), Tensor) {
  let (prevAvg, _) = state
  let newAvg = (prevAvg * 2 + nextValue) / 3
  return ((newAvg, nextValue), newAvg)
}
func condFun(_ i: Tensor, _ n: Tensor) -> Tensor { i < n }
func bodyFun(_ i: Tensor, _ n: Tensor) -> (Tensor, Tensor) { (i + 1, n) }
func sinTimesX(_ x: Tensor) -> Tensor { jnp.sum(jnp.sin(x) * x) }

let seedArray = jnp.array([jnp.repeat(1, 5), jnp.repeat(2, 5)])

/// Seed 002's snippets.
public let seed002Snippets: [PatternSnippet] = [
  PatternSnippet(python: "array = jnp.array([jnp.repeat(1,5), jnp.repeat(2,5)])\nprint(vmap(square)(array))") {
    "\(vmap(square)(seedArray))"
  },
  PatternSnippet(python: "print(jnp.sum(array, axis=0))") { "\(jnp.sum(seedArray, axis: 0))" },
  PatternSnippet(python: "print(jnp.sum(array, axis=1))") { "\(jnp.sum(seedArray, axis: 1))" },
  PatternSnippet(python: "print(jax.vmap(sum_array, in_axes=0)(array))") { "\(vmap(sumArray, inAxes: 0)(seedArray))" },
  PatternSnippet(python: "print(jax.vmap(sum_array, in_axes = 1)(array))") { "\(vmap(sumArray, inAxes: 1)(seedArray))" },
  PatternSnippet(python: "print(vmap(euclidean_distance, in_axes=(0, 0))(points_1, points_2))") {
    let points1 = jnp.array([[1, 2], [3, 4], [5, 6]]), points2 = jnp.array([[6, 5], [4, 3], [2, 1]])
    return "\(vmap(euclideanDistance, inAxes: [0, 0])(points1, points2))"
  },
  PatternSnippet(python: "print(add_and_multiply_vector(x, y, scalar))") {
    "\(addAndMultiplyVector(jnp.array([1.0, 2.0, 3.0]), jnp.array([4.0, 5.0, 6.0]), jnp.array([2.0, 3.0, 4.0])))"
  },
  PatternSnippet(python: "cumulative_sum, _ = lax.scan(cumsum_fn, jnp.array(0), jnp.array([1, 2, 3, 4, 5]))\nprint(\"Cumulative Sum:\", cumulative_sum)") {
    let (cumulativeSum, _) = Lax.scan(cumsumFn, initial: jnp.array(0), xs: jnp.array([1, 2, 3, 4, 5]))
    return "Cumulative Sum: \(cumulativeSum)"
  },
  PatternSnippet(python: "final_state, moving_averages = lax.scan(moving_average, (0.0, 0.0), sensor_data)\nprint(\"Moving averages:\", moving_averages)") {
    let (_, movingAverages) = Lax.scan(movingAverage, initial: (0.0, 0.0), xs: jnp.array([10.0, 12.0, 14.0, 16.0, 18.0]))
    return "Moving averages: \(movingAverages)"
  },
  PatternSnippet(python: "key = jax.random.PRNGKey(42)\nprint(key)") { "\(Random.PRNGKey(42))" },
  PatternSnippet(python: "subkey1, subkey2 = jax.random.split(key)\nprint(subkey1, subkey2)") {
    let (subkey1, subkey2) = Random.split(Random.PRNGKey(42))
    return "\(subkey1) \(subkey2)"
  },
  PatternSnippet(python: "keys = jax.random.split(key, num=5)\nprint(keys)") { "\(Random.split(Random.PRNGKey(42), num: 5))" },
]

/// Seed 003's snippets (and the grad/hessian its last section describes).
public let seed003Snippets: [PatternSnippet] = [
  PatternSnippet(python: "x = jnp.array([1, 2, 3])\nprint(x.at[1:].set(0))") { "\(jnp.array([1, 2, 3]).at[1...].set(0))" },
  PatternSnippet(python: "print(x.at[1:].add(1))") { "\(jnp.array([1, 2, 3]).at[1...].add(1))" },
  PatternSnippet(python: "k = random.key(42); k, k1 = random.split(k)\nprint(random.normal(k1, (3,)))") {
    let (_, k1) = Random.split(Random.key(42))
    return "\(Random.normal(k1, shape: [3]))"
  },
  PatternSnippet(python: "k, k2 = random.split(k); dfs = jnp.array([1, 2])\nprint(vmap(random.t, in_axes=(None, 0))(k2, dfs))") {
    let (k, _) = Random.split(Random.key(42))
    let (_, k2) = Random.split(k)
    let dfs = jnp.array([1, 2])
    return "\(vmap({ (key: PRNGKeyArray, df: Tensor) in Random.t(key, df: df) }, inAxes: [nil, 0])(k2, dfs))"
  },
  PatternSnippet(python: "def f(x, y): return x + y\nprint(vmap(f, in_axes=(0, None), out_axes=1)(jnp.array([0, 1, 2, 3]), jnp.array([4, 5])))") {
    "\(vmap({ (x: Tensor, y: Tensor) in x + y }, inAxes: [0, nil], outAxes: 1)(jnp.array([0, 1, 2, 3]), jnp.array([4, 5])))"
  },
  PatternSnippet(python: "g = partial(jit, static_argnums=1)(g)  # while i < n: i += 1; return x + i\nprint(g(1, 5))") {
    let g = jit { (x: Tensor, n: Static<Int>) -> Tensor in
      var i = 0
      while i < n.value { i += 1 }
      return x + i
    }
    return "\(g(jnp.array(1), Static(5)))"
  },
  PatternSnippet(python: "end, _ = while_loop(cond_fun, body_fun, (0, n))  # under jit\nprint(g(1, 5))") {
    let g = jit { (x: Tensor, n: Tensor) -> Tensor in
      let (end, _) = Lax.whileLoop(cond: condFun, body: bodyFun, initial: (jnp.array(0), n))
      return x + end
    }
    return "\(g(jnp.array(1), jnp.array(5)))"
  },
  PatternSnippet(python: "f = lambda x: jnp.sum(jnp.sin(x) * x); x = jnp.array([0.5, 1.0, 1.5])\nprint(jax.jit(jax.grad(f))(x))") {
    "\(jit(grad(sinTimesX))(jnp.array([0.5, 1.0, 1.5])))"
  },
  PatternSnippet(python: "print(jax.hessian(f)(x))") { "\(hessian(sinTimesX)(jnp.array([0.5, 1.0, 1.5])))" },
]

/// The demo's text: each snippet's Python (as `>>> ` lines) and its output.
///
/// ```swift
/// patternsTranscript().split(separator: "\n")[3]  // [[1 1 1 1 1]
/// ```
public func patternsTranscript() -> String {
  var out = ""
  for (title, snippets) in [("seed 002: JAX patterns", seed002Snippets), ("seed 003: Intro to Jax", seed003Snippets)] {
    out += "## \(title)\n"
    for s in snippets {
      for line in s.python.split(separator: "\n") { out += ">>> \(line)\n" }
      out += s.output() + "\n"
    }
  }
  return out
}
