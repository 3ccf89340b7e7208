// Eager fast paths of the NumPy layer. Seed 000's eager Lorenz loop
// (`coords[0]` indexing, `sigma * (...)` with Swift scalars, `jnp.array`
// of three scalars) is made of ~85 operations on 3-element and 0-d arrays
// per RK4 step; NumPy spends ~200 ns on each. The general path lowers
// `x[1]` to `slice` + `squeeze`, boxes every Swift scalar into a weak 0-d
// tensor, promotes, and builds argument arrays: several microseconds an
// operation. The paths here produce the same result (dtype, weak bit and
// bits, see EagerFastPathTests) with one allocation and one copy or C loop,
// and only in the easy case: concrete operands, plain eager mode (nothing
// staged, no NaN/Inf checks), a case whose general result is certain.
// Everything else — every error included — returns nil and takes the
// general path, which reports it.

enum EagerFastPath {
  /// Whether an operation on concrete operands may take a fast path now:
  /// nothing is being staged (under `jit` even concrete operations are
  /// staged), no NaN/Inf checks are on (the general path checks each
  /// primitive and names it), and a test has not turned fast paths off.
  @inline(__always)
  static var open: Bool {
    let ctx = InterpreterContext.current
    return ctx.dynamic == nil && !ctx.eagerFastPathsOff
      && !(ctx.debugNaNsOverride ?? DebugChecks.nans) && !(ctx.debugInfsOverride ?? DebugChecks.infs)
  }

  /// Runs `body` with every eager operation on this thread taking the
  /// general path: how tests check that the fast paths agree with it.
  static func withFastPathsOff<R>(_ body: () throws -> R) rethrows -> R {
    let ctx = InterpreterContext.current
    let saved = ctx.eagerFastPathsOff
    ctx.eagerFastPathsOff = true
    defer { ctx.eagerFastPathsOff = saved }
    return try body()
  }

  /// `a op b` for two concrete operands of one dtype: `jnp`'s promotion
  /// leaves them as they are and its broadcasting has nothing to do when
  /// the shapes are equal or one is 0-d, so this is the eval rule of the
  /// primitive, minus the argument arrays.
  @inline(__always)
  static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) -> Tensor? {
    guard let x = a.value as? ConcreteArray, let y = b.value as? ConcreteArray, x.aval.dtype == y.aval.dtype,
      open, let r = EvalTrace.fastBinary(op, x, y) else { return nil }
    return Tensor(value: r)
  }

  /// `t op s` (or `s op t` with `scalarFirst`) for a Swift scalar `s` and a
  /// concrete, strongly typed float32/float64 tensor `t`, for `op` one of
  /// add, sub, mul (division has XLA's reciprocal rule: general path).
  ///
  /// The general path boxes `s` as a weak 0-d tensor of the default dtype
  /// and promotion converts it to `t`'s dtype; a weak scalar never widens a
  /// strongly typed float, so the result has `t`'s aval. Here `s` takes the
  /// same two conversions in a stack buffer (``ConcreteArray/store`` and
  /// ``ConcreteArray/load``, what the boxed tensor's `setElement` and
  /// `element` do) and goes to the same C loop.
  @inline(__always)
  static func scalar(_ op: BinaryOp, _ t: Tensor, _ s: ScalarValue, scalarFirst: Bool) -> Tensor? {
    guard let x = t.value as? ConcreteArray, !x.aval.weakType else { return nil }
    let dtype = x.aval.dtype
    guard dtype == .float32 || dtype == .float64, x.byteCount < ConcreteArray.probeBytes, open else { return nil }
    var buffer: (UInt64, UInt64) = (0, 0)
    return withUnsafeMutableBytes(of: &buffer) { raw -> Tensor? in
      let p = raw.baseAddress!
      switch s {
      case .float:
        // float32: rounding once is what the general path's one or two
        // roundings (to the default float type, then to float32) give.
        if dtype == .float64 {
          let boxed = DType.defaultFloat
          ConcreteArray.store(s, boxed, p, 0)
          ConcreteArray.store(ConcreteArray.load(boxed, p, 0), dtype, p, 0)
        } else {
          ConcreteArray.store(s, dtype, p, 0)
        }
      case .int(let i):
        // Exact in the default int type whether or not x64 is on; larger
        // values may overflow it, which the general path reports.
        guard i >= Int64(Int32.min) && i <= Int64(Int32.max) else { return nil }
        ConcreteArray.store(s, dtype, p, 0)
      case .bool, .uint, .complex:
        return nil
      }
      // The general path's `broadcastOperands`: equal shapes (a 0-d `t`)
      // run elementwise, else the scalar side is broadcast.
      let mode: Int32 = x.aval.shape.isEmpty ? 0 : (scalarFirst ? 1 : 2)
      let r = scalarFirst
        ? Kernels.binary(op, dtype, UnsafeRawPointer(p), UnsafeRawPointer(x.data), mode: mode, x.aval)
        : Kernels.binary(op, dtype, UnsafeRawPointer(x.data), UnsafeRawPointer(p), mode: mode, x.aval)
      return Tensor(value: r)
    }
  }

  /// `x[i]` for a static in-range `i` and a concrete `x` of rank ≥ 1: the
  /// general path's `slice` + `squeeze`, as one copy of row `i` (both keep
  /// the dtype and the weak bit). Out-of-range `i` clamps there.
  @inline(__always)
  static func index(_ t: Tensor, _ i: Int) -> Tensor? {
    guard let x = t.value as? ConcreteArray, let n = x.aval.shape.first, i >= -n && i < n,
      x.byteCount < ConcreteArray.probeBytes, open else { return nil }
    let row = x.aval.with(shape: Array(x.aval.shape.dropFirst()))
    let bytes = x.byteCount / n
    let out = ConcreteArray(uninitialized: row)
    if bytes > 0 { out.data.copyMemory(from: x.data + (i < 0 ? i + n : i) * bytes, byteCount: bytes) }
    return Tensor(value: out)
  }

  /// `jnp.array([a, b, ...])` of concrete tensors of one dtype and shape:
  /// the general path's `stack` (promotion leaves them alone, expand_dims,
  /// concatenate) and conversion to a strong type, as one copy of each.
  static func stack(_ ts: [Tensor]) -> Tensor? {
    guard let first = ts.first?.value as? ConcreteArray else { return nil }
    let aval = first.aval
    let piece = first.byteCount
    guard piece < ConcreteArray.probeBytes / ts.count else { return nil }
    for t in ts {
      guard let c = t.value as? ConcreteArray, c.aval.dtype == aval.dtype, c.aval.shape == aval.shape else { return nil }
    }
    guard open else { return nil }
    let out = ConcreteArray(uninitialized: ShapedArray(shape: [ts.count] + aval.shape, dtype: aval.dtype))
    if piece > 0 {
      var p = out.data
      for t in ts {
        // Checked above: every operand is concrete.
        p.copyMemory(from: unsafeDowncast(t.value, to: ConcreteArray.self).data, byteCount: piece)
        p += piece
      }
    }
    return Tensor(value: out)
  }
}
