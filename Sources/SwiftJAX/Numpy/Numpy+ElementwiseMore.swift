// Named comparisons and small elementwise functions of jax.numpy 0.10.2
// that compose existing primitives: `equal`...`less_equal`, `positive`,
// `isposinf`/`isneginf`, `rint`, `nextafter`, `modf`, `float_power`.

extension Numpy {
  /// `jnp.equal` (the function form of `==`). Example: `jnp.equal(x, y)`
  public static func equal(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { compare(.eq, a, b, file: file, line: line) }
  /// `jnp.not_equal` (`!=`). Example: `jnp.notEqual(x, y)`
  public static func notEqual(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { compare(.ne, a, b, file: file, line: line) }
  /// `jnp.greater` (`>`). Example: `jnp.greater(x, 0)`
  public static func greater(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { compare(.gt, a, b, file: file, line: line) }
  /// `jnp.greater_equal` (`>=`). Example: `jnp.greaterEqual(x, y)`
  public static func greaterEqual(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { compare(.ge, a, b, file: file, line: line) }
  /// `jnp.less` (`<`). Example: `jnp.less(x, y)`
  public static func less(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { compare(.lt, a, b, file: file, line: line) }
  /// `jnp.less_equal` (`<=`). Example: `jnp.lessEqual(x, y)`
  public static func lessEqual(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { compare(.le, a, b, file: file, line: line) }

  /// `jnp.positive`: `+x`, the input unchanged. Example: `jnp.positive(x)`
  public static func positive(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { x }

  /// `jnp.isposinf`: true at +∞ (always false for integers).
  ///
  /// ```swift
  /// jnp.isposinf(jnp.array([Float.infinity, -.infinity, 1]))   // [true, false, false]
  /// ```
  public static func isposinf(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if !x.dtype.isFloatingPoint { return fullLike(x, Tensor(weak: false), dtype: .bool, file: file, line: line) }
    return Lax.eq(x, scalar(.infinity, x.dtype), file: file, line: line)
  }

  /// `jnp.isneginf`: true at −∞ (always false for integers).
  ///
  /// ```swift
  /// jnp.isneginf(jnp.array([Float.infinity, -.infinity, 1]))   // [false, true, false]
  /// ```
  public static func isneginf(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if !x.dtype.isFloatingPoint { return fullLike(x, Tensor(weak: false), dtype: .bool, file: file, line: line) }
    return Lax.eq(x, scalar(-.infinity, x.dtype), file: file, line: line)
  }

  /// `jnp.rint`: rounds to the nearest integer, ties to even; integer and
  /// bool inputs become the default float type.
  ///
  /// ```swift
  /// jnp.rint(jnp.array([0.5, 1.5, -2.5]))   // [0, 2, -2]
  /// ```
  public static func rint(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    if !x.dtype.isFloatingPoint { return convert(x, to: .defaultFloat, weak: false, file: file, line: line) }
    return Lax.roundEven(x, file: file, line: line)
  }

  /// `jnp.nextafter`: the next representable float after `a` towards `b`.
  ///
  /// ```swift
  /// jnp.nextafter(jnp.array([1.0] as [Float]), jnp.array([2.0] as [Float]))   // [1.0000001]
  /// ```
  public static func nextafter(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    guard let (x, y) = inexactOperands("nextafter", a, b, file: file, line: line) else { return .invalid }
    return Lax.nextafter(x, y, file: file, line: line)
  }

  /// `jnp.modf`: the fractional and integral parts, both with the sign of `x`.
  ///
  /// ```swift
  /// jnp.modf(jnp.array([2.5, -1.25]))   // ([0.5, -0.25], [2, -1])
  /// ```
  public static func modf(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
    if x.isInvalid { return (.invalid, .invalid) }
    let a = toInexact(x, file: file, line: line)
    let whole = `where`(Lax.ge(a, scalar(0, a.dtype), file: file, line: line), floor(a, file: file, line: line), ceil(a, file: file, line: line), file: file, line: line)
    return (subtract(a, whole, file: file, line: line), whole)
  }

  /// `jnp.float_power`: `a ** b` computed in the promoted inexact dtype
  /// (so integer powers with negative exponents are fractions).
  ///
  /// ```swift
  /// jnp.floatPower(jnp.array([2, 4]), jnp.array([-1, 0.5]))   // [0.5, 2]
  /// ```
  public static func floatPower(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    guard let (x, y) = inexactOperands("float_power", a, b, file: file, line: line) else { return .invalid }
    return Lax.pow(x, y, file: file, line: line)
  }
}
