import Foundation
import Testing
@testable import SwiftJAX

/// ``JAXConfig/flushDenormals``: in XLA:CPU's subnormal mode (``Denormals``)
/// subnormal results and operands are zero inside eager operations, jit
/// calls and parallel loops (the default, as XLA:CPU), and the caller's IEEE
/// arithmetic is untouched after they return; off, SwiftJAX computes IEEE
/// subnormals.
@Suite struct DenormalModeTests {
  /// `x * y` computed by the CPU at run time in the caller's mode (opaque
  /// to the optimiser, so never folded at compile time).
  @inline(never) static func product(_ x: Float, _ y: Float) -> Float { x * y }

  static let tiny = Float.leastNonzeroMagnitude
  /// float32(1e-40), a subnormal, by its bits: a `1e-40` Float literal
  /// compiles with an underflow warning, and converting a Double inside a
  /// flushing scope would give 0.
  static let sub = Float(bitPattern: 0x0001_16c2)

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
    // Off: the workers follow the caller to IEEE subnormals.
    #expect(JAXConfig.withFlushDenormals(false) { f(x) }.item(Float.self) > 0)
  }

  @Test func onByDefaultAsXLA() {
    let x = Tensor([Self.tiny, 1e-39])
    // The suite may run with SWIFTJAX_FLUSH_DENORMALS set; only its absence
    // means the default.
    if ProcessInfo.processInfo.environment["SWIFTJAX_FLUSH_DENORMALS"] == nil { #expect(JAXConfig.flushDenormals) }
    JAXConfig.withFlushDenormals(true) {
      #expect((x * 2).toArray(Float.self) == [0, 0])
    }
    JAXConfig.withFlushDenormals(false) {
      #expect((x * 2).toArray(Float.self) == [2 * Self.tiny, 2e-39])
      #expect(jit { (x: Tensor) in x * 2 }(x).toArray(Float.self) == [2 * Self.tiny, 2e-39])
    }
    #expect(Self.product(Self.tiny, 1).isSubnormal, "the caller's thread was left flushing")
  }

  /// Conversions to and from float16 never flush, in either mode and in
  /// eager and jit alike (XLA's do not: JAX's `float32(6.1e-5)` becomes the
  /// float16 subnormal 6.1e-5, and float16 subnormals widen exactly).
  @Test func float16ConversionsDoNotFlush() {
    let x = Tensor([Float(6.1e-5), 3e-5, -5.96e-8, 1])
    let h = x.astype(.float16)
    let bits = h.toArray(Float16.self).map(\.bitPattern)
    #expect(bits == [0x03FF, 0x01F7, 0x8001, 0x3C00])
    #expect(jit { (x: Tensor) in x.astype(.float16) }(x).toArray(Float16.self).map(\.bitPattern) == bits)
    let back = h.astype(.float32).toArray(Float.self)
    #expect(back == h.toArray(Float16.self).map { Float($0) })
    #expect(back[2] != 0)
  }

  /// XLA converts float64 to float16 through float32 (two roundings), and
  /// so do the eager kernel and jit: 1 + 2⁻¹¹ + 2⁻⁴⁰ becomes 1 in JAX
  /// (NumPy, rounding once, gives 1.001).
  @Test func float64ToFloat16RoundsTwiceAsXLA() {
    JAXConfig.withX64(true) {
      let x = Tensor([1 + 0x1p-11 + 0x1p-40, -(1 + 0x1p-11 + 0x1p-40), 1 + 0x1p-10] as [Double])
      let want: [Float16] = [1, -1, 1 + 0x1p-10]
      #expect(x.astype(.float16).toArray(Float16.self) == want)
      #expect(jit { (x: Tensor) in x.astype(.float16) }(x).toArray(Float16.self) == want)
    }
  }

  /// `x * 1` is where JAX's own jit and eager differ with subnormals
  /// flushed: eager multiplies (and flushes), jit's simplifier removes the
  /// multiplication (XLA's algebraic simplifier, SwiftJAX's
  /// Optimizer.simplify, and clang's folding of `x * 1.0f` alike). JAX
  /// 0.10.2: eager `[0, -0, 0, 1]`, jit `[1e-40, -1e-40, 1e-45, 1]`.
  @Test func timesOneFlushesEagerlyAndNotUnderJitAsInJAX() {
    JAXConfig.withFlushDenormals(true) {
      let x = Tensor([Self.sub, -Self.sub, Self.tiny, 1])
      #expect((x * 1.0).toArray(Float.self).map(\.bitPattern) == [0, (-0.0 as Float).bitPattern, 0, Float(1).bitPattern])
      #expect(jit { (x: Tensor) in x * 1.0 }(x).toArray(Float.self) == [Self.sub, -Self.sub, Self.tiny, 1])
      // integer_pow(x, 1) is x itself in JAX, eager and jit.
      #expect(Lax.integerPow(x, 1).toArray(Float.self) == [Self.sub, -Self.sub, Self.tiny, 1])
      #expect(jit { (x: Tensor) in Lax.integerPow(x, 1) }(x).toArray(Float.self) == [Self.sub, -Self.sub, Self.tiny, 1])
    }
  }
}
