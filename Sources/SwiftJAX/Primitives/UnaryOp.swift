import Foundation

// The unary elementwise family as one table: each op is one entry (name,
// accepted dtypes, eager kernel id, C lowering, derivative) in the
// function of its family (`arithmeticInfo`, `exponentialInfo`, ...), which
// `UnaryOp.makeInfo` picks with one exhaustive switch. Everything else —
// the shape rule, the eager fast path, the jit renderer, the prelude's libm
// declarations, the JVP — reads the table.
//
// Adding a unary op: a case below (appended: the raw value is the C
// kernel's op code), its family in `makeInfo` (the compiler insists) and
// its entry in that family's function, the `JX_...` constant at the same
// position in CSwiftJAXKernels.h (`ElementwiseTableTests` checks that they
// agree), the kernel text in elementwise.c, a `Lax` function and a fixture
// in scripts/fixtures/gen_primitives.py.

/// Unary elementwise primitives (`lax.neg`, `lax.exp`, ...).
///
/// ```swift
/// bind1(.unary(.sqrt), [jnp.array([4.0, 2.0])])  // [2.        1.4142135]
/// ```
public enum UnaryOp: Int32, CaseIterable, Hashable, Sendable {
  case neg = 0, abs, sign, floor, ceil
  /// Round half away from zero (`lax.round`'s default).
  case round
  /// Round half to even (`jnp.round`).
  case roundEven
  case exp, exp2, log, log1p, expm1, sqrt, rsqrt, cbrt
  case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh
  case logistic, erf, erfc, erfInv, lgamma, digamma
  case isFinite
  /// Logical not for bool, bitwise not for integers.
  case not
  case copy
  case square
  /// The real part (`lax.real`): complex → component dtype; identity on
  /// real types.
  case real
  /// Number of set bits (`lax.population_count`), integers only.
  case populationCount
  /// Number of leading zero bits (`lax.clz`), integers only.
  case clz
  /// Exponentially scaled modified Bessel functions of the first kind,
  /// `exp(-|x|) I₀(x)` and `exp(-|x|) I₁(x)` (`lax.bessel_i0e`/`bessel_i1e`).
  case besselI0e, besselI1e
  /// The imaginary part of a complex number (`lax.imag`); the result has
  /// the component dtype (float32 for complex64).
  case imag
  /// The complex conjugate (`lax.conj`).
  case conj

  /// The table entry of this op.
  @inline(__always)
  var info: UnaryOpInfo { UnaryOpInfo.table[Int(rawValue)] }

  /// The `jax.lax` primitive name printed in Jaxprs.
  public var name: String { info.name }

  /// Which operand dtypes the op accepts.
  public var accepts: DTypeClass { info.accepts }

  /// `is_finite` returns bool; everything else keeps its operand's dtype.
  public var returnsBool: Bool { info.returnsBool }

  /// Whether the op takes operands of dtype `d`: its class contains `d`,
  /// and for a complex `d` its table entry has a complex lowering (so
  /// complex is accepted exactly where the table says JAX accepts it).
  ///
  /// ```swift
  /// [DType.int32, .float16, .complex64].map { UnaryOp.sqrt.accepts($0) }  // [false, true, true]
  /// ```
  @inline(__always)
  public func accepts(_ d: DType) -> Bool {
    info.accepts.contains(d) && (!d.isComplex || info.complexC != nil)
  }

  /// The result dtype for an operand of dtype `d`: bool for `is_finite`,
  /// the component dtype for `abs`/`real`/`imag` of a complex operand,
  /// else `d`.
  ///
  /// ```swift
  /// UnaryOp.abs.resultDType(.complex64)  // float32
  /// ```
  @inline(__always)
  public func resultDType(_ d: DType) -> DType {
    if info.returnsBool { return .bool }
    if d.isComplex && info.realResult { return d.realPart }
    return d
  }

  /// The output tangent for input tangent `g`, operand `x` and output `y`,
  /// or nil when the derivative is zero (piecewise-constant ops, bool
  /// results).
  func jvp(_ g: Tensor, x: Tensor, y: Tensor) -> Tensor? {
    info.jvp.map { $0(g, x, y) }
  }
}

