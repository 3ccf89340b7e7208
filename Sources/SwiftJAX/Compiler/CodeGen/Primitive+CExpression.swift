// The C lowering of elementwise primitives: one C expression per
// (primitive, dtype), written to match the eager kernels bit for bit.
// Operands and results are in the compute type (`float` for float16).

extension Primitive {
  /// Whether the primitive lowers to an inline C expression for these
  /// operand types. The rest of the elementwise family (special functions
  /// ported from XLA into the eager kernels) runs through the runtime
  /// callback so jit stays exactly equal to eager.
  func hasCExpression(_ ins: [ShapedArray]) -> Bool {
    switch self {
    case .unary(let op):
      switch op {
      default: return true
      }
    case .binary(let op):
      if op == .nextafter && ins[0].dtype == .float16 { return false }
      if op == .pow && ins[0].dtype != ins[1].dtype { return false }
      return true
    case .integerPow, .compare, .selectN, .clamp, .convertElementType: return true
    case .bitcastConvertType(let d): return d.byteSize == ins[0].dtype.byteSize
    default: return false
    }
  }

  /// The C expression of the result from operand expressions `x`.
  func cExpression(_ x: [String], _ ins: [ShapedArray], _ out: ShapedArray) -> String {
    let d = ins.first?.dtype ?? out.dtype
    let s = d.cSuffix
    let m = d.libmSuffix
    switch self {
    case .unary(let op):
      let a = x[0]
      if d.isFloatingPoint {
        switch op {
        case .neg: return "(-\(a))"
        case .abs: return "fabs\(m)(\(a))"
        case .sign: return "jx_sign\(m)(\(a))"
        case .floor: return "floor\(m)(\(a))"
        case .ceil: return "ceil\(m)(\(a))"
        case .round: return "round\(m)(\(a))"
        case .roundEven: return "rint\(m)(\(a))"
        // The eager kernels' own functions: float16/32 log, log1p and
        // erf_inv are XLA ports (not libm) whose text is in the prelude;
        // the rarer ones are reached through the runtime table.
        case .log where d != .float64: return "jx_logf(\(a))"
        case .log1p where d != .float64: return "jx_log1pf(\(a))"
        case .erfInv where d != .float64: return "jx_erfinvf(\(a))"
        case .erfInv, .lgamma, .digamma:
          return "jx_rt->\(op == .erfInv ? "erfinv" : op.name)\(m)(\(a))"
        case .exp, .exp2, .log, .log1p, .expm1, .sqrt, .cbrt, .sin, .cos, .tan, .asin, .acos, .atan,
          .sinh, .cosh, .tanh, .asinh, .acosh, .atanh, .erf, .erfc:
          return "\(op.name)\(m)(\(a))"
        case .rsqrt: return "(\(d == .float64 ? "1.0" : "1.0f") / sqrt\(m)(\(a)))"
        case .logistic: return "jx_logistic\(m)(\(a))"
        case .isFinite: return "((uint8_t)(isfinite(\(a)) != 0))"
        case .copy, .real: return a
        case .square: return "(\(a) * \(a))"
        case .not: fatalError("no C expression for \(name) on \(d)")
        }
      }
      if d == .bool {
        return op == .not ? "((uint8_t)(\(a) ^ 1))" : a
      }
      switch op {
      case .neg: return "jx_neg_\(s)(\(a))"
      case .abs: return "jx_abs_\(s)(\(a))"
      case .sign: return "((\(d.cType))((\(a) > 0) - (\(a) < 0)))"
      case .not: return "((\(d.cType))~\(a))"
      case .square: return "jx_mul_\(s)(\(a), \(a))"
      default: return a
      }

    case .integerPow(let n):
      if d.isFloatingPoint { return d == .float64 ? "jx_ipowd(\(x[0]), \(n))" : "jx_ipowf(\(x[0]), \(n))" }
      if n >= 0 { return "jx_ipow_\(s)(\(x[0]), \(n)ULL)" }
      return "((\(d.cType))jx_ipow_neg((int64_t)\(x[0]), \(n), \(d.isSignedInteger ? 1 : 0)))"

    case .binary(let op):
      let (a, b) = (x[0], x[1])
      if d.isFloatingPoint {
        switch op {
        case .add: return "(\(a) + \(b))"
        case .sub: return "(\(a) - \(b))"
        case .mul: return "(\(a) * \(b))"
        case .div: return "(\(a) / \(b))"
        case .rem: return "fmod\(m)(\(a), \(b))"
        // Through a wrapper: clang folds pow with a constant operand.
        case .pow: return d == .float64 ? "jx_powd(\(a), \(b))" : "jx_powf(\(a), \(b))"
        case .max: return d == .float64 ? "jx_maxd(\(a), \(b))" : "jx_maxf(\(a), \(b))"
        case .min: return d == .float64 ? "jx_mind(\(a), \(b))" : "jx_minf(\(a), \(b))"
        case .atan2: return "atan2\(m)(\(a), \(b))"
        case .nextafter: return "nextafter\(m)(\(a), \(b))"
        default: fatalError("no C expression for \(name) on \(d)")
        }
      }
      if d == .bool {
        switch op {
        case .add, .max, .or: return "((uint8_t)(\(a) | \(b)))"
        case .mul, .min, .and: return "((uint8_t)(\(a) & \(b)))"
        case .sub, .xor: return "((uint8_t)(\(a) ^ \(b)))"
        case .div: return "((uint8_t)(\(b) == 0 ? 1 : \(a)))"
        case .rem: return "((uint8_t)(\(b) == 0 ? \(a) : 0))"
        default: fatalError("no C expression for \(name) on bool")
        }
      }
      let t = d.cType
      switch op {
      case .add: return "jx_add_\(s)(\(a), \(b))"
      case .sub: return "jx_sub_\(s)(\(a), \(b))"
      case .mul: return "jx_mul_\(s)(\(a), \(b))"
      case .div: return "jx_div_\(s)(\(a), \(b))"
      case .rem: return "jx_rem_\(s)(\(a), \(b))"
      case .pow: return "jx_pow_\(s)(\(a), \(b))"
      case .max: return "(\(a) > \(b) ? \(a) : \(b))"
      case .min: return "(\(a) < \(b) ? \(a) : \(b))"
      case .and: return "((\(t))(\(a) & \(b)))"
      case .or: return "((\(t))(\(a) | \(b)))"
      case .xor: return "((\(t))(\(a) ^ \(b)))"
      case .shiftLeft: return "jx_shl_\(s)(\(a), \(b))"
      case .shiftRightLogical: return "jx_shrl_\(s)(\(a), \(b))"
      case .shiftRightArithmetic: return "jx_shra_\(s)(\(a), \(b))"
      case .atan2, .nextafter: fatalError("no C expression for \(name) on \(d)")
      }

    case .compare(let op):
      let sym = switch op {
      case .eq: "=="
      case .ne: "!="
      case .lt: "<"
      case .le: "<="
      case .gt: ">"
      case .ge: ">="
      }
      return "((uint8_t)(\(x[0]) \(sym) \(x[1])))"

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
      if xd.isFloatingPoint {
        let sx = xd == .float64 ? "d" : "f"
        return "jx_min\(sx)(jx_max\(sx)(\(v), \(lo)), \(hi))"
      }
      return "({ \(xd.cType) c_ = \(v) > \(lo) ? \(v) : \(lo); c_ < \(hi) ? c_ : \(hi); })"

    case .convertElementType(let to, _):
      return convertExpression(x[0], from: d, to: to)

    default:
      fatalError("\(name) is not an elementwise C expression")
    }
  }
}

/// JAX's conversion semantics: int→int wraps, float→int truncates and
/// saturates with NaN → 0, anything→bool is `!= 0`, and conversions into
/// float16 round once from the source value.
func convertExpression(_ x: String, from: DType, to: DType) -> String {
  if from == to { return x }
  if to == .bool { return "((uint8_t)((\(x)) != 0))" }
  if to == .float16 { return "((float)(jx_f16)(\(x)))" }
  if to.isFloatingPoint { return "((\(to.cType))(\(x)))" }
  if from.isFloatingPoint { return "jx_f2i_\(to.cSuffix)((double)(\(x)))" }
  return "((\(to.cType))(\(x)))"
}
