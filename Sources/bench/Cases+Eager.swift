import Examples
import SwiftJAX

/// Eager dispatch: the cost of one small operation through `bind`.
let eagerCases: [BenchCase] = [
  BenchCase(name: "eager_add4", summary: "x = x + 1.0 on float32[4], per operation") {
    var x = Tensor([0, 1, 2, 3] as [Float])
    let inner = 20_000
    let times = timePerOp(reps: 15, inner: inner) {
      for _ in 0..<inner { x = x + 1.0 }
    }
    _ = x.toArray(Float.self)
    return times
  },
  BenchCase(name: "eager_dot4", summary: "dot of two int32[4], per operation") {
    let a = Tensor([1, 2, 3, 4] as [Int32])
    let b = Tensor([5, 6, 7, 8] as [Int32])
    var r = a
    let inner = 20_000
    let times = timePerOp(reps: 15, inner: inner) {
      for _ in 0..<inner { r = jnp.dot(a, b) }
    }
    _ = r.toArray(Int32.self)
    return times
  },
  // Seed 000's eager loop, as its NumPy and `jnp` versions run it: the RK4
  // stepper (`coords[0]` indexing, `jnp.array` of three scalars) applied
  // 1e4 times from `jnp.full((3,), 10)`, each state kept in a Swift array.
  // Peers: Benchmarks/peers/jax_cases_eager.py.
  BenchCase(name: "lorenz_eager_loop_1e4", summary: "seed 000's eager RK4 loop (rollout_loop), 1e4 steps, per step") {
    let stepper = LorenzRK4Stepper()
    let initCoords = jnp.full([3], 10)
    let length = 10_000
    var traj: [Tensor] = []
    let times = timePerOp(reps: 7, inner: length, warmup: 1) {
      traj = rolloutLoop(stepper, initCoords, length)
    }
    precondition(traj.count == length + 1 && traj[length].shape == [3])
    return times
  },
]
