// The elementwise operator families. Raw values are shared with the C
// kernels (`JX_UNARY_*`, `JX_BINARY_*`, `JX_CMP_*` in CSwiftJAXKernels),
// so the order of cases is part of the ABI: append, never reorder.

/// Unary elementwise primitives (`lax.neg`, `lax.exp`, ...).
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
  case real  // reserved for complex support; identity on real types

  /// The `jax.lax` primitive name printed in Jaxprs.
  public var name: String {
    switch self {
    case .neg: "neg"
    case .abs: "abs"
    case .sign: "sign"
    case .floor: "floor"
    case .ceil: "ceil"
    case .round: "round"
    case .roundEven: "round"
    case .exp: "exp"
    case .exp2: "exp2"
    case .log: "log"
    case .log1p: "log1p"
    case .expm1: "expm1"
    case .sqrt: "sqrt"
    case .rsqrt: "rsqrt"
    case .cbrt: "cbrt"
    case .sin: "sin"
    case .cos: "cos"
    case .tan: "tan"
    case .asin: "asin"
    case .acos: "acos"
    case .atan: "atan"
    case .sinh: "sinh"
    case .cosh: "cosh"
    case .tanh: "tanh"
    case .asinh: "asinh"
    case .acosh: "acosh"
    case .atanh: "atanh"
    case .logistic: "logistic"
    case .erf: "erf"
    case .erfc: "erfc"
    case .erfInv: "erf_inv"
    case .lgamma: "lgamma"
    case .digamma: "digamma"
    case .isFinite: "is_finite"
    case .not: "not"
    case .copy: "copy"
    case .square: "square"
    case .real: "real"
    }
  }

  /// Which operand dtypes the op accepts.
  public var accepts: DTypeClass {
    switch self {
    case .neg, .sign, .square: .numeric
    case .abs: .numeric
    case .not: .integerOrBool
    case .copy, .real: .any
    case .isFinite: .floating
    case .floor, .ceil, .round, .roundEven: .floating
    default: .floating
    }
  }

  /// `is_finite` returns bool; everything else keeps its operand's dtype.
  public var returnsBool: Bool { self == .isFinite }
}

/// Binary elementwise primitives. Operands have equal shapes, or one is
/// rank 0 (a scalar broadcast against the other, as in JAX's Jaxprs:
/// `mul b 2.0:f32[]`).
public enum BinaryOp: Int32, CaseIterable, Hashable, Sendable {
  case add = 0, sub, mul, div, rem, pow, max, min, atan2, nextafter
  case and, or, xor
  case shiftLeft, shiftRightLogical, shiftRightArithmetic

  public var name: String {
    switch self {
    case .add: "add"
    case .sub: "sub"
    case .mul: "mul"
    case .div: "div"
    case .rem: "rem"
    case .pow: "pow"
    case .max: "max"
    case .min: "min"
    case .atan2: "atan2"
    case .nextafter: "nextafter"
    case .and: "and"
    case .or: "or"
    case .xor: "xor"
    case .shiftLeft: "shift_left"
    case .shiftRightLogical: "shift_right_logical"
    case .shiftRightArithmetic: "shift_right_arithmetic"
    }
  }

  public var accepts: DTypeClass {
    switch self {
    case .add, .sub, .mul, .div, .rem, .max, .min: .numericOrBool
    case .pow: .numeric
    case .atan2, .nextafter: .floating
    case .and, .or, .xor: .integerOrBool
    case .shiftLeft, .shiftRightLogical, .shiftRightArithmetic: .integer
    }
  }
}

/// Comparison primitives; they return bool.
public enum CompareOp: Int32, CaseIterable, Hashable, Sendable {
  case eq = 0, ne, lt, le, gt, ge

  public var name: String {
    switch self {
    case .eq: "eq"
    case .ne: "ne"
    case .lt: "lt"
    case .le: "le"
    case .gt: "gt"
    case .ge: "ge"
    }
  }
}

/// Reductions over axes (`reduce_sum`, ...).
public enum ReduceOp: Int32, CaseIterable, Hashable, Sendable {
  case sum = 0, prod, max, min, and, or, xor

  public var name: String {
    switch self {
    case .sum: "reduce_sum"
    case .prod: "reduce_prod"
    case .max: "reduce_max"
    case .min: "reduce_min"
    case .and: "reduce_and"
    case .or: "reduce_or"
    case .xor: "reduce_xor"
    }
  }
}

public enum ArgReduceOp: Int32, CaseIterable, Hashable, Sendable {
  case argmax = 0, argmin
  public var name: String { self == .argmax ? "argmax" : "argmin" }
}

/// Cumulative reductions along one axis (`cumsum`, ...).
public enum CumulativeOp: Int32, CaseIterable, Hashable, Sendable {
  case sum = 0, prod, max, min, logsumexp
  public var name: String {
    switch self {
    case .sum: "cumsum"
    case .prod: "cumprod"
    case .max: "cummax"
    case .min: "cummin"
    case .logsumexp: "cumlogsumexp"
    }
  }
}

/// Classes of dtypes an operation accepts, for error messages.
public enum DTypeClass: Sendable {
  case any, numeric, numericOrBool, floating, integer, integerOrBool

  public func contains(_ d: DType) -> Bool {
    switch self {
    case .any: true
    case .numeric: d.isNumeric
    case .numericOrBool: true
    case .floating: d.isFloatingPoint
    case .integer: d.isInteger
    case .integerOrBool: d.isInteger || d.isBool
    }
  }

  public var description: String {
    switch self {
    case .any: "any dtype"
    case .numeric: "a numeric dtype"
    case .numericOrBool: "a numeric or bool dtype"
    case .floating: "a floating-point dtype"
    case .integer: "an integer dtype"
    case .integerOrBool: "an integer or bool dtype"
    }
  }
}
