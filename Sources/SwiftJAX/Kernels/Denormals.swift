import CSwiftJAXKernels

/// XLA:CPU's subnormal mode for SwiftJAX's own computations: with
/// ``JAXConfig/flushDenormals`` on (the default), eager primitives, jit
/// calls and thread-pool chunks run with flush-to-zero and
/// denormals-are-zero set, as XLA runs its computations
/// (tsl::port::ScopedFlushDenormal), so `1e-45 * 1 == 0` as in JAX; off,
/// the scope does nothing (IEEE 754 subnormals, unless the caller set
/// another mode itself). The
/// caller's floating-point mode is restored when the scope ends, so plain
/// Swift arithmetic after a SwiftJAX call keeps IEEE subnormals.
enum Denormals {
  /// Runs `body` in SwiftJAX's subnormal mode (``JAXConfig/flushDenormals``):
  /// one read and (when the mode changes) one write of the control register
  /// on entry, one write on exit; nested scopes only read it, and with the
  /// mode off nothing is read or written (~5 ns a scope then, ~11 ns on).
  @inline(__always)
  static func scope<R>(_ body: () throws -> R) rethrows -> R {
    let saved = jx_flush_denormals_enter()
    defer { jx_flush_denormals_exit(saved) }
    return try body()
  }

  /// ``scope(_:)`` for an operation on `dtype`: float16 work runs with
  /// IEEE subnormals, because XLA's float16 conversions ignore the
  /// flushing bits and its float32 arithmetic on float16 values never
  /// meets a subnormal (see denormals.c), while the C library's
  /// conversions that the eager kernels call would flush.
  @inline(__always)
  static func scope<R>(_ dtype: DType, _ body: () throws -> R) rethrows -> R {
    if dtype != .float16 { return try scope(body) }
    return try ieee(body)
  }

  /// Runs `body` with IEEE 754 subnormals (the flushing bits cleared, the
  /// caller's mode restored after).
  @inline(__always)
  static func ieee<R>(_ body: () throws -> R) rethrows -> R {
    let saved = jx_flush_denormals_enter_ieee()
    defer { jx_flush_denormals_exit(saved) }
    return try body()
  }
}
