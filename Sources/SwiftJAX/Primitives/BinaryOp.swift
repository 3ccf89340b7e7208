// The binary elementwise and comparison families as tables, like the
// unary one (UnaryOp.swift): each op's entry holds its name, accepted
// dtypes, eager kernel id, C lowering and derivative. Raw values are the C
// kernels' op codes; ElementwiseTableTests checks `kernelName` against
// CSwiftJAXKernels.h.

/// Binary elementwise primitives. Operands have equal shapes, or one is
/// rank 0 (a scalar broadcast against the other, as in JAX's Jaxprs:
/// `mul b 2.0:f32[]`).
///
/// ```swift
/// print(bind1(.binary(.atan2), [jnp.array([1.0, -1.0]), jnp.array([0.0, 0.0])]))
/// // [ 1.5707964 -1.5707964]
/// ```
public enum BinaryOp: Int32, CaseIterable, Hashable, Sendable {
  case add = 0, sub, mul, div, rem, pow, max, min, atan2, nextafter
  case and, or, xor
  case shiftLeft, shiftRightLogical, shiftRightArithmetic
  /// `lax.complex(x, y)`: `x + y·i` from two float operands of one dtype
  /// (float32 → complex64, float64 → complex128).
  case complex

  /// The table entry of this op.
  @inline(__always)
  var info: BinaryOpInfo { BinaryOpInfo.table[Int(rawValue)] }

  /// The `jax.lax` primitive name printed in Jaxprs.
  public var name: String { info.name }

  /// Which operand dtypes the op accepts.
  public var accepts: DTypeClass { info.accepts }

  /// The C kernels' op code name (`JX_ADD`).
  var kernelName: String { info.kernelName }

  /// Whether the op takes operands of dtype `d`: its class contains `d`,
  /// and for a complex `d` its entry has a complex lowering.
  ///
  /// ```swift
  /// [DType.bool, .int8, .float32].map { BinaryOp.and.accepts($0) }  // [true, true, false]
  /// ```
  @inline(__always)
  public func accepts(_ d: DType) -> Bool {
    // lax.complex takes float32/float64 parts only (JAX's _complex_elem_types).
    if self == .complex { return d == .float32 || d == .float64 }
    return info.accepts.contains(d) && (!d.isComplex || info.complexC != nil)
  }

  /// The result dtype for operands of dtype `d` (`complex` builds a
  /// complex number; every other op keeps `d`).
  ///
  /// ```swift
  /// BinaryOp.complex.resultDType(.float32)  // complex64
  /// ```
  @inline(__always)
  public func resultDType(_ d: DType) -> DType {
    self == .complex ? (d.complexCounterpart ?? d) : d
  }

  /// The output tangent of `y = op(a, b)` given operand tangents (nil =
  /// zero). Rank-0 operands broadcast against shaped ones, so each term is
  /// broadcast to the output shape.
  func jvp(_ a: Tensor, _ b: Tensor, _ ta: Tensor?, _ tb: Tensor?, y: Tensor) -> Tensor? {
    info.jvp.flatMap { $0(a, b, ta, tb, y) }
  }
}

/// One row of the binary table.
final class BinaryOpInfo: Sendable {
  typealias CLowering = @Sendable (_ a: String, _ b: String, _ d: DType) -> String
  typealias JVP = @Sendable (_ a: Tensor, _ b: Tensor, _ ta: Tensor?, _ tb: Tensor?, _ y: Tensor) -> Tensor?

  let name: String
  let kernelName: String
  let accepts: DTypeClass
  /// C expressions in the compute type, per kind of operand dtype; nil
  /// where `accepts` excludes the kind.
  let floatC: CLowering?
  let integerC: CLowering?
  let boolC: CLowering?
  /// The C expression for complex operands; nil: complex is rejected.
  let complexC: CLowering?
  /// nil: the derivative is zero.
  let jvp: JVP?