/// One row of the unary table.
final class UnaryOpInfo: Sendable {
  typealias CLowering = @Sendable (_ a: String, _ d: DType) -> String
  typealias JVP = @Sendable (_ g: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor

  /// The `jax.lax` name.
  let name: String
  /// The op code constant of the eager kernels (`JX_NEG`), at the position
  /// of the op's raw value in CSwiftJAXKernels.h.
  let kernelName: String
  let accepts: DTypeClass
  let returnsBool: Bool
  /// The libm function this op is for floats, if it is one: lowered as
  /// `expf(x)`/`exp(x)` and declared in the generated code's prelude.
  let libm: String?
  /// C expressions in the compute type (`float` for float16), per kind of
  /// operand dtype; nil where `accepts` excludes the kind.
  let floatC: CLowering?
  let integerC: CLowering?
  let boolC: CLowering?
  /// The C expression for complex operands (the helpers of
  /// jx_scalar_text.h); nil: the op rejects complex operands.
  let complexC: CLowering?
  /// Complex operands give a result of the component dtype (abs, real, imag).
  let realResult: Bool
  /// nil: the derivative is zero.
  let jvp: JVP?

  init(
    _ name: String, _ kernelName: String, accepts: DTypeClass, returnsBool: Bool = false, libm: String? = nil,
    float: CLowering? = nil, integer: CLowering? = nil, bool: CLowering? = nil,
    complex: CLowering? = nil, realResult: Bool = false, jvp: JVP?
  ) {
    self.complexC = complex
    self.realResult = realResult
    self.name = name
    self.kernelName = kernelName
    self.accepts = accepts
    self.returnsBool = returnsBool
    self.libm = libm
    if let libm {
      self.floatC = { a, d in "\(libm)\(d.libmSuffix)(\(a))" }
    } else {
      self.floatC = float
    }
    self.integerC = integer
    self.boolC = bool
    self.jvp = jvp
  }

  static let table: [UnaryOpInfo] = UnaryOp.allCases.map { $0.makeInfo() }

  /// The C expression of `op(a)` for an operand of dtype `d`.
  func cExpression(_ a: String, _ d: DType) -> String {
    let lower = d.isComplex ? complexC : d.isFloatingPoint ? floatC : d == .bool ? boolC : integerC
    guard let lower else { fatalError("no C expression for \(name) on \(d)") }
    return lower(a, d)
  }
}

// Shorthands for the table: a call to the float32 or float64 function, and
// the JVP building blocks.
private func call(_ f32: String, _ f64: String) -> UnaryOpInfo.CLowering {
  { a, d in "\(d == .float64 ? f64 : f32)(\(a))" }
}
/// As above with a float16 helper too (jx_special_text.h's `..._f16`
/// functions round intermediate results to float16 where XLA's float16
/// HLO does).
private func call(f16: String, _ f32: String, _ f64: String) -> UnaryOpInfo.CLowering {
  { a, d in "\(d == .float64 ? f64 : d == .float16 ? f16 : f32)(\(a))" }
}
private let identity: UnaryOpInfo.CLowering = { a, _ in a }
/// A complex helper of jx_scalar_text.h: `jx_cexp_c64(x)`.
private func complexHelper(_ f: String) -> UnaryOpInfo.CLowering { { a, d in "jx_c\(f)_\(d.cSuffix)(\(a))" } }
private func one(_ x: Tensor) -> Tensor { adConst(x, 1) }

extension UnaryOp {
  // One entry per op, in the function of its family; the dispatch below
  // is exhaustive, so a new case does not compile until it is given a
  // family. JVPs are JAX's (lax.py, special.py), so results agree with
  // JAX's at ties and zeros.
  fileprivate func makeInfo() -> UnaryOpInfo {
    switch self {
    case .neg, .abs, .sign, .square, .copy, .real, .imag, .conj: return arithmeticInfo()
    case .floor, .ceil, .round, .roundEven: return roundingInfo()
    case .exp, .exp2, .log, .log1p, .expm1, .sqrt, .rsqrt, .cbrt: return exponentialInfo()
    case .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh, .asinh, .acosh, .atanh: return trigonometricInfo()
    case .logistic, .erf, .erfc, .erfInv, .lgamma, .digamma, .besselI0e, .besselI1e: return specialInfo()
    case .isFinite, .not, .populationCount, .clz: return bitsInfo()
    }
  }

