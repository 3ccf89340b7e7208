// A SwiftJAX user's program: the seed articles' snippets as a Swift user
// writes them (no @testable), plus the composed transformations a JAX user
// types without thinking. scripts/consumer-test.sh builds it in a fresh
// package that depends on SwiftJAX by version and compares its output with
// expected.txt, which scripts/consumer/app.py (its Python twin) prints
// with real JAX.
import SwiftJAX

// Seed 003: functional updates.
let x = jnp.array([1, 2, 3])
let y = x.at[1...].set(0)
print(y)
let z = x.at[1...].add(1)
print(z)

// Seed 003: random numbers and vmap over a sampler's parameter.
var k = Random.key(42)
var k1: PRNGKeyArray, k2: PRNGKeyArray
(k, k1) = Random.split(k)
let out1 = Random.normal(k1, shape: [3])
(k, k2) = Random.split(k)
let dfs = jnp.array([1, 2])
let out2 = vmap({ (key: PRNGKeyArray, df: Tensor) in Random.t(key, df: df) }, inAxes: [nil, 0])(k2, dfs)
print(out1)
print(out2)

// Seed 003: vmap with in_axes and out_axes.
func f(_ x: Tensor, _ y: Tensor) -> Tensor { x + y }
let xs = jnp.array([0, 1, 2, 3])
let yv = jnp.array([4, 5])
print(vmap(f, inAxes: [0, nil], outAxes: 1)(xs, yv))

// Seed 003: a static argument, and while_loop under jit.
let gStatic = jit { (x: Tensor, n: Static<Int>) -> Tensor in
  var i = 0
  while i < n.value { i += 1 }
  return x + i
}
print(gStatic(jnp.array(1), Static(5)))

func condFun(_ i: Tensor, _ n: Tensor) -> Tensor { i < n }
func bodyFun(_ i: Tensor, _ n: Tensor) -> (Tensor, Tensor) { (i + 1, n) }
let gWhile = jit { (x: Tensor, n: Tensor) -> Tensor in
  let (end, _) = Lax.whileLoop(cond: condFun, body: bodyFun, initial: (jnp.array(0), n))
  return x + end
}
print(gWhile(jnp.array(1), jnp.array(5)))

// Seed 002: vmap, sums along axes.
func square(_ x: Tensor) -> Tensor { x * x }
let array = jnp.array([jnp.repeat(1, 5), jnp.repeat(2, 5)])
print(vmap(square)(array))
print(jnp.sum(array, axis: 0))
print(jnp.sum(array, axis: 1))
func sumArray(_ x: Tensor) -> Tensor { jnp.sum(x) }
print(vmap(sumArray, inAxes: 0)(array))
print(vmap(sumArray, inAxes: 1)(array))

func euclideanDistance(_ x: Tensor, _ y: Tensor) -> Tensor { jnp.sqrt(jnp.sum((x - y) ** 2)) }
let points1 = jnp.array([[1, 2], [3, 4], [5, 6]])
let points2 = jnp.array([[6, 5], [4, 3], [2, 1]])
print(vmap(euclideanDistance, inAxes: [0, 0])(points1, points2))

func addAndMultiplyScalar(_ x: Tensor, _ y: Tensor, _ scalar: Tensor) -> Tensor { (x + y) * scalar }
func addAndMultiplyVector(_ x: Tensor, _ y: Tensor, _ scalar: Tensor) -> Tensor {
  vmap(addAndMultiplyScalar, inAxes: [0, 0, nil])(x, y, scalar)
}
print(addAndMultiplyVector(jnp.array([1.0, 2.0, 3.0]), jnp.array([4.0, 5.0, 6.0]), jnp.array([2.0, 3.0, 4.0])))

// Seed 002: scan.
func cumsumFn(_ prevSum: Tensor, _ nextValue: Tensor) -> (Tensor, Tensor) {
  (prevSum + nextValue, prevSum + nextValue)
}
let (cumulativeSum, _) = Lax.scan(cumsumFn, initial: jnp.array(0), xs: jnp.array([1, 2, 3, 4, 5]))
print("Cumulative Sum:", cumulativeSum)

func movingAverage(_ state: (Tensor, Tensor), _ nextValue: Tensor) -> ((Tensor, Tensor), Tensor) {
  let (prevAvg, _) = state
  let newAvg = (prevAvg * 2 + nextValue) / 3
  return ((newAvg, nextValue), newAvg)
}
let sensorData = jnp.array([10.0, 12.0, 14.0, 16.0, 18.0])
let (_, movingAverages) = Lax.scan(movingAverage, initial: (0.0, 0.0), xs: sensorData)
print("Moving averages:", movingAverages)

// Seed 002: PRNG keys.
let key = Random.PRNGKey(42)
print(key)
let (subkey1, subkey2) = Random.split(key)
print(subkey1, subkey2)
print(Random.split(key, num: 5))

// Seed 004: jnp basics, printed as a notebook shows them (repr).
let x1 = jnp.array([0, 2, 4, 6]), x2 = jnp.array([1, 2, 3, 4])
debugPrint(jnp.dot(x1, x2))
debugPrint(jnp.outer(x1, x2))

// Pytrees and composed transformations.
@PyTree struct Linear {
  var w: Tensor
  var b: Tensor
}
func loss(_ p: Linear, _ x: Tensor, _ y: Tensor) -> Tensor {
  jnp.mean((jnp.matmul(x, p.w) + p.b - y) ** 2)
}
let params = Linear(w: jnp.array([[0.5, -0.25], [1.0, 0.75]]), b: jnp.array([0.1, -0.2]))
let xb = jnp.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
let yb = jnp.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
let grads = jit(grad(loss))(params, xb, yb)
print(grads.w)
print(grads.b)
let (value, g2) = jit(valueAndGrad(loss))(params, xb, yb)
print(value, g2.b)
let updated = treeMap({ p, g in p - 0.1 * g }, params, grads)
print(loss(updated, xb, yb))
func cube(_ x: Tensor) -> Tensor { x * x * x }
print(grad(grad(cube))(jnp.array(2.0)))
print(jit(vmap(grad(cube)))(jnp.array([1.0, 2.0, 3.0])))
print(vmap(grad(jnp.tanh))(jnp.array([0.0, 1.0])))
