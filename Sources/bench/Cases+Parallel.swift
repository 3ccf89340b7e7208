import Foundation
import Examples
import SwiftJAX

// The ensemble of issue 19: final states of 4096 Lorenz RK4 rollouts of
// 1e4 steps, split over in-process devices with pmap (each device runs the
// vmapped rollout on its share, compiled). Peer:
// Benchmarks/peers/jax_cases_parallel.py (jax.pmap over 2 host devices).

let parallelCases: [BenchCase] = [
  ensembleCase(name: "ensemble_lorenz_4096x1e4_1dev", devices: 1),
  ensembleCase(name: "ensemble_lorenz_4096x1e4", devices: 2),
]

func ensembleCase(name: String, devices: Int) -> BenchCase {
  BenchCase(name: name, summary: "pmap over \(devices) device(s) of vmap(rollout): 4096 Lorenz RK4 rollouts of 1e4 steps, final states") {
    Devices.localCount = max(Devices.localCount, devices)
    let stepper = LorenzRK4Stepper()
    func rollout(_ initCoords: Tensor) -> Tensor {
      Lax.scan({ coords, _ in
        let next = stepper(coords)
        return (next, next)
      }, initial: initCoords, xs: nil, length: 10_000).0
    }
    let perDevice: (Tensor) -> Tensor = vmap(rollout)
    let ensemble = pmap(perDevice, axisName: "devices")
    let values: [Float] = (0..<(4096 * 3)).map { k in 10 + Float(k % 97) * 0.01 }
    let inits = Tensor(values, shape: [devices, 4096 / devices, 3])
    _ = ensemble(inits)
    return timePerOp(reps: 5, inner: 1, warmup: 1) { ensemble(inits).blockUntilReady() }
  }
}
