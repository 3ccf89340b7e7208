import Foundation
import Examples
import SwiftJAX

// vmap of the seed 000 rollout: 1024 Lorenz rollouts of 1e4 steps at once
// (the batched scan carries a [1024, 3] state). Peer:
// Benchmarks/peers/jax_cases_control.py.

let jitVmapCases: [BenchCase] = [
  // The issue's case: vmap of the rollout's final state.
  lorenzVmapCase(name: "lorenz_vmap_1024x1e4", trajectory: false),
  // The same with every example's full trajectory (f32[1024, 10000, 3]).
  lorenzVmapCase(name: "lorenz_vmap_traj_1024x1e4", trajectory: true),
]

func lorenzVmapCase(name: String, trajectory: Bool) -> BenchCase {
  BenchCase(name: name, summary: "jit(vmap(rollout)): 1024 Lorenz RK4 rollouts of 1e4 scan steps, \(trajectory ? "full trajectories" : "final states")") {
    let stepper = LorenzRK4Stepper()
    func rollout(_ initCoords: Tensor) -> Tensor {
      let (final, trajectory_) = Lax.scan({ coords, _ in
        let newCoords = stepper(coords)
        return (newCoords, newCoords)
      }, initial: initCoords, xs: nil, length: 10_000)
      return trajectory ? trajectory_ : final
    }
    let batchedRollout: (Tensor) -> Tensor = vmap(rollout)
    let batched = jit(batchedRollout)
    let values: [Float] = (0..<(1024 * 3)).map { k in 10 + Float(k % 97) * 0.01 }
    let inits = Tensor(values, shape: [1024, 3])
    _ = batched(inits)
    return timePerOp(reps: 5, inner: 1, warmup: 1) { batched(inits).blockUntilReady() }
  }
}
