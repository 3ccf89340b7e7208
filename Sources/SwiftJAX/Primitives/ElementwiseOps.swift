// The reduction operator families (the elementwise ones have their own
// files: UnaryOp.swift, BinaryOp.swift). Raw values are the C kernels' op
// codes (CSwiftJAXKernels.h), so the order of cases is part of the ABI:
// append, never reorder; `kernelName` names each code and
// ElementwiseTableTests checks the two lists agree.

/// Reductions over axes (`reduce_sum`, ...).
///
/// ```swift
/// bind1(.reduce(.max, axes: [1]), [jnp.array([[1.0, 5.0], [3.0, 2.0]])])  // [5. 3.]
/// ```
public enum ReduceOp: Int32, CaseIterable, Hashable, Sendable {
  case sum = 0, prod, max, min, and, or, xor

  /// JAX's primitive name (`reduce_sum`, ...), as jaxprs print it.
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

  /// The C kernels' op code (`jx_reduce`).
  var kernelName: String {
    switch self {
    case .sum: "JX_RSUM"
    case .prod: "JX_RPROD"
    case .max: "JX_RMAX"
    case .min: "JX_RMIN"
    case .and: "JX_RAND"
    case .or: "JX_ROR"
    case .xor: "JX_RXOR"
    }
  }
}

/// Index-of-extremum reductions along one axis (`argmax`, `argmin`).
///
/// ```swift
/// print(bind1(.argReduce(.argmax, axis: 0, indexDType: .int32), [jnp.array([[1.0, 5.0], [3.0, 2.0]])]))
/// // [1 0]
/// ```
public enum ArgReduceOp: Int32, CaseIterable, Hashable, Sendable {
  case argmax = 0, argmin
  /// JAX's primitive name, as jaxprs print it.
  public var name: String { self == .argmax ? "argmax" : "argmin" }
  /// The C kernels' op code (`jx_argreduce`).
  var kernelName: String {
    switch self {
    case .argmax: "JX_ARGMAX"
    case .argmin: "JX_ARGMIN"
    }
  }
}

/// Cumulative reductions along one axis (`cumsum`, ...).
///
/// ```swift
/// bind1(.cumulative(.sum, axis: 0, reverse: true), [jnp.array([1, 2, 3])])  // [6 5 3]
/// ```
public enum CumulativeOp: Int32, CaseIterable, Hashable, Sendable {
  case sum = 0, prod, max, min, logsumexp
  /// JAX's primitive name (`cumsum`, ...), as jaxprs print it.
  public var name: String {
    switch self {
    case .sum: "cumsum"
    case .prod: "cumprod"
    case .max: "cummax"
    case .min: "cummin"
    case .logsumexp: "cumlogsumexp"
    }
  }
  /// The C kernels' op code (`jx_cumulative`).
  var kernelName: String {
    switch self {
    case .sum: "JX_CSUM"
    case .prod: "JX_CPROD"
    case .max: "JX_CMAX"
    case .min: "JX_CMIN"
    case .logsumexp: "JX_CLOGSUMEXP"
    }
  }
}

/// Classes of dtypes an operation accepts, for error messages.
///
/// ```swift
/// DTypeClass.inexact.contains(.complex64)  // true
/// ```
public enum DTypeClass: Sendable {
  case any, numeric, numericOrBool, floating, integer, integerOrBool
  /// Floating point or complex (JAX's `inexact`).
  case inexact
  /// complex64 or complex128.
  case complex
  /// Signed integer, floating point or complex: what JAX's `abs` takes
  /// (an unsigned operand is already its own absolute value, and JAX
  /// refuses it rather than pass it through).
  case signed

  /// Whether dtype `d` belongs to the class.
  ///
  /// - Parameter d: The dtype to test.
  ///
  /// ```swift
  /// [DType.int8, .uint8, .float32].filter { DTypeClass.signed.contains($0) }.count  // 2
  /// ```
  public func contains(_ d: DType) -> Bool {
    switch self {
    case .any: true
    case .numeric: d.isNumeric
    case .numericOrBool: true
    case .floating: d.isFloatingPoint
    case .integer: d.isInteger
    case .integerOrBool: d.isInteger || d.isBool
    case .inexact: d.isInexact
    case .complex: d.isComplex
    case .signed: d.isInexact || d.isSignedInteger
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
    case .inexact: "a floating-point or complex dtype"
    case .complex: "a complex dtype"
    case .signed: "a signed integer, floating-point or complex dtype"
    }
  }
}
