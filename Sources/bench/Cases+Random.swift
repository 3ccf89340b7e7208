import Foundation
import SwiftJAX

// PRNG cases. Peer versions: Benchmarks/peers/jax_cases_random.py.

let randomCases: [BenchCase] = [
  BenchCase(name: "random_normal_1e7", summary: "jitted Random.normal(key, shape: [10_000_000]) float32, time per call") {
    let f = jit { (k: Tensor) in Random.normal(k, shape: [10_000_000]) }
    let key = Random.PRNGKey(0)
    _ = f(key).blockUntilReady()  // compile outside the timing
    return timePerOp(reps: 10, inner: 1, warmup: 2) { _ = f(key).blockUntilReady() }
  },
]
