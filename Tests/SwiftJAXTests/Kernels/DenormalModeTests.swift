import Testing
@testable import SwiftJAX

/// ``JAXConfig/flushDenormals``: in XLA:CPU's subnormal mode (``Denormals``)
/// subnormal results and operands are zero inside eager operations, jit
/// calls and parallel loops, and the caller's IEEE arithmetic is untouched
/// after they return; off (the default), SwiftJAX computes IEEE subnormals.
@Suite struct DenormalModeTests {
  /// `x * y` computed by the CPU at run time in the caller's mode (opaque
  /// to the optimiser, so never folded at compile time).
  @inline(never) static func product(_ x: Float, _ y: Float) -> Float { x * y }

  static let tiny = Float.leastNonzeroMagnitude

  @Test func eagerOperationsFlushAndRestoreTheCallersMode() {
    let x = Tensor([Self.tiny, -Self.tiny, 1e-38, 1])
    JAXConfig.withFlushDenormals(true) {
      #expect((x * 2).toArray(Float.self).map(\.bitPattern) == [0, (-0.0 as Float).bitPattern, 0, Float(2).bitPattern])
      // DAZ: a subnormal operand reads as zero in comparisons too (JAX's
      // 1e-45 > 0 is false).
      #expect(jnp.greater(x, Tensor(Float(0))).toArray(Bool.self) == [false, false, false, true])
      #expect(Self.product(Self.tiny, 1).isSubnormal, "the caller's thread was left flushing")
    }
    #expect(Self.product(Self.tiny, 1).isSubnormal)
  }

  @Test func jitCallsFlushAndRestoreTheCallersMode() {
    let f = jit { (x: Tensor) in x * 2 }
    let x = Tensor([Self.tiny, 1e-39, 2])
    JAXConfig.withFlushDenormals(true) {
      let y = f(x)
      #expect(y.toArray(Float.self) == [0, 0, 4])
      #expect(y.toArray(Float.self) == (x * 2).toArray(Float.self), "jit == eager")
      #expect(Self.product(Self.tiny, 1).isSubnormal, "the caller's thread was left flushing")
    }
  }

  @Test func parallelLoopsFlushOnEveryThread() {
    // Large enough for the kernels to split the work over the pool.
    let x = Tensor([Float](repeating: Self.tiny, count: 1 << 20))
    let f = jit { (x: Tensor) in jnp.sum(x * 3) }
    #expect(JAXConfig.withFlushDenormals(true) { f(x) }.item(Float.self) == 0)
    #expect(Self.product(Self.tiny, 1).isSubnormal)
    // Off again: the workers follow the caller back to IEEE subnormals.
    #expect(f(x).item(Float.self) > 0)
  }

  @Test func offByDefaultSubnormalsAreIEEE() {
    let x = Tensor([Self.tiny, 1e-39])
    #expect(!JAXConfig.flushDenormals)
    #expect((x * 2).toArray(Float.self) == [2 * Self.tiny, 2e-39])
    #expect(jit { (x: Tensor) in x * 2 }(x).toArray(Float.self) == [2 * Self.tiny, 2e-39])
  }
}
