// Seed 000 ("Autoregressive rollout in jax"), written as a SwiftJAX user
// writes it: the RK4 stepper, the NumPy-style loop, the scan rollout, and
// the Lyapunov exponent the article promises as a follow-up.
import SwiftJAX

/// `LorenzRK4StepperJNP` of seed 000: one RK4 step of the Lorenz system.
///
/// ```swift
/// let step = LorenzRK4Stepper()
/// let next = step(Tensor([1.0, 1.0, 1.0] as [Float]))
/// ```
public struct LorenzRK4Stepper: Sendable {
  /// The Lorenz parameters σ, ρ, β and the time step τ of seed 000.
  public var sigma = 10.0, rho = 28.0, beta = 8.0 / 3.0, tau = 0.01
  /// A stepper with the seed's parameters by default.
  ///
  /// - Parameters:
  ///   - sigma: σ.
  ///   - rho: ρ.
  ///   - beta: β.
  ///   - tau: The time step.
  ///
  /// ```swift
  /// LorenzRK4Stepper(rho: 14)(jnp.array([1.0, 1.0, 1.0]))  // [1.0057946 1.1197348 0.9841683]
  /// ```
  public init(sigma: Double = 10, rho: Double = 28, beta: Double = 8.0 / 3.0, tau: Double = 0.01) {
    self.sigma = sigma; self.rho = rho; self.beta = beta; self.tau = tau
  }

  /// The right-hand side (dx/dt, dy/dt, dz/dt) at `coords`, built with
  /// `coords[i]` indexing and `jnp.array` as the seed writes it.
  ///
  /// - Parameter coords: The state (x, y, z).
  ///
  /// ```swift
  /// LorenzRK4Stepper().lorenzRHS(jnp.array([1.0, 2.0, 3.0]))  // [10. 23. -6.]
  /// ```
  public func lorenzRHS(_ coords: Tensor) -> Tensor {
    jnp.array([
      sigma * (coords[1] - coords[0]),
      coords[0] * (rho - coords[2]) - coords[1],
      coords[0] * coords[1] - beta * coords[2],
    ])
  }

  /// One RK4 step from `coords`.
  ///
  /// - Parameter coords: The state (x, y, z).
  ///
  /// ```swift
  /// LorenzRK4Stepper()(jnp.array([1.0, 1.0, 1.0]))  // [1.0125672 1.2599177 0.984891 ]
  /// ```
  public func callAsFunction(_ coords: Tensor) -> Tensor {
    let k1 = tau * lorenzRHS(coords)
    let k2 = tau * lorenzRHS(coords + (1.0 / 2.0) * k1)
    let k3 = tau * lorenzRHS(coords + (1.0 / 2.0) * k2)
    let k4 = tau * lorenzRHS(coords + k3)
    return coords + (1.0 / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4)
  }
}

/// `rollout_loop` of seed 000: a Swift loop of eager operations.
///
/// ```swift
/// print(rolloutLoop(LorenzRK4Stepper(), jnp.array([1.0, 1.0, 1.0]), 2)[2])
/// // [1.0488237  1.5239971  0.97311425]
/// ```
public func rolloutLoop(_ stepper: LorenzRK4Stepper, _ initCoords: Tensor, _ length: Int) -> [Tensor] {
  var coords = initCoords
  var traj = [initCoords]
  for _ in 0..<length {
    coords = stepper(coords)
    traj.append(coords)
  }
  return traj
}

/// `rollout_scan(stepper)` of seed 000: a function of the initial state and
/// the (static) length that returns the trajectory, shape [length, 3].
public func rolloutScan(_ stepper: LorenzRK4Stepper) -> (Tensor, Int) -> Tensor {
  func scanFn(_ coords: Tensor, _: Tensor?) -> (Tensor, Tensor) {
    let newCoords = stepper(coords)
    return (newCoords, newCoords)
  }
  return { initCoords, length in
    let (_, trajectory) = Lax.scan(scanFn, initial: initCoords, xs: nil, length: length)
    return trajectory
  }
}

/// `jax.jit(rollout_scan(stepper), static_argnums=1)`: the length fixes the
/// trajectory's shape, so it is a static argument.
public func jitRollout(_ stepper: LorenzRK4Stepper) -> (Tensor, Int) -> Tensor {
  let rollout = jit { (coords: Tensor, length: Static<Int>) in rolloutScan(stepper)(coords, length.value) }
  return { coords, length in rollout(coords, Static(length)) }
}

/// The trajectory from (10, 10, 10) as rows of Doubles, computed with
/// jit(scan) in float32, or in float64 with x64 enabled for the call (the
/// seed's point: precision changes a chaotic trajectory).
///
/// ```swift
/// print(lorenzTrajectory(length: 2, float64: false)[1])
/// // [10.307787895202637, 13.235114097595215, 11.777050018310547]
/// ```
public func lorenzTrajectory(length: Int, float64: Bool, stepper: LorenzRK4Stepper = LorenzRK4Stepper()) -> [[Double]] {
  JAXConfig.withX64(float64) {
    let initCoords = jnp.full([3], 10.0)
    let traj = jitRollout(stepper)(initCoords, length)
    let flat = traj.toArray(Double.self)
    return (0..<length).map { Array(flat[(3 * $0)..<(3 * $0 + 3)]) }
  }
}

/// The maximal Lyapunov exponent of each initial condition in `inits`
/// ([n, 3]): the tangent of one RK4 step is pushed forward with `jvp`
/// inside `scan`, renormalised every step, and the log growth averaged over
/// `steps` steps after `transient` steps that let the state reach the
/// attractor. `vmap` runs all initial conditions at once, under `jit`.
public func lyapunovExponents(_ inits: Tensor, steps: Int, transient: Int, stepper: LorenzRK4Stepper = LorenzRK4Stepper()) -> Tensor {
  func settle(_ x: Tensor, _: Tensor?) -> (Tensor, Tensor?) { (stepper(x), nil) }
  func grow(_ carry: (Tensor, Tensor, Tensor), _: Tensor?) -> ((Tensor, Tensor, Tensor), Tensor?) {
    let (x, v, logSum) = carry
    let (next, dv) = jvp({ (c: Tensor) in stepper(c) }, primals: x, tangents: v)
    let norm = jnp.sqrt(jnp.sum(dv * dv))
    return ((next, dv / norm, logSum + jnp.log(norm)), nil)
  }
  func exponent(_ x0: Tensor) -> Tensor {
    let (x, _) = Lax.scan(settle, initial: x0, xs: nil, length: transient)
    let v0 = jnp.ones([3]) / jnp.sqrt(jnp.array(3.0))
    let ((_, _, logSum), _) = Lax.scan(grow, initial: (x, v0, jnp.zeros([])), xs: nil, length: steps)
    return logSum / (Double(steps) * stepper.tau)
  }
  return jit(vmap(exponent))(inits)
}
