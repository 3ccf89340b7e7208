import Examples
import Foundation
import SwiftJAX

// jit of the seed programs: the Lorenz RK4 rollout with scan (seed 000)
// and 2-D advection with gradient in a fori loop (seed 001). Peer
// versions: Benchmarks/peers/jax_cases_control.py.

/// `rollout_scan(stepper)` of seed 000: the whole trajectory.
func lorenzRollout(length: Int) -> Jitted<Tensor, Tensor> {
  let stepper = LorenzRK4Stepper()
  return jit { (initCoords: Tensor) in
    let (_, trajectory) = Lax.scan({ coords, _ in
      let newCoords = stepper(coords)
      return (newCoords, newCoords)
    }, initial: initCoords, xs: nil, length: length)
    return trajectory
  }
}

/// Seed 001's initial density (a Gaussian blob) and a horizontal velocity
/// that is fastest in the middle of the domain.
func advectionInitialConditions() -> (density: Tensor, velocity: Tensor) {
  let (nx, ny) = (512, 128)
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

let jitControlCases: [BenchCase] = [
  BenchCase(name: "lorenz_scan_1e6", summary: "jitted Lorenz RK4 rollout with scan, 1e6 steps, float32 trajectory") {
    let rollout = lorenzRollout(length: 1_000_000)
    let initCoords = Tensor([10, 10, 10] as [Float])
    _ = rollout(initCoords)
    return timePerOp(reps: 7, inner: 1, warmup: 1) { rollout(initCoords).blockUntilReady() }
  },
  BenchCase(name: "lorenz_scan_1e6_fma", summary: "the same with contractFMA (a*b+c fused, as XLA does)") {
    let rollout = lorenzRollout(length: 1_000_000)
    rollout.contractFMA = true
    let initCoords = Tensor([10, 10, 10] as [Float])
    _ = rollout(initCoords)
    return timePerOp(reps: 7, inner: 1, warmup: 1) { rollout(initCoords).blockUntilReady() }
  },
  BenchCase(name: "advection_fori_1000", summary: "jitted 512x128 advection, gradient along axis 0, 1000 fori steps") {
    let (initialDensity, initialVelocity) = advectionInitialConditions()
    let dt = 0.1
    let simulate = jit { (density: Tensor, velocity: Tensor) in
      Lax.forLoop(0, 1000, body: { _, densityPrev in
        let gradN = Numpy.gradient(densityPrev, axis: 0)
        let dndt = -velocity * gradN
        return densityPrev + dt * dndt
      }, initial: density)
    }
    _ = simulate(initialDensity, initialVelocity)
    return timePerOp(reps: 7, inner: 1, warmup: 1) { simulate(initialDensity, initialVelocity).blockUntilReady() }
  },
]