  /// Sign, magnitude, squares, copies and the parts of complex numbers.
  private func arithmeticInfo() -> UnaryOpInfo {
    typealias I = UnaryOpInfo
    switch self {
    case .neg:
      return I("neg", "JX_NEG", accepts: .numeric, float: { a, _ in "(-\(a))" }, integer: { a, d in "jx_neg_\(d.cSuffix)(\(a))" },
               complex: complexHelper("neg"), jvp: { g, _, _ in Lax.neg(g) })
    case .abs:
      return I("abs", "JX_ABS", accepts: .signed, libm: "fabs", integer: { a, d in "jx_abs_\(d.cSuffix)(\(a))" },
               complex: complexHelper("abs"), realResult: true, jvp: absJVP)
    case .sign:
      return I("sign", "JX_SIGN", accepts: .numeric, float: call("jx_signf", "jx_sign"),
               integer: { a, d in "((\(d.cType))((\(a) > 0) - (\(a) < 0)))" }, complex: complexHelper("sign"), jvp: nil)
    case .square:
      return I("square", "JX_SQUARE", accepts: .numeric, float: { a, _ in "(\(a) * \(a))" },
               integer: { a, d in "jx_mul_\(d.cSuffix)(\(a), \(a))" }, complex: { a, d in "jx_cmul_\(d.cSuffix)(\(a), \(a))" },
               jvp: { g, x, _ in Lax.mul(g, Lax.mul(adConst(x, 2), x)) })
    case .copy:
      return I("copy", "JX_COPY", accepts: .any, float: identity, integer: identity, bool: identity, complex: identity,
               jvp: { g, _, _ in bind1(.unary(.copy), [g]) })
    case .real:
      return I("real", "JX_REAL", accepts: .any, float: identity, integer: identity, bool: identity,
               complex: { a, d in "((\(d.realPart.cType))__real__ (\(a)))" }, realResult: true,
               jvp: { g, _, _ in g.dtype.isComplex ? bind1(.unary(.real), [g]) : g })
    case .imag:
      return I("imag", "JX_IMAG", accepts: .complex, complex: { a, d in "((\(d.realPart.cType))__imag__ (\(a)))" },
               realResult: true, jvp: { g, _, _ in bind1(.unary(.imag), [g]) })
    case .conj:
      return I("conj", "JX_CONJ", accepts: .complex, complex: complexHelper("conj"), jvp: { g, _, _ in bind1(.unary(.conj), [g]) })
    // makeInfo sends only this family here; UnaryOpInfo.table is built
    // on first use, so a misfiled op stops every test at once.
    default: preconditionFailure("UnaryOp.\(self) is not in arithmeticInfo")
    }
  }

  /// Rounding to integral values (floats only; zero derivative).
  private func roundingInfo() -> UnaryOpInfo {
    typealias I = UnaryOpInfo
    switch self {
    case .floor: return I("floor", "JX_FLOOR", accepts: .floating, libm: "floor", jvp: nil)
    case .ceil: return I("ceil", "JX_CEIL", accepts: .floating, libm: "ceil", jvp: nil)
    case .round: return I("round", "JX_ROUND", accepts: .floating, libm: "round", jvp: nil)
    case .roundEven: return I("round", "JX_ROUND_EVEN", accepts: .floating, libm: "rint", jvp: nil)
    // makeInfo sends only this family here; UnaryOpInfo.table is built
    // on first use, so a misfiled op stops every test at once.
    default: preconditionFailure("UnaryOp.\(self) is not in roundingInfo")
    }
  }

