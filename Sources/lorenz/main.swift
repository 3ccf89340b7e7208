// The main demo: seed 000 ("Autoregressive rollout in jax") in SwiftJAX.
// A Lorenz system integrated with RK4, rolled out first with a plain Swift
// loop of eager operations (NumPy style), then with `Lax.scan` under `jit`.
//
//   swift run -c release lorenz [steps]

import Foundation
import SwiftJAX

struct LorenzRK4Stepper {
  var sigma = 10.0, rho = 28.0, beta = 8.0 / 3.0, tau = 0.01

  func lorenzRHS(_ coords: Tensor) -> Tensor {
    jnp.array([
      sigma * (coords[1] - coords[0]),
      coords[0] * (rho - coords[2]) - coords[1],
      coords[0] * coords[1] - beta * coords[2],
    ])
  }

  func callAsFunction(_ coords: Tensor) -> Tensor {
    let k1 = tau * lorenzRHS(coords)
    let k2 = tau * lorenzRHS(coords + (1.0 / 2.0) * k1)
    let k3 = tau * lorenzRHS(coords + (1.0 / 2.0) * k2)
    let k4 = tau * lorenzRHS(coords + k3)
    return coords + (1.0 / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4)
  }
}

func rolloutLoop(_ stepper: LorenzRK4Stepper, _ initCoords: Tensor, _ length: Int) -> [Tensor] {
  var coords = initCoords
  var traj = [initCoords]
  for _ in 0..<length {
    coords = stepper(coords)
    traj.append(coords)
  }
  return traj
}

func rolloutScan(_ stepper: LorenzRK4Stepper) -> (Tensor, Int) -> Tensor {
  func scanFn(_ coords: Tensor, _: Tensor?) -> (Tensor, Tensor) {
    let newCoords = stepper(coords)
    return (newCoords, newCoords)
  }
  return { initCoords, length in
    let (_, trajectory) = Lax.scan(scanFn, initial: initCoords, xs: nil, length: length)
    return trajectory
  }
}

func seconds(_ body: () -> Void) -> Double {
  let t0 = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
}

let stepper = LorenzRK4Stepper()
let finalTime = 100.0
let length = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : Int(finalTime / stepper.tau)
let initCoords = jnp.full([3], 10)

print("Lorenz system, RK4, tau = \(stepper.tau), \(length) steps from \(initCoords.str)")

var loopTrajectory: [Tensor] = []
let tLoop = seconds { loopTrajectory = rolloutLoop(stepper, initCoords, length) }
print(String(format: "eager Swift loop:        %8.3f s   (%.2f µs per step)", tLoop, tLoop / Double(length) * 1e6))

// `length` is static (it fixes the trajectory's shape), like
// `static_argnums` in JAX.
let rollout = jit { (coords: Tensor, length: Static<Int>) in rolloutScan(stepper)(coords, length.value) }
var trajectory = Tensor(0)
let tFirst = seconds { trajectory = rollout(initCoords, Static(length)).blockUntilReady() }
print(String(format: "jit(scan), first call:   %8.3f s   (trace + compile + run)", tFirst))
var times: [Double] = []
for _ in 0..<5 { times.append(seconds { trajectory = rollout(initCoords, Static(length)).blockUntilReady() }) }
let tScan = times.sorted()[2]
print(String(format: "jit(scan), median of 5:  %8.6f s   (%.1f ns per step, %.0fx the eager loop)", tScan, tScan / Double(length) * 1e9, tLoop / tScan))
print("final state (loop): \(loopTrajectory.last!.str)")
print("final state (scan): \(trajectory[length - 1].str)")
print("trajectory: \(trajectory.shape) \(trajectory.dtype)")
