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
  BenchCase(name: "sgemm_1024", summary: "jitted 1024x1024x1024 float32 matmul, default threads") {
    sgemm1024()
  },
  BenchCase(name: "sgemm_1024_1t", summary: "jitted 1024x1024x1024 float32 matmul, one thread") {
    let old = JAXConfig.threadCount
    defer { JAXConfig.threadCount = old }
    JAXConfig.threadCount = 1
    return sgemm1024()
  },
  BenchCase(name: "bmm_64x256", summary: "jitted batched matmul bij,bjk->bik, 64 x 256x256 float32") {
    let (b, n) = (64, 256)
    let f = jit { (x: Tensor, y: Tensor) in jnp.einsum("bij,bjk->bik", x, y) }
    let x = Tensor((0..<b * n * n).map { Float($0 % 7) * 0.25 }, shape: [b, n, n])
    let y = Tensor((0..<b * n * n).map { Float($0 % 5) * 0.5 }, shape: [b, n, n])
    _ = f(x, y)
    return timePerOp(reps: 5, inner: 1, warmup: 1) { f(x, y).blockUntilReady() }
  },
  BenchCase(name: "transcendental_1e7", summary: "jitted tanh(x)*exp(-x*x)+log1p(x*x)+sin(x) over 1e7 float32") {
    let f = jit { (x: Tensor) in Lax.tanh(x) * Lax.exp(-x * x) + Lax.log1p(x * x) + Lax.sin(x) }
    let x = Numpy.linspace(-3, 3, num: 10_000_000, dtype: .float32)
    _ = f(x)
    return timePerOp(reps: 5, inner: 1, warmup: 1) { f(x).blockUntilReady() }
  },
]

/// The jitted 1024^3 float32 matmul, on JAXConfig.threadCount threads.
private func sgemm1024() -> [Double] {
  let n = 1024
  let f = jit { (a: Tensor, b: Tensor) in Lax.dot(a, b) }
  let a = Tensor((0..<n * n).map { Float($0 % 7) * 0.25 }, shape: [n, n])
  let b = Tensor((0..<n * n).map { Float($0 % 5) * 0.5 }, shape: [n, n])
  _ = f(a, b)
  return timePerOp(reps: 5, inner: 1, warmup: 1) { f(a, b).blockUntilReady() }
}