  /// Exponentials, logarithms and roots.
  private func exponentialInfo() -> UnaryOpInfo {
    typealias I = UnaryOpInfo
    switch self {
    case .exp:
      return I("exp", "JX_EXP", accepts: .inexact, float: call("jx_expf", "jx_exp"), complex: complexHelper("exp"), jvp: { g, _, y in Lax.mul(g, y) })
    case .exp2:
      return I("exp2", "JX_EXP2", accepts: .inexact, float: call(f16: "jx_exp2_f16", "jx_exp2f", "jx_exp2"),
               complex: complexHelper("exp2"), jvp: { g, x, y in Lax.mul(adConst(x, M_LN2), Lax.mul(g, y)) })
    // exp, exp2, expm1, log, log1p, tanh, logistic, sinh, cosh, asin,
    // acos, asinh, acosh, atanh, erfc, float16/32 sin, cos, erf and erf_inv
    // are the eager kernels' ports of what JAX lowers them to and XLA:CPU
    // computes (their text is in the prelude, jx_special_text.h), not libm
    // calls.
    case .log:
      return I("log", "JX_LOG", accepts: .inexact, float: call("jx_logf", "jx_log"), complex: complexHelper("log"),
               jvp: { g, x, _ in Lax.div(g, x) })
    case .log1p:
      return I("log1p", "JX_LOG1P", accepts: .inexact, float: call("jx_log1pf", "jx_log1p"), complex: complexHelper("log1p"),
               jvp: { g, x, _ in Lax.div(g, Lax.add(one(x), x)) })
    // Complex expm1 and rsqrt: XLA's elemental expansions (jx_cexpm1, jx_crsqrt).
    case .expm1:
      return I("expm1", "JX_EXPM1", accepts: .inexact, float: call(f16: "jx_expm1_f16", "jx_expm1f", "jx_expm1"),
               complex: complexHelper("expm1"), jvp: { g, x, y in Lax.mul(g, Lax.add(y, one(x))) })
    case .sqrt:
      return I("sqrt", "JX_SQRT", accepts: .inexact, libm: "sqrt", complex: complexHelper("sqrt"),
               jvp: { g, x, y in Lax.mul(g, Lax.div(adConst(x, 0.5), y)) })
    case .rsqrt:
      return I("rsqrt", "JX_RSQRT", accepts: .inexact, float: call("jx_rsqrtf", "jx_rsqrt"),
               complex: complexHelper("rsqrt"),
               jvp: { g, x, y in Lax.mul(g, Lax.mul(adConst(x, -0.5), Lax.div(y, x))) })
    case .cbrt:
      return I("cbrt", "JX_CBRT", accepts: .floating, libm: "cbrt",
               jvp: { g, x, y in Lax.mul(g, Lax.mul(adConst(x, 1.0 / 3.0), Lax.integerPow(y, -2))) })
    // makeInfo sends only this family here; UnaryOpInfo.table is built
    // on first use, so a misfiled op stops every test at once.
    default: preconditionFailure("UnaryOp.\(self) is not in exponentialInfo")
    }
  }

