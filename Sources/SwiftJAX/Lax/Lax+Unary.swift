// The unary elementwise primitives (`lax.neg`, `lax.exp`, ...) and
// `lax.integer_pow`: each binds one entry of the `UnaryOp` table
// (Primitives/UnaryOp.swift).

/// Unary elementwise primitives.
extension Lax {
  /// `lax.neg` elementwise.
  ///
  /// ```swift
  /// Lax.neg(jnp.array([1.5, -2.5]))  // [-1.5  2.5]
  /// ```
  @inlinable
  public static func neg(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.neg), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.abs` elementwise.
  ///
  /// ```swift
  /// Lax.abs(jnp.array([1.5, -2.5]))  // [1.5 2.5]
  /// ```
  @inlinable
  public static func abs(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.abs), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.sign` elementwise.
  ///
  /// ```swift
  /// Lax.sign(jnp.array([-2.0, 0.0, 3.0]))  // [-1.  0.  1.]
  /// ```
  @inlinable
  public static func sign(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.sign), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.floor` elementwise.
  ///
  /// ```swift
  /// Lax.floor(jnp.array([1.5, -2.5]))  // [ 1. -3.]
  /// ```
  @inlinable
  public static func floor(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.floor), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.ceil` elementwise.
  ///
  /// ```swift
  /// Lax.ceil(jnp.array([1.5, -2.5]))  // [ 2. -2.]
  /// ```
  @inlinable
  public static func ceil(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.ceil), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.round` elementwise.
  ///
  /// ```swift
  /// Lax.round(jnp.array([0.5, 1.5, -2.5]))  // [ 1.  2. -3.]
  /// ```
  @inlinable
  public static func round(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.round), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.exp` elementwise.
  ///
  /// ```swift
  /// Lax.exp(jnp.array([0.0, 1.0]))  // [1.        2.7182817]
  /// ```
  @inlinable
  public static func exp(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.exp), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.exp2` elementwise.
  ///
  /// ```swift
  /// Lax.exp2(jnp.array([0.0, 3.0]))  // [1. 8.]
  /// ```
  @inlinable
  public static func exp2(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.exp2), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.log` elementwise.
  ///
  /// ```swift
  /// Lax.log(jnp.array([1.0, 10.0]))  // [0.        2.3025851]
  /// ```
  @inlinable
  public static func log(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.log), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.log1p` elementwise.
  ///
  /// ```swift
  /// Lax.log1p(jnp.array([0.0, 1e-07]))  // [0.0000000e+00 9.9999994e-08]
  /// ```
  @inlinable
  public static func log1p(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.log1p), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.expm1` elementwise.
  ///
  /// ```swift
  /// Lax.expm1(jnp.array([0.0, 1e-07]))  // ≈ [0.e+00 1.e-07]
  /// ```
  @inlinable
  public static func expm1(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.expm1), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.sqrt` elementwise.
  ///
  /// ```swift
  /// Lax.sqrt(jnp.array([4.0, 2.0]))  // [2.        1.4142135]
  /// ```
  @inlinable
  public static func sqrt(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.sqrt), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.rsqrt` elementwise.
  ///
  /// ```swift
  /// Lax.rsqrt(jnp.array([4.0, 2.0]))  // [0.5        0.70710677]
  /// ```
  @inlinable
  public static func rsqrt(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.rsqrt), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.cbrt` elementwise.
  ///
  /// ```swift
  /// Lax.cbrt(jnp.array([8.0, -27.0]))  // [ 2. -3.]
  /// ```
  @inlinable
  public static func cbrt(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.cbrt), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.sin` elementwise.
  ///
  /// ```swift
  /// Lax.sin(jnp.array([0.0, 1.0]))  // [0.         0.84147096]
  /// ```
  @inlinable
  public static func sin(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.sin), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.cos` elementwise.
  ///
  /// ```swift
  /// Lax.cos(jnp.array([0.0, 1.0]))  // [1.        0.5403023]
  /// ```
  @inlinable
  public static func cos(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.cos), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.tan` elementwise.
  ///
  /// ```swift
  /// Lax.tan(jnp.array([0.0, 1.0]))  // [0.        1.5574077]
  /// ```
  @inlinable
  public static func tan(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.tan), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.asin` elementwise.
  ///
  /// ```swift
  /// Lax.asin(jnp.array([0.0, 1.0]))  // [0.        1.5707964]
  /// ```
  @inlinable
  public static func asin(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.asin), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.acos` elementwise.
  ///
  /// ```swift
  /// Lax.acos(jnp.array([0.0, 1.0]))  // [1.5707964 0.       ]
  /// ```
  @inlinable
  public static func acos(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.acos), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.atan` elementwise.
  ///
  /// ```swift
  /// Lax.atan(jnp.array([0.0, 1.0]))  // ≈ [0.        0.7853981]
  /// ```
  @inlinable
  public static func atan(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.atan), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.sinh` elementwise.
  ///
  /// ```swift
  /// Lax.sinh(jnp.array([0.0, 1.0]))  // [0.        1.1752012]
  /// ```
  @inlinable
  public static func sinh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.sinh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.cosh` elementwise.
  ///
  /// ```swift
  /// Lax.cosh(jnp.array([0.0, 1.0]))  // [1.        1.5430806]
  /// ```
  @inlinable
  public static func cosh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.cosh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.tanh` elementwise.
  ///
  /// ```swift
  /// Lax.tanh(jnp.array([0.0, 1.0]))  // [0.        0.7615942]
  /// ```
  @inlinable
  public static func tanh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.tanh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.asinh` elementwise.
  ///
  /// ```swift
  /// Lax.asinh(jnp.array([0.0, 1.0]))  // ≈ [0.         0.88137364]
  /// ```
  @inlinable
  public static func asinh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.asinh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.acosh` elementwise.
  ///
  /// ```swift
  /// Lax.acosh(jnp.array([1.0, 2.0]))  // [0.       1.316958]
  /// ```
  @inlinable
  public static func acosh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.acosh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.atanh` elementwise.
  ///
  /// ```swift
  /// Lax.atanh(jnp.array([0.0, 0.5]))  // [0.         0.54930615]
  /// ```
  @inlinable
  public static func atanh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.atanh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.logistic` elementwise.
  ///
  /// ```swift
  /// Lax.logistic(jnp.array([0.0, 2.0]))  // [0.5      0.880797]
  /// ```
  @inlinable
  public static func logistic(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.logistic), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.erf` elementwise.
  ///
  /// ```swift
  /// Lax.erf(jnp.array([0.0, 1.0]))  // [0.         0.84270084]
  /// ```
  @inlinable
  public static func erf(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.erf), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.erfc` elementwise.
  ///
  /// ```swift
  /// Lax.erfc(jnp.array([0.0, 1.0]))  // ≈ [1.         0.15729924]
  /// ```
  @inlinable
  public static func erfc(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.erfc), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.erfInv` elementwise.
  ///
  /// ```swift
  /// Lax.erfInv(jnp.array([0.0, 0.5]))  // [0.         0.47693628]
  /// ```
  @inlinable
  public static func erfInv(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.erfInv), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.lgamma` elementwise.
  ///
  /// ```swift
  /// Lax.lgamma(jnp.array([0.5, 5.0]))  // ≈ [0.5723648 3.1780548]
  /// ```
  @inlinable
  public static func lgamma(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.lgamma), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.digamma` elementwise.
  ///
  /// ```swift
  /// Lax.digamma(jnp.array([1.0, 2.0]))  // [-0.5772154   0.42278463]
  /// ```
  @inlinable
  public static func digamma(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.digamma), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.population_count`: the number of set bits of each element, in the
  /// operand's integer dtype (negative values count their two's-complement
  /// bits).
  ///
  /// ```swift
  /// Lax.populationCount(Tensor([0, 7, -1] as [Int32]))  // [0, 3, 32]
  /// ```
  @inlinable
  public static func populationCount(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.populationCount), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.clz`: the number of leading zero bits of each element, in the
  /// operand's integer dtype (the bit width for zero, 0 for negatives).
  ///
  /// ```swift
  /// Lax.clz(Tensor([0, 1, 255] as [UInt8]))  // [8, 7, 0]
  /// ```
  @inlinable
  public static func clz(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.clz), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.bessel_i0e`: the exponentially scaled modified Bessel function of
  /// the first kind of order 0, `exp(-|x|) * I0(x)` (floats only; Cephes'
  /// Chebyshev expansion, as JAX computes it).
  ///
  /// ```swift
  /// Lax.besselI0e(Tensor([0, 1] as [Float]))  // [1, 0.4657596]
  /// ```
  @inlinable
  public static func besselI0e(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.besselI0e), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.bessel_i1e`: the exponentially scaled modified Bessel function of
  /// the first kind of order 1, `exp(-|x|) * I1(x)` (floats only; odd in x).
  ///
  /// ```swift
  /// Lax.besselI1e(Tensor([0, 1] as [Float]))  // [0, 0.20791042]
  /// ```
  @inlinable
  public static func besselI1e(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.besselI1e), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.isFinite` elementwise.
  ///
  /// ```swift
  /// Lax.isFinite(jnp.array([1.0, .infinity, .nan]))  // [ True False False]
  /// ```
  @inlinable
  public static func isFinite(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.isFinite), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.not` elementwise.
  ///
  /// ```swift
  /// Lax.`not`(jnp.array([true, false]))  // [False  True]
  /// ```
  @inlinable
  public static func `not`(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.not), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.square` elementwise.
  ///
  /// ```swift
  /// Lax.square(jnp.array([1.5, -2.5]))  // [2.25 6.25]
  /// ```
  @inlinable
  public static func square(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.square), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.round` with half-to-even rounding (`jnp.round`).
  ///
  /// ```swift
  /// Lax.roundEven(jnp.array([0.5, 1.5, 2.5]))  // [0. 2. 2.]
  /// ```
  @inlinable
  public static func roundEven(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.roundEven), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.integer_pow`: `x ** n` for a static integer `n`.
  ///
  /// ```swift
  /// Lax.integerPow(jnp.array([1.5, -2.5]), 3)  // [  3.375 -15.625]
  /// ```
  @inlinable
  public static func integerPow(_ x: Tensor, _ n: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.integerPow(n), [x], site: CallSite(file: file, line: line))
  }
}
