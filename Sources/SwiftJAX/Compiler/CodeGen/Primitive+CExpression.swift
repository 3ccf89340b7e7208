// The C lowering of elementwise primitives: one C expression per
// (primitive, dtype), written to match the eager kernels bit for bit.
// Operands and results are in the compute type (`float` for float16).

extension Primitive {
  /// The C expression of the result from operand expressions `x`.
  func cExpression(_ x: [String], _ ins: [ShapedArray], _ out: ShapedArray) -> String {
    let d = ins.first?.dtype ?? out.dtype
    let s = d.cSuffix
    switch self {
    case .unary(let op):
      return op.info.cExpression(x[0], d)

    case .integerPow(let n):
      if d.isComplex { return "jx_cipow_\(d.cSuffix)(\(x[0]), \(n))" }
      if d.isFloatingPoint { return d == .float64 ? "jx_ipowd(\(x[0]), \(n))" : "jx_ipowf(\(x[0]), \(n))" }
      if n >= 0 { return "jx_ipow_\(s)(\(x[0]), \(n)ULL)" }
      return "((\(d.cType))jx_ipow_neg((int64_t)\(x[0]), \(n), \(d.isSignedInteger ? 1 : 0)))"

    case .binary(let op):
      if op == .mul && d.isComplex && ins.count == 2 {
        // As the eager kernel (elementwise.c, CMUL_PICK): the sign of a NaN
        // follows XLA's choice for an elementwise or broadcast-scalar operand.
        let n = out.count, bs = n > 1 && ins[1].count == 1 && ins[0].count > 1, sb = n > 1 && ins[0].count == 1 && ins[1].count > 1
        return "jx_cmul\(bs ? "bs" : sb ? "sb" : "ew")_\(s)(\(x[0]), \(x[1]))"
      }
      return op.info.cExpression(x[0], x[1], d)

    case .compare(let op):
      return "((uint8_t)(\(x[0]) \(op.cOperator) \(x[1])))"

    case .selectN:
      let w = x[0]
      let cases = Array(x.dropFirst())
      if cases.count == 1 { return cases[0] }
      if ins[0].dtype == .bool { return "(\(w) ? \(cases[1]) : \(cases[0]))" }
      // Out-of-range `which` clamps to the first/last case, as the kernel does.
      var e = cases[cases.count - 1]
      for k in stride(from: cases.count - 2, through: 0, by: -1) {
        e = k == 0 ? "(\(w) <= 0 ? \(cases[0]) : \(e))" : "(\(w) == \(k) ? \(cases[k]) : \(e))"
      }
      return e

    case .clamp:
      let (lo, v, hi) = (x[0], x[1], x[2])
      let xd = ins[1].dtype
      if xd.isComplex { return "jx_cclamp_\(xd.cSuffix)(\(lo), \(v), \(hi))" }
      if xd.isFloatingPoint {
        let sx = xd == .float64 ? "d" : "f"
        return "jx_min\(sx)(jx_max\(sx)(\(v), \(lo)), \(hi))"
      }
      return "({ \(xd.cType) c_ = \(v) > \(lo) ? \(v) : \(lo); c_ < \(hi) ? c_ : \(hi); })"

    case .convertElementType(let to, _):
      return convertExpression(x[0], from: d, to: to)

    // A statement (memcpy through a temporary), emitted by Emitter.compute.
    case .bitcastConvertType:
      fatalError("bitcast_convert_type is lowered by Emitter.compute, not as an expression")
    case .iota, .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice,
      .dynamicUpdateSlice, .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral,
      .convGeneralDilated, .reduceWindow, .fft, .sort, .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      fatalError("\(name) is not an elementwise C expression")
    }
  }
}

/// JAX's conversion semantics: int→int wraps, float→int truncates and
/// saturates with NaN → 0, anything→bool is `!= 0`, and conversions into
/// float16 go through float32 (XLA's float64 → float16 rounds twice, as
/// the eager kernel does).
func convertExpression(_ x: String, from: DType, to: DType) -> String {
  if from == to { return x }
  if to == .bool { return "((uint8_t)((\(x)) != 0))" }
  // complex -> real keeps the real part, then converts it as a float would.
  if from.isComplex && !to.isComplex { return convertExpression("(__real__ (\(x)))", from: from.realPart, to: to) }
  if to.isComplex { return "((\(to.cType))(\(x)))" }
  // float16 and bfloat16 convert through float32, as XLA does (float64
  // rounds twice); bfloat16 rounds with the integer code of
  // jx_scalar_text.h, as the eager kernel does.
  if to == .float16 { return "((float)(jx_f16)(float)(\(x)))" }
  if to == .bfloat16 { return "jx_round_bf16((float)(\(x)))" }
  if to.isFloatingPoint { return "((\(to.cType))(\(x)))" }
  if from.isFloatingPoint { return "jx_f2i_\(to.cSuffix)((double)(\(x)))" }
  return "((\(to.cType))(\(x)))"
}
