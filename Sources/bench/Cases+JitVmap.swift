import Foundation
import SwiftJAX

// vmap of the seed 000 rollout: 1024 Lorenz trajectories of 1e4 steps at
// once (the batched scan carries a [1024, 3] state). Peer:
// Benchmarks/peers/jax_cases_control.py.

let jitVmapCases: [BenchCase] = [
  BenchCase(name: "lorenz_vmap_1024x1e4", summary: "jit(vmap(rollout)): 1024 Lorenz RK4 trajectories of 1e4 scan steps") {
    let stepper = LorenzRK4Stepper()
    func rollout(_ initCoords: Tensor) -> Tensor {
      let (_, trajectory) = Lax.scan({ coords, _ in
        let newCoords = stepper(coords)
        return (newCoords, newCoords)
      }, initial: initCoords, xs: nil, length: 10_000)
      return trajectory
    }
    let batchedRollout: (Tensor) -> Tensor = vmap(rollout)
    let batched = jit(batchedRollout)
    let values: [Float] = (0..<(1024 * 3)).map { k in 10 + Float(k % 97) * 0.01 }
    let inits = Tensor(values, shape: [1024, 3])
    _ = batched(inits)
    return timePerOp(reps: 5, inner: 1, warmup: 1) { batched(inits).blockUntilReady() }
  },
]