  init(
    _ name: String, _ kernelName: String, accepts: DTypeClass,
    float: CLowering? = nil, integer: CLowering? = nil, bool: CLowering? = nil, complex: CLowering? = nil, jvp: JVP?
  ) {
    self.complexC = complex
    self.name = name
    self.kernelName = kernelName
    self.accepts = accepts
    self.floatC = float
    self.integerC = integer
    self.boolC = bool
    self.jvp = jvp
  }

  static let table: [BinaryOpInfo] = BinaryOp.allCases.map { $0.makeInfo() }

  /// The C expression of `op(a, b)` for operands of dtype `d`.
  func cExpression(_ a: String, _ b: String, _ d: DType) -> String {
    let lower = d.isComplex ? complexC : d.isFloatingPoint ? floatC : d == .bool ? boolC : integerC
    guard let lower else { fatalError("no C expression for \(name) on \(d)") }
    return lower(a, b, d)
  }
}

// C shorthands: an infix operator, a per-integer-type helper of the
// prelude (`jx_add_i32`), a float32/float64 function pair, and a bool
// expression normalised to 0/1.
private func infix(_ op: String) -> BinaryOpInfo.CLowering { { a, b, _ in "(\(a) \(op) \(b))" } }
private func intHelper(_ f: String) -> BinaryOpInfo.CLowering { { a, b, d in "jx_\(f)_\(d.cSuffix)(\(a), \(b))" } }
private func floatCall(_ f32: String, _ f64: String) -> BinaryOpInfo.CLowering {
  { a, b, d in "\(d == .float64 ? f64 : f32)(\(a), \(b))" }
}
private func libm(_ f: String) -> BinaryOpInfo.CLowering { floatCall(f + "f", f) }
private func boolOp(_ op: String) -> BinaryOpInfo.CLowering { { a, b, _ in "((uint8_t)(\(a) \(op) \(b)))" } }
private func complexHelper(_ f: String) -> BinaryOpInfo.CLowering { { a, b, d in "jx_c\(f)_\(d.cSuffix)(\(a), \(b))" } }
private func typedInfix(_ op: String) -> BinaryOpInfo.CLowering { { a, b, d in "((\(d.cType))(\(a) \(op) \(b)))" } }

