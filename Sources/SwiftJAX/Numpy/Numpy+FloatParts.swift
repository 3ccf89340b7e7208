import Foundation

/// Floating-point anatomy: `fabs`, `signbit`, `spacing`, `frexp`, `ldexp`,
/// with JAX 0.10.2's bit-level formulas.
extension Numpy {
  /// finfo fields JAX's formulas use, and the same-width signed integer.
  struct FloatLayout {
    let nmant: Int, nexp: Int, minexp: Int, tiny: Double, smallestSubnormal: Double, int: DType
    init?(_ d: DType) {
      switch d {
      case .float16: (nmant, nexp, minexp, tiny, smallestSubnormal, int) = (10, 5, -14, 0x1p-14, 0x1p-24, .int16)
      case .bfloat16: (nmant, nexp, minexp, tiny, smallestSubnormal, int) = (7, 8, -126, 0x1p-126, 0x1p-133, .int16)
      case .float32: (nmant, nexp, minexp, tiny, smallestSubnormal, int) = (23, 8, -126, 0x1p-126, 0x1p-149, .int32)
      case .float64: (nmant, nexp, minexp, tiny, smallestSubnormal, int) = (52, 11, -1022, 0x1p-1022, 0x1p-1074, .int64)
      default: return nil
      }
    }
    func const(_ v: Int) -> Tensor { Numpy.convert(Tensor(weak: v), to: int, weak: false) }
  }

