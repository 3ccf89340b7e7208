import CSwiftJAXKernels

// Elementwise kernels. These sit on the hottest eager path (a 4-element
// add must cost well under a microsecond including bind), so they do one
// allocation (the output) and one C call.

extension Kernels {
  static func unary(_ op: UnaryOp, _ x: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    // The eager fast paths call these directly: the subnormal mode (Denormals) here too.
    check(Denormals.scope(x.aval.dtype) { jx_unary(op.rawValue, x.aval.dtype.rawValue, x.data, y.data, x.count) }, op.name)
    return y
  }

  static func integerPow(_ n: Int, _ x: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    check(jx_integer_pow(x.aval.dtype.rawValue, x.data, y.data, x.count, Int64(n)), "integer_pow")
    return y
  }

  /// Brings `a` and `b` to a form the C loops take: both of the output's
  /// shape (mode 0), or one of them a single element broadcast against the
  /// other (mode 1: `a`, mode 2: `b`). Operands that broadcast along some
  /// size-1 dimensions (`f32[2,3] * f32[1,3]`, as JAX 0.10's lax allows)
  /// are expanded first.
  @inline(__always)
  private static func broadcastOperands(
    _ a: ConcreteArray, _ b: ConcreteArray, _ out: ShapedArray
  ) -> (ConcreteArray, ConcreteArray, Int32) {
    if a.aval.shape == b.aval.shape { return (a, b, 0) }
    if a.count == 1 { return (a, b, 1) }
    if b.count == 1 { return (a, b, 2) }
    return (expanded(a, to: out.shape), expanded(b, to: out.shape), 0)
  }

  /// `x` broadcast to `shape` (same rank, size-1 dims stretched).
  private static func expanded(_ x: ConcreteArray, to shape: [Int]) -> ConcreteArray {
    if x.aval.shape == shape { return x }
    return broadcastInDim(x, Array(0..<shape.count), x.aval.with(shape: shape))
  }

  static func binary(_ op: BinaryOp, _ a: ConcreteArray, _ b: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    // XLA divides by a broadcast divisor as a multiplication by its
    // reciprocal (see Jaxpr+XLADivision.swift); so does eager mode.
    if op == .div, XLADivision.appliesToBroadcast(divisor: b.aval, output: out) {
      let one = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: b.aval.dtype))
      one.setElement(0, .float(1))
      return binary(.mul, a, binary(.div, one, b, b.aval.with(dtype: b.aval.dtype)), out)
    }
    // pow with a float base and an integer exponent: JAX converts the
    // exponent to the base's type and lowers to a float pow.
    let (a, b, mode) = broadcastOperands(a, a.aval.dtype == b.aval.dtype ? b : converted(b, to: a.aval.dtype), out)
    return binary(op, a.aval.dtype, a.data, b.data, mode: mode, out)
  }

  /// The C loop of ``binary(_:_:_:_:)`` on raw operands of `dtype`, `mode`
  /// as ``broadcastOperands`` gives it. The eager scalar fast path
  /// (`x * 2.0`) passes its scalar from the stack here.
  @inline(__always)
  static func binary(
    _ op: BinaryOp, _ dtype: DType, _ a: UnsafeRawPointer, _ b: UnsafeRawPointer, mode: Int32, _ out: ShapedArray
  ) -> ConcreteArray {
    let y = alloc(out)
    // The eager fast paths call this directly: the subnormal mode (Denormals) here too.
    check(Denormals.scope(dtype) { jx_binary(op.rawValue, dtype.rawValue, a, b, y.data, out.count, mode) }, op.name)
    return y
  }

  static func compare(_ op: CompareOp, _ a: ConcreteArray, _ b: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    let (a, b, mode) = broadcastOperands(a, b, out)
    let y = alloc(out)
    // The eager fast paths call these directly: the subnormal mode (Denormals) here too.
    check(Denormals.scope(a.aval.dtype) { jx_compare(op.rawValue, a.aval.dtype.rawValue, a.data, b.data, y.data, out.count, mode) }, op.name)
    return y
  }

  static func selectN(_ inputs: [ConcreteArray], _ out: ShapedArray) -> ConcreteArray {
    let which = inputs[0]
    let y = alloc(out)
    var cases: [UnsafeRawPointer?] = []
    cases.reserveCapacity(inputs.count - 1)
    for c in inputs.dropFirst() { cases.append(UnsafeRawPointer(c.data)) }
    check(
      jx_select_n(
        out.dtype.byteSize, which.aval.dtype.rawValue, which.data, which.aval.shape.isEmpty ? 1 : 0,
        cases.count, cases, y.data, out.count),
      "select_n")
    return y
  }

  static func clamp(_ lo: ConcreteArray, _ x: ConcreteArray, _ hi: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    check(
      jx_clamp(
        x.aval.dtype.rawValue, lo.data, lo.aval.shape.isEmpty ? 1 : 0, x.data,
        hi.data, hi.aval.shape.isEmpty ? 1 : 0, y.data, out.count),
      "clamp")
    return y
  }

  static func convertElementType(_ x: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    if x.aval.dtype == out.dtype { return copyBytes(x, as: out) }
    let y = alloc(out)
    check(jx_convert(x.aval.dtype.rawValue, out.dtype.rawValue, x.data, y.data, x.count), "convert_element_type")
    return y
  }

  /// Reinterprets the bytes (little-endian, row-major, as XLA): a wider
  /// source gains a trailing dimension, a narrower one loses it.
  static func bitcastConvertType(_ x: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    let y = copyBytes(x, as: out)
    if out.dtype == .bool && x.aval.dtype != .bool {
      // Keep bool buffers canonical (0/1), as every kernel assumes.
      check(jx_convert(DType.uint8.rawValue, DType.bool.rawValue, y.data, y.data, y.count), "bitcast_convert_type")
    }
    return y
  }
}
