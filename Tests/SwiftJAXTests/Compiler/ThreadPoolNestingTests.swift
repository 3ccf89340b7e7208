import Foundation
import Testing
@testable import SwiftJAX

/// Issue 11, item 10: a parallel loop started inside another one runs
/// (inline) instead of deadlocking on the pool.
@Suite struct ThreadPoolNestingTests {
  /// Runs `body` on its own thread and reports whether it finished within
  /// `seconds` (a deadlock must fail the test, not hang the suite).
  func finishes(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    Thread {
      body()
      done.signal()
    }.start()
    return done.wait(timeout: .now() + seconds) == .success
  }

  @Test func nestedParallelForRuns() {
    let pool = ThreadPool(threads: 4)
    let sums = LockedList<Int>()
    let ok = finishes(within: 60) {
      pool.parallelFor(4) { lo, hi in
        for _ in lo..<hi {
          let partial = LockedList<Int>()
          pool.parallelFor(1000) { a, b in partial.append((a..<b).reduce(0, +)) }
          sums.append(partial.items.reduce(0, +))
        }
      }
    }
    #expect(ok, "nested parallelFor deadlocked")
    #expect(sums.items == [499_500, 499_500, 499_500, 499_500])
    #expect(!ThreadPool.isInsideParallelLoop)
  }

  /// The caller also runs the chunks no worker has taken when its own is
  /// done (ThreadPool.runUntakenChunks): whichever thread takes a chunk,
  /// every chunk of every loop runs exactly once.
  @Test func everyChunkRunsOnceWhoeverTakesIt() {
    let pool = ThreadPool(threads: 3)
    for n in [2, 3, 7, 64] {
      for _ in 0..<300 {
        let seen = LockedList<Int>()
        pool.parallelFor(n) { lo, hi in
          for i in lo..<hi { seen.append(i) }
        }
        let items = seen.items.sorted()
        #expect(items == Array(0..<n))
        if items != Array(0..<n) { return }
      }
    }
  }

  /// Finer chunks (`chunksPerThread`, jit's parallel loops): still every
  /// index exactly once, in chunks no more numerous than asked, and one
  /// chunk per allowed thread when JAXConfig.threadCount keeps some of the
  /// shared pool's threads out.
  @Test func finerChunksCoverTheRangeOnce() {
    let pool = ThreadPool(threads: 3)
    for n in [2, 5, 24, 1000] {
      for _ in 0..<100 {
        let seen = LockedList<Int>(), chunks = LockedList<Int>()
        pool.parallelFor(n, chunksPerThread: 8) { lo, hi in
          chunks.append(lo)
          for i in lo..<hi { seen.append(i) }
        }
        #expect(seen.items.sorted() == Array(0..<n))
        #expect(chunks.items.count == min(n, 24))
        if seen.items.sorted() != Array(0..<n) { return }
      }
    }
    guard ThreadPool.shared.threadCount > 1 else { return }
    let old = JAXConfig.threadCount
    defer { JAXConfig.threadCount = old }
    JAXConfig.threadCount = ThreadPool.shared.threadCount - 1
    let chunks = LockedList<Int>()
    ThreadPool.shared.parallelFor(1 << 16, chunksPerThread: 8) { lo, _ in chunks.append(lo) }
    #expect(chunks.items.count == max(1, ThreadPool.shared.threadCount - 1))
  }

  @Test func jittedParallelLoopInsidePoolLoop() {
    guard Toolchain.compilerPath != nil else { return }
    let n: Int = 1 << 17  // above the generated code's parallel-loop threshold
    let x = jnp.arange(n).astype(.float32) * 0.001
    let f = jit { (x: Tensor) in jnp.sin(x) * 2 + 1 }
    #expect(f.lower(x).cSource.contains("parallel_for"))
    let expected = (jnp.sin(x) * 2 + 1).toArray(Float.self)
    let results = LockedList<[Float]>()
    let ok = finishes(within: 120) {
      ThreadPool.shared.parallelFor(4) { lo, hi in
        for _ in lo..<hi { results.append(f(x).toArray(Float.self)) }
      }
    }
    #expect(ok, "a jitted parallel loop inside ThreadPool.shared.parallelFor deadlocked")
    #expect(results.items.count == 4)
    #expect(results.items.allSatisfy { $0 == expected })
  }
}
