import CSwiftJAXKernels

// Elementwise kernels. These sit on the hottest eager path (a 4-element
// add must cost well under a microsecond including bind), so they do one
// allocation (the output) and one C call.

extension Kernels {
  static func unary(_ op: UnaryOp, _ x: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    check(jx_unary(op.rawValue, x.aval.dtype.rawValue, x.data, y.data, x.count), op.name)
    return y
  }

  static func integerPow(_ n: Int, _ x: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    check(jx_integer_pow(x.aval.dtype.rawValue, x.data, y.data, x.count, Int64(n)), "integer_pow")
    return y
  }

  /// 0: equal shapes; 1: `a` is a broadcast scalar; 2: `b` is.
  @inline(__always)
  private static func broadcastMode(_ a: ConcreteArray, _ b: ConcreteArray) -> Int32 {
    if a.aval.shape.count == b.aval.shape.count { return 0 }
    return a.aval.shape.isEmpty ? 1 : 2
  }

  static func binary(_ op: BinaryOp, _ a: ConcreteArray, _ b: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    // pow with a float base and an integer exponent: JAX converts the
    // exponent to the base's type and lowers to a float pow.
    let b = a.aval.dtype == b.aval.dtype ? b : converted(b, to: a.aval.dtype)
    let y = alloc(out)
    check(
      jx_binary(op.rawValue, a.aval.dtype.rawValue, a.data, b.data, y.data, out.count, broadcastMode(a, b)),
      op.name)
    return y
  }

  static func compare(_ op: CompareOp, _ a: ConcreteArray, _ b: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    check(
      jx_compare(op.rawValue, a.aval.dtype.rawValue, a.data, b.data, y.data, out.count, broadcastMode(a, b)),
      op.name)
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
