// Seed 001 ("For Loops in JAX"): a density pushed along x by a steady
// velocity that varies across y, `density += dt * (-velocity * d density/dx)`,
// as an eager loop, a `forLoop`, and a jitted Swift loop that unrolls.
import Foundation
import SwiftJAX

/// The seed's 512 x 128 grid (x along axis 0): a Gaussian blob of density
/// and an x-velocity that peaks along the middle of y.
///
/// ```swift
/// print(advectionInitialConditions(nx: 2, ny: 2).density)
/// // ≈ [[1.7139084e-15 1.2340980e-04]
/// //  [2.5436657e-13 1.8315647e-02]]
/// ```
public func advectionInitialConditions(nx: Int = 512, ny: Int = 128) -> (density: Tensor, velocity: Tensor) {
  var d = [Float](repeating: 0, count: nx * ny), v = d
  for i in 0..<nx {
    for j in 0..<ny {
      let x = Float(i) / Float(nx), y = Float(j) / Float(ny)
      d[i * ny + j] = expf(-((x - 0.3) * (x - 0.3) + (y - 0.5) * (y - 0.5)) / 0.01)
      v[i * ny + j] = 0.5 * expf(-(y - 0.5) * (y - 0.5) / 0.02)
    }
  }
  return (Tensor(d, shape: [nx, ny]), Tensor(v, shape: [nx, ny]))
}

/// One explicit Euler step of the seed's loop body.
///
/// ```swift
/// let (d, v) = (jnp.array([[0.0], [1.0], [4.0]]), jnp.ones([3, 1]))
/// print(advectionStep(d, v, dt: 0.1))
/// // [[-0.1]
/// //  [ 0.8]
/// //  [ 3.7]]
/// ```
public func advectionStep(_ density: Tensor, _ velocity: Tensor, dt: Double) -> Tensor {
  let gradN = jnp.gradient(density, axis: 0)
  let dndt = -velocity * gradN
  return density + dt * dndt
}

/// The NumPy-style loop, run eagerly op by op.
///
/// ```swift
/// let (d, v) = (jnp.array([[0.0], [1.0], [4.0]]), jnp.ones([3, 1]))
/// print(advectEager(d, v, steps: 2, dt: 0.1))
/// // [[-0.19]
/// //  [ 0.61]
/// //  [ 3.41]]
/// ```
public func advectEager(_ density: Tensor, _ velocity: Tensor, steps: Int, dt: Double) -> Tensor {
  var densityPrev = density
  for _ in 0..<steps { densityPrev = advectionStep(densityPrev, velocity, dt: dt) }
  return densityPrev
}

/// `jit` of `lax.fori_loop`: one compiled loop, whatever `steps` is.
///
/// ```swift
/// let (d, v) = (jnp.array([[0.0], [1.0], [4.0]]), jnp.ones([3, 1]))
/// print(advectForLoop(steps: 2, dt: 0.1)(d, v))
/// // ≈ [[-0.19000001]
/// //  [ 0.61      ]
/// //  [ 3.41      ]]
/// ```
public func advectForLoop(steps: Int, dt: Double) -> (Tensor, Tensor) -> Tensor {
  let f = jit { (density: Tensor, velocity: Tensor) in
    Lax.forLoop(0, steps, body: { _, d in advectionStep(d, velocity, dt: dt) }, initial: density)
  }
  return { f($0, $1) }
}

/// `jit` of a plain Swift loop: tracing unrolls it, so the compiled program
/// holds `steps` copies of the body (the seed's "JAX-naive" case).
///
/// ```swift
/// let (d, v) = (jnp.array([[0.0], [1.0], [4.0]]), jnp.ones([3, 1]))
/// print(advectUnrolled(steps: 2, dt: 0.1)(d, v))
/// // ≈ [[-0.19000001]
/// //  [ 0.61      ]
/// //  [ 3.41      ]]
/// ```
public func advectUnrolled(steps: Int, dt: Double) -> (Tensor, Tensor) -> Tensor {
  let f = jit { (density: Tensor, velocity: Tensor) in
    var d = density
    for _ in 0..<steps { d = advectionStep(d, velocity, dt: dt) }
    return d
  }
  return { f($0, $1) }
}
