import Foundation
import Testing
@testable import SwiftJAX

/// Large programs: the entry point is split into part functions of
/// bounded size (`CRenderer.partLineLimit`), because clang's time grows
/// faster than linearly with the size of one function.
@Suite struct JITLargeProgramTests {
  /// `steps` rounds of three primitives on a 3-vector (C locals, which
  /// must survive from one part to the next) and, every tenth round, a
  /// 16×16 self-product (loops and a GEMM).
  static func chain(_ steps: Int) -> ([Tensor]) -> [Tensor] {
    return { xs in
      var x = xs[0], m = xs[1]
      for i in 0..<steps {
        x = x + Lax.sin(x) * 0.01
        if i % 10 == 9 { m = jnp.matmul(m, jnp.swapaxes(m, 0, 1)) * 0.05 + Lax.cos(m) }
      }
      return [x, m, x.sum() + m.sum()]
    }
  }

  static let inputs = [Tensor([0.5, -1, 2] as [Float]), jnp.arange(256).astype(.float32).reshape([16, 16]) * 0.001]

  @Test func largeProgramIsSplitIntoPartsAndStaysExact() {
    let f = jit(Self.chain(700))
    let source = f.lower(Self.inputs).cSource
    let parts = source.components(separatedBy: "static __attribute__((noinline)) int jx_part").count - 1
    #expect(parts >= 2 || CRenderer.partLineLimit == Int.max, "expected the entry point in several parts")
    // Each part stays near the limit (an item is never split).
    for body in source.components(separatedBy: "static __attribute__((noinline)) int jx_part").dropFirst() {
      let lines = body.split(separator: "\n").prefix { !$0.hasPrefix("}") }.count
      #expect(lines < CRenderer.partLineLimit &+ 200)
    }
    let eager = Self.chain(700)(Self.inputs)
    for (j, e) in zip(f(Self.inputs), eager) { JITEquality.expectEqual(j, e) }
  }

  /// `SWIFTJAX_COMPILE_TIME_STEPS=1000,3000` (see scripts/compile_time.sh)
  /// prints the first-call time of each chain length in a fresh cache;
  /// without it, one short chain (a single part) is checked.
  @Test func firstCallTimeOfLongChains() {
    let env = ProcessInfo.processInfo.environment["SWIFTJAX_COMPILE_TIME_STEPS"] ?? "50"
    for steps in env.split(separator: ",").compactMap({ Int($0) }) {
      let f = jit(Self.chain(steps))
      let primitives = f.lower(Self.inputs).optimizedJaxpr.jaxpr.equations.count
      let start = Date()
      let result = f(Self.inputs)
      let seconds = Date().timeIntervalSince(start)
      print("compile-time: \(steps) steps, \(primitives) primitives, first call \(String(format: "%.2f", seconds)) s")
      for (j, e) in zip(result, Self.chain(steps)(Self.inputs)) { JITEquality.expectEqual(j, e) }
    }
  }
}
