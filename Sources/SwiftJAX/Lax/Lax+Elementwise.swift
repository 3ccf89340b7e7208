// The primitive-level API (`jax.lax`): one function per primitive, no
// implicit promotion or broadcasting beyond what the primitive accepts.
// The NumPy layer builds on these.

/// The `jax.lax` namespace: thin wrappers that bind one primitive each.
///
/// ```swift
/// let y = Lax.add(Lax.sin(x), x)      // x: f32[3] → f32[3]
/// let z = Lax.mul(y, Tensor(2 as Float))
/// ```
/// Operands must already agree in dtype; shapes must be equal or one side
/// rank 0. Use the NumPy layer (`Numpy`, operators) for broadcasting and
/// type promotion.
public enum Lax {}

/// Elementwise primitives.
extension Lax {
  /// `lax.neg` elementwise.
  @inlinable
  public static func neg(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.neg), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.abs` elementwise.
  @inlinable
  public static func abs(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.abs), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.sign` elementwise.
  @inlinable
  public static func sign(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.sign), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.floor` elementwise.
  @inlinable
  public static func floor(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.floor), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.ceil` elementwise.
  @inlinable
  public static func ceil(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.ceil), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.round` elementwise.
  @inlinable
  public static func round(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.round), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.exp` elementwise.
  @inlinable
  public static func exp(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.exp), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.exp2` elementwise.
  @inlinable
  public static func exp2(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.exp2), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.log` elementwise.
  @inlinable
  public static func log(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.log), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.log1p` elementwise.
  @inlinable
  public static func log1p(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.log1p), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.expm1` elementwise.
  @inlinable
  public static func expm1(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.expm1), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.sqrt` elementwise.
  @inlinable
  public static func sqrt(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.sqrt), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.rsqrt` elementwise.
  @inlinable
  public static func rsqrt(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.rsqrt), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.cbrt` elementwise.
  @inlinable
  public static func cbrt(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.cbrt), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.sin` elementwise.
  @inlinable
  public static func sin(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.sin), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.cos` elementwise.
  @inlinable
  public static func cos(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.cos), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.tan` elementwise.
  @inlinable
  public static func tan(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.tan), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.asin` elementwise.
  @inlinable
  public static func asin(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.asin), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.acos` elementwise.
  @inlinable
  public static func acos(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.acos), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.atan` elementwise.
  @inlinable
  public static func atan(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.atan), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.sinh` elementwise.
  @inlinable
  public static func sinh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.sinh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.cosh` elementwise.
  @inlinable
  public static func cosh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.cosh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.tanh` elementwise.
  @inlinable
  public static func tanh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.tanh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.asinh` elementwise.
  @inlinable
  public static func asinh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.asinh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.acosh` elementwise.
  @inlinable
  public static func acosh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.acosh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.atanh` elementwise.
  @inlinable
  public static func atanh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.atanh), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.logistic` elementwise.
  @inlinable
  public static func logistic(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.logistic), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.erf` elementwise.
  @inlinable
  public static func erf(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.erf), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.erfc` elementwise.
  @inlinable
  public static func erfc(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.erfc), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.erfInv` elementwise.
  @inlinable
  public static func erfInv(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.erfInv), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.lgamma` elementwise.
  @inlinable
  public static func lgamma(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.lgamma), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.digamma` elementwise.
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
  @inlinable
  public static func isFinite(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.isFinite), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.not` elementwise.
  @inlinable
  public static func `not`(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.not), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.square` elementwise.
  @inlinable
  public static func square(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.square), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.round` with half-to-even rounding (`jnp.round`).
  @inlinable
  public static func roundEven(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.unary(.roundEven), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.integer_pow`: `x ** n` for a static integer `n`.
  @inlinable
  public static func integerPow(_ x: Tensor, _ n: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.integerPow(n), [x], site: CallSite(file: file, line: line))
  }
  /// `lax.add` elementwise.
  @inlinable
  public static func add(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.add), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.sub` elementwise.
  @inlinable
  public static func sub(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.sub), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.mul` elementwise.
  @inlinable
  public static func mul(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.mul), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.div` elementwise.
  @inlinable
  public static func div(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.div), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.rem` elementwise.
  @inlinable
  public static func rem(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.rem), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.pow` elementwise.
  @inlinable
  public static func pow(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.pow), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.max` elementwise.
  @inlinable
  public static func max(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.max), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.min` elementwise.
  @inlinable
  public static func min(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.min), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.atan2` elementwise.
  @inlinable
  public static func atan2(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.atan2), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.nextafter` elementwise.
  @inlinable
  public static func nextafter(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.nextafter), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.and` elementwise.
  @inlinable
  public static func `and`(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.and), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.or` elementwise.
  @inlinable
  public static func `or`(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.or), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.xor` elementwise.
  @inlinable
  public static func xor(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.xor), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.shiftLeft` elementwise.
  @inlinable
  public static func shiftLeft(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.shiftLeft), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.shiftRightLogical` elementwise.
  @inlinable
  public static func shiftRightLogical(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.shiftRightLogical), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.shiftRightArithmetic` elementwise.
  @inlinable
  public static func shiftRightArithmetic(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.shiftRightArithmetic), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.eq`: elementwise comparison returning bool.
  @inlinable
  public static func eq(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.eq), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.ne`: elementwise comparison returning bool.
  @inlinable
  public static func ne(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.ne), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.lt`: elementwise comparison returning bool.
  @inlinable
  public static func lt(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.lt), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.le`: elementwise comparison returning bool.
  @inlinable
  public static func le(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.le), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.gt`: elementwise comparison returning bool.
  @inlinable
  public static func gt(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.gt), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.ge`: elementwise comparison returning bool.
  @inlinable
  public static func ge(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.ge), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.select_n`: picks `cases[which]` elementwise. A bool `which`
  /// selects between two cases (false → first).
  @inlinable
  public static func selectN(_ which: Tensor, _ cases: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.selectN, [which] + cases, site: CallSite(file: file, line: line))
  }

  /// `lax.select(pred, onTrue, onFalse)`.
  @inlinable
  public static func select(_ pred: Tensor, _ onTrue: Tensor, _ onFalse: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.selectN, [pred, onFalse, onTrue], site: CallSite(file: file, line: line))
  }

  /// `lax.clamp(min, x, max)`.
  @inlinable
  public static func clamp(_ min: Tensor, _ x: Tensor, _ max: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.clamp, [min, x, max], site: CallSite(file: file, line: line))
  }

  /// `lax.convert_element_type`.
  @inlinable
  public static func convertElementType(_ x: Tensor, _ dtype: DType, weakType: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.dtype == dtype && x.weakType == weakType { return x }
    return bind1(.convertElementType(dtype, weakType: weakType), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.bitcast_convert_type`: reinterprets the bits.
  @inlinable
  public static func bitcastConvertType(_ x: Tensor, _ dtype: DType, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.bitcastConvertType(dtype), [x], site: CallSite(file: file, line: line))
  }
}