extension BinaryOp {
  fileprivate func makeInfo() -> BinaryOpInfo {
    typealias I = BinaryOpInfo
    // Bool arithmetic is uint8 arithmetic normalised to 0/1, as in the
    // kernels: add/max are or, mul/min are and, sub is xor.
    switch self {
    case .add:
      return I("add", "JX_ADD", accepts: .numericOrBool, float: infix("+"), integer: intHelper("add"), bool: boolOp("|"),
               complex: infix("+"), jvp: { _, _, ta, tb, y in addTangents(ta.map { broadcastTo($0, y.shape) }, tb.map { broadcastTo($0, y.shape) }) })
    case .sub:
      return I("sub", "JX_SUB", accepts: .numericOrBool, float: infix("-"), integer: intHelper("sub"), bool: boolOp("^"),
               complex: infix("-"), jvp: { _, _, ta, tb, y in
                 addTangents(ta.map { broadcastTo($0, y.shape) }, tb.map { broadcastTo(Lax.neg($0), y.shape) })
               })
    case .mul:
      return I("mul", "JX_MUL", accepts: .numericOrBool, float: infix("*"), integer: intHelper("mul"), bool: boolOp("&"),
               complex: complexHelper("mul"), jvp: { a, b, ta, tb, y in
                 addTangents(ta.map { broadcastTo(Lax.mul($0, b), y.shape) }, tb.map { broadcastTo(Lax.mul(a, $0), y.shape) })
               })
    case .div:
      return I("div", "JX_DIV", accepts: .numericOrBool, float: infix("/"), integer: intHelper("div"),
               bool: { a, b, _ in "jx_div_bool(\(a), \(b))" }, complex: complexHelper("div"), jvp: divJVP)
    case .rem:
      return I("rem", "JX_REM", accepts: .numericOrBool, float: libm("fmod"), integer: intHelper("rem"),
               bool: { a, b, _ in "jx_rem_bool(\(a), \(b))" }, jvp: remJVP)
    // Through a wrapper: clang folds pow with a constant operand. As in
    // JAX, the base must be floating point (the exponent may be an
    // integer); integer powers are `jnp.power`'s repeated squaring.
    // Complex: XLA's elemental complex power (jx_cpow).
    case .pow:
      return I("pow", "JX_POW", accepts: .inexact, float: floatCall("jx_powf", "jx_powd"), complex: complexHelper("pow"),
               jvp: powJVP)
    // Complex max/min are JAX's lexicographic order (real part, then
    // imaginary part), jx_cmax/jx_cmin.
    case .max:
      return I("max", "JX_MAX", accepts: .numericOrBool, float: floatCall("jx_maxf", "jx_maxd"),
               integer: { a, b, _ in "(\(a) > \(b) ? \(a) : \(b))" }, bool: boolOp("|"),
               complex: complexHelper("max"), jvp: minMaxJVP)
    case .min:
      return I("min", "JX_MIN", accepts: .numericOrBool, float: floatCall("jx_minf", "jx_mind"),
               integer: { a, b, _ in "(\(a) < \(b) ? \(a) : \(b))" }, bool: boolOp("&"),
               complex: complexHelper("min"), jvp: minMaxJVP)
    case .atan2:
      // Complex: XLA's expansion, -i log((x + iy) / sqrt(x^2 + y^2)) (jx_catan2); the same
      // derivative formula, holomorphic in both operands.
      return I("atan2", "JX_ATAN2", accepts: .inexact, float: libm("atan2"), complex: complexHelper("atan2"), jvp: { a, b, ta, tb, y in
        let denom = Lax.add(Lax.square(a), Lax.square(b))
        return addTangents(
          ta.map { broadcastTo(Lax.mul($0, Lax.div(b, denom)), y.shape) },
          tb.map { broadcastTo(Lax.mul($0, Lax.div(Lax.neg(a), denom)), y.shape) })
      })
    case .nextafter: return I("nextafter", "JX_NEXTAFTER", accepts: .floating, float: libm("nextafter"), jvp: nil)
    case .and: return I("and", "JX_AND", accepts: .integerOrBool, integer: typedInfix("&"), bool: boolOp("&"), jvp: nil)
    case .or: return I("or", "JX_OR", accepts: .integerOrBool, integer: typedInfix("|"), bool: boolOp("|"), jvp: nil)
    case .xor: return I("xor", "JX_XOR", accepts: .integerOrBool, integer: typedInfix("^"), bool: boolOp("^"), jvp: nil)
    case .shiftLeft: return I("shift_left", "JX_SHIFT_LEFT", accepts: .integer, integer: intHelper("shl"), jvp: nil)
    case .shiftRightLogical:
      return I("shift_right_logical", "JX_SHIFT_RIGHT_LOGICAL", accepts: .integer, integer: intHelper("shrl"), jvp: nil)
    case .shiftRightArithmetic:
      return I("shift_right_arithmetic", "JX_SHIFT_RIGHT_ARITHMETIC", accepts: .integer, integer: intHelper("shra"), jvp: nil)
    case .complex:
      return I("complex", "JX_COMPLEX", accepts: .floating,
               float: { a, b, d in "__builtin_complex((\(d.cType))(\(a)), (\(d.cType))(\(b)))" },
               jvp: { a, b, ta, tb, y in
                 guard ta != nil || tb != nil else { return nil }
                 let re = ta.map { broadcastTo($0, y.shape) } ?? adZeros(y.aval.with(dtype: a.dtype))
                 let im = tb.map { broadcastTo($0, y.shape) } ?? adZeros(y.aval.with(dtype: b.dtype))
                 return Lax.complex(re, im)
               })
    }
  }
}

// The longer derivatives, as JAX's lax.py writes them.

