import Foundation

// JAX's `jax_debug_nans` / `jax_debug_infs`: when on, every primitive
// evaluated eagerly has its floating-point outputs checked, and the first
// one that produces a NaN (or an infinity) is reported as a
// `.floatingPoint` error naming the primitive and the caller's site. A
// jitted function's outputs are checked after the compiled code runs; if
// one is bad, the function is re-run without jit, op by op, to find the
// primitive responsible (as JAX does). Off by default: the check reads
// every element of every result.

enum DebugChecks {
  // Read on every eager operation, so not behind JAXConfig's lock: set them
  // at start-up (or use the thread-local `JAXConfig.withDebugNaNs`).
  nonisolated(unsafe) static var nans = JAXConfig.flag("SWIFTJAX_DEBUG_NANS") ?? JAXConfig.flag("JAX_DEBUG_NANS") ?? false
  nonisolated(unsafe) static var infs = JAXConfig.flag("SWIFTJAX_DEBUG_INFS") ?? JAXConfig.flag("JAX_DEBUG_INFS") ?? false

  /// The settings in effect on this thread: (NaNs, infinities).
  @inline(__always)
  static var current: (nans: Bool, infs: Bool) {
    let ctx = InterpreterContext.current
    return (ctx.debugNaNsOverride ?? nans, ctx.debugInfsOverride ?? infs)
  }

  /// Whether any check is on for this thread.
  @inline(__always)
  static var active: Bool {
    let c = current
    return c.nans || c.infs
  }

  /// The first non-finite value the settings forbid in `outs`, as
  /// "nan"/"inf", or nil.
  static func firstBad(_ outs: [Tensor]) -> String? {
    let (checkNaN, checkInf) = current
    for o in outs {
      guard let c = o.value as? ConcreteArray, c.aval.dtype.isFloatingPoint else { continue }
      for i in 0..<c.count {
        let v = c.element(i).asDouble
        if checkNaN && v.isNaN { return "nan" }
        if checkInf && v.isInfinite { return "inf" }
      }
    }
    return nil
  }

  /// Reports a `.floatingPoint` error when an output of `primitive` holds
  /// a forbidden value (JAX's `FloatingPointError`).
  static func check(_ primitive: Primitive, _ outs: [Tensor], site: CallSite?) {
    guard let bad = firstBad(outs) else { return }
    JAXError.raise(JAXError(
      .floatingPoint, primitive.name,
      "invalid value (\(bad)) encountered in \(primitive.name) (reported because JAXConfig.debug\(bad == "nan" ? "NaNs" : "Infs") is on)",
      site: site))
  }

  /// After a compiled function returned a forbidden value: re-runs it
  /// without jit so the eager checks name the primitive and its site; if
  /// that run is clean, reports the jitted function itself.
  static func diagnoseCompiled(_ outs: [Tensor], jitSite: CallSite, rerun: () -> Void) {
    guard let bad = firstBad(outs) else { return }
    let ctx = InterpreterContext.current
    let scope = ErrorScope()
    ctx.errorScopes.append(scope)
    rerun()
    ctx.errorScopes.removeLast()
    if let e = scope.first, e.kind == .floatingPoint {
      JAXError.raise(JAXError(
        e.kind, e.operation,
        e.message + "; the jitted function (traced at \(jitSite)) was re-run without jit to find this operation",
        site: e.site))
      return
    }
    JAXError.raise(JAXError(
      .floatingPoint, "jit",
      "invalid value (\(bad)) in the output of the jitted function traced at \(jitSite); re-running it without jit did not reproduce it (the compiled code differs from eager here)",
      site: jitSite))
  }
}