  /// Circular and hyperbolic functions and their inverses.
  private func trigonometricInfo() -> UnaryOpInfo {
    typealias I = UnaryOpInfo
    switch self {
    // Complex sin/cos: JAX's _sin_complex/_cos_complex (jx_csin/jx_ccos);
    // complex tan/tanh: XLA's elemental expansion (jx_ctan/jx_ctanh).
    case .sin:
      return I("sin", "JX_SIN", accepts: .inexact, float: call("jx_sinf", "sin"), complex: complexHelper("sin"),
               jvp: { g, x, _ in Lax.mul(g, Lax.cos(x)) })
    case .cos:
      return I("cos", "JX_COS", accepts: .inexact, float: call("jx_cosf", "cos"), complex: complexHelper("cos"),
               jvp: { g, x, _ in Lax.mul(g, Lax.neg(Lax.sin(x))) })
    case .tan:
      return I("tan", "JX_TAN", accepts: .inexact, libm: "tan", complex: complexHelper("tan"), jvp: { g, x, y in Lax.mul(g, Lax.add(one(x), Lax.square(y))) })
    case .asin:
      return I("asin", "JX_ASIN", accepts: .inexact, float: call(f16: "jx_asin_f16", "jx_asinf", "jx_asin"), complex: complexHelper("asin"),
               jvp: { g, x, _ in Lax.mul(g, Lax.rsqrt(Lax.sub(one(x), Lax.square(x)))) })
    case .acos:
      return I("acos", "JX_ACOS", accepts: .inexact, float: call(f16: "jx_acos_f16", "jx_acosf", "jx_acos"), complex: complexHelper("acos"),
               jvp: { g, x, _ in Lax.mul(g, Lax.neg(Lax.rsqrt(Lax.sub(one(x), Lax.square(x))))) })
    case .atan:
      return I("atan", "JX_ATAN", accepts: .inexact, libm: "atan", complex: complexHelper("atan"), jvp: { g, x, _ in Lax.div(g, Lax.add(one(x), Lax.square(x))) })
    // Complex sinh/cosh: chlo's legalisation, e^(z - ln 2) ∓ e^(-z - ln 2);
    // complex atanh/atan: functional_algorithms' atanh, atan(z) = -i atanh(iz);
    // complex asin/acos/asinh/acosh: functional_algorithms' asin/acos kernel.
    case .sinh:
      return I("sinh", "JX_SINH", accepts: .inexact, float: call("jx_sinhf", "jx_sinh"), complex: complexHelper("sinh"),
               jvp: { g, x, _ in Lax.mul(g, Lax.cosh(x)) })
    case .cosh:
      return I("cosh", "JX_COSH", accepts: .inexact, float: call("jx_coshf", "jx_cosh"), complex: complexHelper("cosh"),
               jvp: { g, x, _ in Lax.mul(g, Lax.sinh(x)) })
    case .tanh:
      return I("tanh", "JX_TANH", accepts: .inexact, float: call("jx_tanhf", "jx_tanh"), complex: complexHelper("tanh"),
               jvp: { g, x, y in Lax.mul(Lax.add(g, Lax.mul(g, y)), Lax.sub(one(x), y)) })
    case .asinh:
      return I("asinh", "JX_ASINH", accepts: .inexact, float: call(f16: "jx_asinh_f16", "jx_asinhf", "jx_asinh"), complex: complexHelper("asinh"),
               jvp: { g, x, _ in Lax.mul(g, Lax.rsqrt(Lax.add(Lax.square(x), one(x)))) })
    case .acosh:
      return I("acosh", "JX_ACOSH", accepts: .inexact, float: call(f16: "jx_acosh_f16", "jx_acoshf", "jx_acosh"), complex: complexHelper("acosh"),
               jvp: { g, x, _ in Lax.mul(g, Lax.rsqrt(Lax.sub(Lax.square(x), one(x)))) })
    case .atanh:
      return I("atanh", "JX_ATANH", accepts: .inexact, float: call(f16: "jx_atanh_f16", "jx_atanhf", "jx_atanh"),
               complex: complexHelper("atanh"),
               jvp: { g, x, _ in Lax.mul(Lax.div(one(x), Lax.add(one(x), x)), Lax.div(g, Lax.sub(one(x), x))) })
    // makeInfo sends only this family here; UnaryOpInfo.table is built
    // on first use, so a misfiled op stops every test at once.
    default: preconditionFailure("UnaryOp.\(self) is not in trigonometricInfo")
    }
  }

  /// Special functions: logistic, error functions, gamma family, Bessel.
  private func specialInfo() -> UnaryOpInfo {
    typealias I = UnaryOpInfo
    switch self {
    case .logistic:
      return I("logistic", "JX_LOGISTIC", accepts: .inexact, float: call(f16: "jx_logistic_f16", "jx_logisticf", "jx_logistic"),
               complex: complexHelper("logistic"),
               jvp: { g, x, y in Lax.mul(g, Lax.mul(y, Lax.sub(one(x), y))) })
    case .erf:
      return I("erf", "JX_ERF", accepts: .floating, float: call("jx_erff", "erf"),
               jvp: { g, x, _ in Lax.mul(adConst(x, 2 / Double.pi.squareRoot()), Lax.mul(g, Lax.exp(Lax.neg(Lax.square(x))))) })
    case .erfc:
      return I("erfc", "JX_ERFC", accepts: .floating, float: call("jx_erfcf", "jx_erfc"),
               jvp: { g, x, _ in Lax.mul(adConst(x, -2 / Double.pi.squareRoot()), Lax.mul(g, Lax.exp(Lax.neg(Lax.square(x))))) })
    // The rarer XLA ports are reached through the runtime table.
    case .erfInv:
      return I("erf_inv", "JX_ERF_INV", accepts: .floating, float: call("jx_erfinvf", "jx_rt->erfinv"),
               jvp: { g, x, y in Lax.mul(adConst(x, Double.pi.squareRoot() / 2), Lax.mul(g, Lax.exp(Lax.square(y)))) })
    case .lgamma:
      return I("lgamma", "JX_LGAMMA", accepts: .floating, float: call("jx_rt->lgammaf", "jx_rt->lgamma"),
               jvp: { g, x, _ in Lax.mul(g, Lax.digamma(x)) })
    case .digamma:
      return I("digamma", "JX_DIGAMMA", accepts: .floating, float: call("jx_rt->digammaf", "jx_rt->digamma"),
               jvp: { g, x, _ in Lax.mul(g, trigamma(x)) })
    // The Cephes Chebyshev expansions JAX uses, in jx_special_text.h
    // (float16 computes in float32, as JAX upcasts).
    case .besselI0e:
      return I("bessel_i0e", "JX_BESSEL_I0E", accepts: .floating, float: call("jx_bessel_i0ef", "jx_bessel_i0e"),
               jvp: { g, x, y in Lax.mul(g, Lax.sub(Lax.besselI1e(x), Lax.mul(Lax.sign(x), y))) })
    case .besselI1e:
      return I("bessel_i1e", "JX_BESSEL_I1E", accepts: .floating, float: call("jx_bessel_i1ef", "jx_bessel_i1e"),
               jvp: besselI1eJVP)
    // makeInfo sends only this family here; UnaryOpInfo.table is built
    // on first use, so a misfiled op stops every test at once.
    default: preconditionFailure("UnaryOp.\(self) is not in specialInfo")
    }
  }

