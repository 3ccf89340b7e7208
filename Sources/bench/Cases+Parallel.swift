import Foundation
import Examples
import SwiftJAX

// The ensemble of issue 19: final states of 4096 Lorenz RK4 rollouts of
// 1e4 steps, split over in-process devices with pmap (each device runs the
// vmapped rollout on its share, compiled). Peer:
// Benchmarks/peers/jax_cases_parallel.py (jax.pmap over 2 host devices).
//
// Each device runs its compiled program on its own thread, one core per
// device as in JAX's host-device model. The `_1t` cases also pin the
// thread pool to one thread, to show that no device spreads over a second
// core by itself: on an idle machine they measure the same as the default
// cases (docs/scaling.md: 2 devices 1.94x faster than 1).

let parallelCases: [BenchCase] = [
  ensembleCase(name: "ensemble_lorenz_4096x1e4_1dev", devices: 1),
  ensembleCase(name: "ensemble_lorenz_4096x1e4", devices: 2),
  ensembleCase(name: "ensemble_lorenz_4096x1e4_1dev_1t", devices: 1, threads: 1),
  ensembleCase(name: "ensemble_lorenz_4096x1e4_2dev_1t", devices: 2, threads: 1),
]

func ensembleCase(name: String, devices: Int, threads: Int? = nil) -> BenchCase {
  let pool = threads.map { ", \($0) pool thread(s)" } ?? ""
  return BenchCase(name: name, summary: "pmap over \(devices) device(s)\(pool) of vmap(rollout): 4096 Lorenz RK4 rollouts of 1e4 steps, final states") {
    Devices.localCount = max(Devices.localCount, devices)
    let savedThreads = JAXConfig.threadCount
    defer { JAXConfig.threadCount = savedThreads }
    if let threads { JAXConfig.threadCount = threads }
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