private func divJVP(_ a: Tensor, _ b: Tensor, _ ta: Tensor?, _ tb: Tensor?, _ y: Tensor) -> Tensor? {
  addTangents(
    ta.map { broadcastTo(Lax.div($0, b), y.shape) },
    tb.map { broadcastTo(Lax.mul(Lax.mul(Lax.neg($0), a), Lax.integerPow(b, -2)), y.shape) })
}

private func remJVP(_ a: Tensor, _ b: Tensor, _ ta: Tensor?, _ tb: Tensor?, _ y: Tensor) -> Tensor? {
  addTangents(ta.map { broadcastTo($0, y.shape) }, tb.map { g in
    let q = Lax.div(a, b)
    return broadcastTo(Lax.mul(Lax.neg(g), Lax.mul(Lax.sign(q), Lax.floor(Lax.abs(q)))), y.shape)
  })
}

private func powJVP(_ a: Tensor, _ b: Tensor, _ ta: Tensor?, _ tb: Tensor?, _ y: Tensor) -> Tensor? {
  func full(_ t: Tensor) -> Tensor { broadcastTo(t, y.shape) }
  var out: Tensor? = nil
  if let g = ta {
    let x = full(a)
    let jac: Tensor
    if b.dtype.isInteger {
      let yf = full(Lax.convertElementType(b, a.dtype))
      let zero = adZeros(yf.aval)
      let isZero = Lax.eq(yf, adConst(yf, 0))
      let safeY = Lax.select(isZero, adFull(1, yf.aval), yf)
      jac = Lax.select(isZero, zero, Lax.mul(safeY, Lax.pow(x, Lax.sub(yf, adConst(yf, 1)))))
    } else {
      jac = full(Lax.mul(b, Lax.pow(a, Lax.sub(b, adConst(b, 1)))))
    }
    out = addTangents(out, Lax.mul(full(g), jac))
  }
  if let g = tb, b.dtype.isDifferentiable {
    let x = full(a)
    let safeX = Lax.select(Lax.eq(x, adConst(x, 0)), adFull(1, x.aval), x)
    out = addTangents(out, full(Lax.mul(g, Lax.mul(Lax.log(safeX), y))))
  }
  return out
}

/// JAX's tie rule for max/min: at equal operands each gets half the tangent.
private func minMaxJVP(_ a: Tensor, _ b: Tensor, _ ta: Tensor?, _ tb: Tensor?, _ y: Tensor) -> Tensor? {
  func balanced(_ p: Tensor, _ q: Tensor) -> Tensor {
    let ones = adFull(1, y.aval)
    let zeros = adZeros(y.aval)
    let twos = adFull(2, y.aval)
    return Lax.div(Lax.select(Lax.eq(p, y), ones, zeros), Lax.select(Lax.eq(q, y), twos, ones))
  }
  return addTangents(ta.map { Lax.mul($0, balanced(a, b)) }, tb.map { Lax.mul($0, balanced(b, a)) })
}

/// Comparison primitives; they return bool.
///
/// ```swift
/// bind1(.compare(.lt), [jnp.array([1, 5]), jnp.array([3, 2])])  // [ True False]
/// ```
public enum CompareOp: Int32, CaseIterable, Hashable, Sendable {
  case eq = 0, ne, lt, le, gt, ge

  /// The `jax.lax` name.
  public var name: String { descriptor.name }
  /// The C kernels' op code name (`JX_EQ`).
  var kernelName: String { descriptor.kernelName }
  /// The C operator, for generated code.
  var cOperator: String { descriptor.cOperator }

  private var descriptor: (name: String, kernelName: String, cOperator: String) {
    switch self {
    case .eq: ("eq", "JX_EQ", "==")
    case .ne: ("ne", "JX_NE", "!=")
    case .lt: ("lt", "JX_LT", "<")
    case .le: ("le", "JX_LE", "<=")
    case .gt: ("gt", "JX_GT", ">")
    case .ge: ("ge", "JX_GE", ">=")
    }
  }
}