  /// Predicates and bit operations.
  private func bitsInfo() -> UnaryOpInfo {
    typealias I = UnaryOpInfo
    switch self {
    case .isFinite:
      return I("is_finite", "JX_IS_FINITE", accepts: .floating, returnsBool: true,
               float: { a, _ in "((uint8_t)(isfinite(\(a)) != 0))" }, jvp: nil)
    case .not:
      return I("not", "JX_NOT", accepts: .integerOrBool, integer: { a, d in "((\(d.cType))~\(a))" },
               bool: { a, _ in "((uint8_t)(\(a) ^ 1))" }, jvp: nil)
    case .populationCount:
      return I("population_count", "JX_POPULATION_COUNT", accepts: .integer,
               integer: { a, d in "jx_popcnt_\(d.cSuffix)(\(a))" }, jvp: nil)
    case .clz:
      return I("clz", "JX_CLZ", accepts: .integer, integer: { a, d in "jx_clz_\(d.cSuffix)(\(a))" }, jvp: nil)
    // makeInfo sends only this family here; UnaryOpInfo.table is built
    // on first use, so a misfiled op stops every test at once.
    default: preconditionFailure("UnaryOp.\(self) is not in bitsInfo")
    }
  }
}

/// JAX's derivative of `abs`: `±g` for real `x` (`+g` at zero); for
/// complex `x`, `real(g · conj(x) / |x|)` with |x| = 0 replaced by 1
/// (lax.py's `_abs_jvp_rule`).
private func absJVP(_ g: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor {
  guard x.dtype.isComplex else { return Lax.select(Lax.ge(x, adConst(x, 0)), g, Lax.neg(g)) }
  let yc = Lax.convertElementType(y, x.dtype)
  let safe = Lax.select(Lax.eq(yc, adConst(yc, 0)), adFull(1, yc.aval), yc)
  return bind1(.unary(.real), [Lax.mul(g, Lax.div(bind1(.unary(.conj), [x]), safe))])
}

/// JAX's derivative of `bessel_i1e`: `i0e(x) - y (sign(x) + 1/x)`, with the
/// limit 1/2 where |x| is below the dtype's epsilon (the formula divides
/// by x there).
private func besselI1eJVP(_ g: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor {
  let eps: Double = switch x.dtype {
  case .float16: 0.0009765625
  case .bfloat16: 0.0078125
  case .float64: 2.220446049250313e-16
  default: 1.1920928955078125e-07
  }
  let notTiny = Lax.gt(Lax.abs(x), adConst(x, eps))
  let safeX = Lax.select(notTiny, x, adFull(eps, x.aval))
  let dydx = Lax.sub(Lax.besselI0e(safeX), Lax.mul(y, Lax.add(Lax.sign(safeX), Lax.integerPow(safeX, -1))))
  return Lax.mul(g, Lax.select(notTiny, dydx, adFull(0.5, x.aval)))
}
