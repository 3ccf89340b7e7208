// SwiftJAX from many threads and tasks at once: jitted functions, grad and
// vmap-transformed functions and eager operations give the same results
// as on one thread. The suite also runs under ThreadSanitizer
// (scripts/tsan.sh).
import Dispatch
import Foundation
import SwiftJAX
import Testing

private let threads = 8

@Suite struct ConcurrencyTests {
  /// 8 threads × 10,000 calls of one jitted function.
  @Test func oneJittedFunctionFromManyThreads() {
    let f = jit { (x: Tensor, y: Tensor) in jnp.sin(x) * y + 1 }
    let x = jnp.array([0.5, 1.0, 1.5]), y = jnp.array([2.0, 3.0, 4.0])
    let expected = f(x, y).toArray(Float.self)
    let calls = ProcessInfo.processInfo.environment["SWIFTJAX_STRESS_CALLS"].flatMap(Int.init) ?? 10_000
    let failures = Counter()
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      let yt = y + Float(t)   // each thread its own inputs
      let want = f(x, yt).toArray(Float.self)
      for _ in 0..<calls where f(x, yt).toArray(Float.self) != want { failures.add() }
    }
    #expect(failures.value == 0)
    #expect(f(x, y).toArray(Float.self) == expected)
  }

  /// 8 threads each jit (and compile) a different function at the same time.
  @Test func jittingDifferentFunctionsAtOnce() {
    let x = jnp.arange(16).astype(.float32) * 0.25
    let failures = Counter()
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      let c = Float(t + 1)
      let f = jit { (x: Tensor) in jnp.tanh(x * c) + jnp.cos(x) * Float(t) }
      let eager = (jnp.tanh(x * c) + jnp.cos(x) * Float(t)).toArray(Float.self)
      let got = f(x).toArray(Float.self)
      if zip(got, eager).contains(where: { abs($0 - $1) > 1e-6 }) { failures.add() }
    }
    #expect(failures.value == 0)
  }

  /// grad, vmap and eager operations from many threads.
  @Test func transformedAndEagerFromManyThreads() {
    let df = grad { (x: Tensor) in jnp.sum(jnp.sin(x) * x) }
    let batched = vmap { (row: Tensor) in jnp.sum(row * row) }
    let x = jnp.array([[0.5, 1.0], [1.5, 2.0]])
    let wantGrad = df(x).toArray(Float.self)
    let wantVmap = batched(x).toArray(Float.self)
    let wantEager = jnp.matmul(x, x.T).toArray(Float.self)
    let failures = Counter()
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      for _ in 0..<200 {
        if df(x).toArray(Float.self) != wantGrad { failures.add() }
        if batched(x).toArray(Float.self) != wantVmap { failures.add() }
        if jnp.matmul(x, x.T).toArray(Float.self) != wantEager { failures.add() }
      }
    }
    #expect(failures.value == 0)
  }

  /// Swift tasks share tensors and a jitted function.
  @Test func swiftTasks() async {
    let f = jit { (x: Tensor) in jnp.cumsum(x) * 2 }
    let x = jnp.arange(100).astype(.float32)
    let want = f(x).toArray(Float.self)
    let results = await withTaskGroup(of: Bool.self) { group in
      for i in 0..<32 {
        group.addTask { f(x).toArray(Float.self) == want && jnp.sum(x + Float(i)).item(Float.self) == 4950 + 100 * Float(i) }
      }
      var all: [Bool] = []
      for await r in group { all.append(r) }
      return all
    }
    #expect(results.count == 32 && results.allSatisfy { $0 })
  }
}

/// A thread-safe counter for failures seen on worker threads.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var n = 0
  func add() { lock.lock(); n += 1; lock.unlock() }
  var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
