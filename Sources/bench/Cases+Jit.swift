import Foundation
import SwiftJAX

// jit cases: per-call overhead of a compiled function and the native GEMM
// path. Peer versions: Benchmarks/peers/jax_cases_jit.py.

let jitCases: [BenchCase] = [
  BenchCase(name: "jit_call_tiny", summary: "jitted a*b+1 on float32[3], time per call") {
    let f = jit { (a: Tensor, b: Tensor) in a * b + 1 }
    var a = Tensor([1, 2, 3] as [Float])
    let b = Tensor([0.5, 0.25, 0.125] as [Float])
    _ = f(a, b)  // compile outside the timing
    let inner = 20000
    return timePerOp(reps: 15, inner: inner) {
      for _ in 0..<inner { a = f(a, b) }
      a.blockUntilReady()
    }
  },
  BenchCase(name: "sgemm_1024", summary: "jitted 1024x1024x1024 float32 matmul, single thread") {
    let n = 1024
    let f = jit { (a: Tensor, b: Tensor) in Lax.dot(a, b) }
    let a = Tensor((0..<n * n).map { Float($0 % 7) * 0.25 }, shape: [n, n])
    let b = Tensor((0..<n * n).map { Float($0 % 5) * 0.5 }, shape: [n, n])
    _ = f(a, b)
    return timePerOp(reps: 5, inner: 1, warmup: 1) { f(a, b).blockUntilReady() }
  },
]