  /// `jnp.fabs`: the absolute value as a float (integers are promoted).
  ///
  /// ```swift
  /// jnp.fabs(jnp.array([-2, 3]))   // [2. 3.]
  /// ```
  /// - Parameters:
  ///   - x: the input.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fabs(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    return Lax.abs(toInexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jnp.signbit`: true where the sign bit is set (so for -0.0 and
  /// negative NaNs too); integers test `< 0`, booleans are never negative.
  ///
  /// ```swift
  /// jnp.signbit(jnp.array([-0.0, 0.0, -3.0]))   // [ true false  true]
  /// ```
  /// - Parameters:
  ///   - x: the input.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func signbit(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    if x.dtype.isBool { return Lax.broadcastInDim(Tensor(false), shape: x.shape, broadcastDimensions: []) }
    if x.dtype.isInteger { return Lax.lt(x, convert(Tensor(weak: 0), to: x.dtype, weak: false)) }
    guard let f = FloatLayout(x.dtype) else { return fail(.dtype, "signbit", "not defined for \(x.dtype)", file: file, line: line) }
    let bits = Lax.bitcastConvertType(x, f.int)
    return Lax.lt(bits, f.const(0))
  }

  /// `jnp.spacing`: the distance from `x` to the next float away from
  /// zero (the smallest subnormal, signed, where that difference is 0).
  ///
  /// ```swift
  /// jnp.spacing(jnp.array([1.0]))   // [1.1920929e-07]
  /// ```
  /// - Parameters:
  ///   - x: the input.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func spacing(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = toInexact(x, file: file, line: line)
    guard let f = FloatLayout(a.dtype) else { return fail(.dtype, "spacing", "not defined for \(a.dtype)", file: file, line: line) }
    let inf = Lax.broadcastInDim(scalar(.infinity, a.dtype), shape: a.shape, broadcastDimensions: [])
    if a.dtype == .float16 { return Lax.sub(Lax.nextafter(a, inf), a) }
    let r = Lax.sub(Lax.nextafter(a, copysign(inf, a)), a)
    return Lax.select(Lax.eq(r, scalar(0, a.dtype)), copysign(Lax.broadcastInDim(scalar(f.smallestSubnormal, a.dtype), shape: a.shape, broadcastDimensions: []), a), r)
  }

  /// `jnp.frexp`: mantissas in [0.5, 1) (sign kept) and int32 exponents
  /// with `x = m · 2^e`; 0, ±inf and NaN give `(x, 0)`. The mantissa
  /// differentiates as JAX defines it: `dm = dx · 2^-e`. Subnormal inputs
  /// get their exact decomposition; JAX on CPU flushes them to zero inside
  /// `frexp` (XLA's denormals-are-zero) and reports exponent -149 (float32).
  ///
  /// ```swift
  /// let (m, e) = jnp.frexp(jnp.array([8.0, 0.75]))   // [0.5 0.75], [4 0]
  /// ```
  /// - Parameters:
  ///   - x: the input.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func frexp(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> (mantissa: Tensor, exponent: Tensor) {
    if x.isInvalid { return (.invalid, .invalid) }
    let a = toInexact(x, file: file, line: line)
    guard let f = FloatLayout(a.dtype) else {
      _ = fail(.dtype, "frexp", "not defined for \(a.dtype)", file: file, line: line)
      return (.invalid, .invalid)
    }
    let mask = (1 << f.nexp) - 1, bias = 1 - f.minexp
    // _normalize_float: scale subnormals up by 2^nmant first.
    let small = Lax.lt(Lax.abs(a), scalar(f.tiny, a.dtype))
    let scaled = Lax.select(small, Lax.mul(a, scalar(Double(1 << f.nmant), a.dtype)), a)
    var e = Lax.select(small, Lax.broadcastInDim(f.const(-f.nmant), shape: a.shape, broadcastDimensions: []),
                       Lax.broadcastInDim(f.const(0), shape: a.shape, broadcastDimensions: []))
    var bits = Lax.bitcastConvertType(scaled, f.int)
    let biased = Lax.and(Lax.shiftRightArithmetic(bits, f.const(f.nmant)), f.const(mask))
    e = Lax.add(e, Lax.add(Lax.sub(biased, f.const(bias)), f.const(1)))
    bits = Lax.and(bits, f.const(~(mask << f.nmant)))
    bits = Lax.or(bits, f.const((bias - 1) << f.nmant))
    var m = Lax.bitcastConvertType(bits, a.dtype)
    let special = Lax.or(Lax.or(Lax.not(Lax.isFinite(a)), Lax.ne(a, a)), Lax.eq(a, scalar(0, a.dtype)))
    let zero = Lax.broadcastInDim(f.const(0), shape: a.shape, broadcastDimensions: [])
    e = Lax.select(special, zero, e)
    // JAX's frexp JVP, dm = dx · 2^-e, attached without changing the value:
    // (xs - stop(xs)) is exactly 0 and m is never ±0 where it is used.
    let xs = Lax.select(special, Lax.broadcastInDim(scalar(0, a.dtype), shape: a.shape, broadcastDimensions: []), a)
    let inverse = Lax.pow(Lax.broadcastInDim(scalar(2, a.dtype), shape: a.shape, broadcastDimensions: []), Lax.neg(Lax.convertElementType(e, a.dtype)))
    let scale = stopGradient(Lax.select(Lax.isFinite(inverse), inverse, Lax.broadcastInDim(scalar(0, a.dtype), shape: a.shape, broadcastDimensions: [])))
    m = Lax.add(m, Lax.mul(Lax.sub(xs, stopGradient(xs)), scale))
    return (Lax.select(special, a, m), Lax.convertElementType(e, .int32))
  }

  /// `jnp.ldexp`: `x1 · 2^x2` for integer exponents, computed through
  /// `frexp` so large exponents do not overflow early; 0 and ±inf pass through.
  ///
  /// ```swift
  /// jnp.ldexp(jnp.array([0.5, 3.0]), jnp.array([4, -1]))   // [8.  1.5]
  /// ```
  /// - Parameters:
  ///   - x1: the mantissas.
  ///   - x2: integer exponents, broadcast with `x1`.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func ldexp(_ x1: Tensor, _ x2: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(x1, x2) { return .invalid }
    guard !x2.dtype.isFloatingPoint else { return fail(.dtype, "ldexp", "ldexp not supported for input types (\(x1.dtype), \(x2.dtype)): the exponent must be an integer", file: file, line: line) }
    let a = toInexact(x1, file: file, line: line)
    let d = a.dtype
    guard let shape = broadcastShapes([a.shape, x2.shape]) else {
      return fail(.shape, "ldexp", "shapes \(shapeString(x1.shape)) and \(shapeString(x2.shape)) do not broadcast", file: file, line: line)
    }
    let xa = broadcastTo(a, shape), ea = broadcastTo(convert(x2, to: d, weak: false), shape)
    var (m, e) = frexp(xa, file: file, line: line)
    e = Lax.add(Lax.convertElementType(e, d), ea)
    let positive = Lax.gt(e, scalar(0, d))
    m = Lax.select(positive, Lax.mul(m, scalar(2, d)), m)
    e = Lax.select(positive, Lax.sub(e, scalar(1, d)), e)
    let x = Lax.mul(m, Lax.pow(Lax.broadcastInDim(scalar(2, d), shape: shape, broadcastDimensions: []), e))
    let keep = Lax.or(Lax.not(Lax.or(Lax.isFinite(xa), Lax.ne(xa, xa))), Lax.eq(xa, scalar(0, d)))
    return Lax.select(keep, xa, x)
  }
}
