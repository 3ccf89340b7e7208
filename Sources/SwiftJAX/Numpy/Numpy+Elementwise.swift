import Foundation

// Elementwise math with JAX's promotion: transcendental functions promote
// integer and bool inputs to the default float type
// (`promote_args_inexact`), everything broadcasts like NumPy.

extension Numpy {
  /// Applies a float-only unary primitive after promoting ints to float.
  static func unaryInexact(_ op: UnaryOp, _ x: Tensor, file: StaticString, line: UInt) -> Tensor {
    bind1(.unary(op), [toInexact(x, file: file, line: line)], site: CallSite(file: file, line: line))
  }

  /// Promotes both operands to a common inexact dtype and broadcasts them
  /// to one shape.
  static func inexactOperands(_ op: String, _ a: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor)? {
    let ab = promoteDTypes([a, b], file: file, line: line)
    return fullOperands(op, toInexact(ab[0], file: file, line: line), toInexact(ab[1], file: file, line: line), file: file, line: line)
  }

  /// Like ``binaryOperands(_:_:_:file:line:)`` but broadcasts both operands
  /// to the full result shape (rank-0 operands stay scalars), for bodies
  /// that combine them with `select`, which does not broadcast.
  static func fullOperands(_ op: String, _ a: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor)? {
    guard let (x, y) = binaryOperands(op, a, b, file: file, line: line) else { return nil }
    if x.shape == y.shape || x.rank == 0 || y.rank == 0 { return (x, y) }
    let shape = broadcastShapes([x.shape, y.shape])!
    return (broadcastRanked(x, to: shape, file: file, line: line), broadcastRanked(y, to: shape, file: file, line: line))
  }

  /// `jnp.exp`. Example: `jnp.exp(jnp.array([0.0, 1.0]))  // [1, 2.7182817]`
  public static func exp(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.exp, x, file: file, line: line) }
  /// `jnp.exp2`. Example: `jnp.exp2(jnp.arange(3))  // [1., 2., 4.]`
  public static func exp2(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.exp2, x, file: file, line: line) }
  /// `jnp.expm1`. Example: `jnp.expm1(x)  // exp(x) - 1, accurate near 0`
  public static func expm1(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.expm1, x, file: file, line: line) }
  /// `jnp.log`. Example: `jnp.log(jnp.array([1, 4]))  // [0., 1.3862944] (ints become float32)`
  public static func log(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.log, x, file: file, line: line) }
  /// `jnp.log1p`. Example: `jnp.log1p(x)  // log(1 + x), accurate near 0`
  public static func log1p(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.log1p, x, file: file, line: line) }
  /// `jnp.sqrt`. Example: `jnp.sqrt(jnp.array([4.0]))  // [2.]`
  public static func sqrt(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.sqrt, x, file: file, line: line) }
  /// `jnp.cbrt`. Example: `jnp.cbrt(jnp.array([27.0]))  // [3.]`
  public static func cbrt(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.cbrt, x, file: file, line: line) }
  /// `jnp.sin`. Example: `jnp.sin(x)`
  public static func sin(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.sin, x, file: file, line: line) }
  /// `jnp.cos`. Example: `jnp.cos(x)`
  public static func cos(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.cos, x, file: file, line: line) }
  /// `jnp.tan`. Example: `jnp.tan(x)`
  public static func tan(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.tan, x, file: file, line: line) }
  /// `jnp.arcsin`. Example: `jnp.arcsin(x)`
  public static func arcsin(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.asin, x, file: file, line: line) }
  /// `jnp.arccos`. Example: `jnp.arccos(x)`
  public static func arccos(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.acos, x, file: file, line: line) }
  /// `jnp.arctan`. Example: `jnp.arctan(x)`
  public static func arctan(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.atan, x, file: file, line: line) }
  /// `jnp.sinh`. Example: `jnp.sinh(x)`
  public static func sinh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.sinh, x, file: file, line: line) }
  /// `jnp.cosh`. Example: `jnp.cosh(x)`
  public static func cosh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.cosh, x, file: file, line: line) }
  /// `jnp.tanh`. Example: `jnp.tanh(x)`
  public static func tanh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.tanh, x, file: file, line: line) }
  /// `jnp.arcsinh`. Example: `jnp.arcsinh(x)`
  public static func arcsinh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.asinh, x, file: file, line: line) }
  /// `jnp.arccosh`. Example: `jnp.arccosh(x)`
  public static func arccosh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.acosh, x, file: file, line: line) }
  /// `jnp.arctanh`. Example: `jnp.arctanh(x)`
  public static func arctanh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { unaryInexact(.atanh, x, file: file, line: line) }
  /// `jnp.asin` (NumPy 2 name of ``arcsin(_:file:line:)``). Example: `jnp.asin(x)`
  public static func asin(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { arcsin(x, file: file, line: line) }
  /// `jnp.acos`. Example: `jnp.acos(x)`
  public static func acos(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { arccos(x, file: file, line: line) }
  /// `jnp.atan`. Example: `jnp.atan(x)`
  public static func atan(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { arctan(x, file: file, line: line) }

  /// `jnp.arctan2(y, x)`: the angle of `(x, y)`.
  ///
  /// ```swift
  /// jnp.arctan2(jnp.array([1.0]), jnp.array([-1.0]))   // [2.3561945]
  /// ```
  public static func arctan2(_ y: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard let (a, b) = inexactOperands("atan2", y, x, file: file, line: line) else { return .invalid }
    return Lax.atan2(a, b, file: file, line: line)
  }

  /// `jnp.log2`: `log(x) / log(2)`.
  ///
  /// ```swift
  /// jnp.log2(jnp.array([8.0]))   // [3.]
  /// ```
  public static func log2(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let y = toInexact(x, file: file, line: line)
    return Lax.div(Lax.log(y, file: file, line: line), Lax.log(scalar(2, y.dtype), file: file, line: line), file: file, line: line)
  }

  /// `jnp.log10`: `log(x) / log(10)`.
  ///
  /// ```swift
  /// jnp.log10(jnp.array([100.0]))   // [2.]
  /// ```
  public static func log10(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let y = toInexact(x, file: file, line: line)
    return Lax.div(Lax.log(y, file: file, line: line), Lax.log(scalar(10, y.dtype), file: file, line: line), file: file, line: line)
  }

  /// `jnp.square`.
  ///
  /// ```swift
  /// jnp.square(jnp.array([1, -3]))   // [1, 9] (int32)
  /// ```
  public static func square(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.square(x, file: file, line: line)
  }

  /// `jnp.reciprocal`: `1 / x` (ints promote to float).
  ///
  /// ```swift
  /// jnp.reciprocal(jnp.array([2.0, 4.0]))   // [0.5, 0.25]
  /// ```
  public static func reciprocal(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.integerPow(toInexact(x, file: file, line: line), -1, file: file, line: line)
  }

  /// `jnp.abs` / `jnp.absolute`.
  ///
  /// ```swift
  /// jnp.abs(jnp.array([-1, 2]))   // [1, 2]
  /// ```
  public static func abs(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.dtype.isUnsignedInteger || x.dtype.isBool { return x }
    return Lax.abs(x, file: file, line: line)
  }

  /// `jnp.absolute`. Example: `jnp.absolute(x)`
  public static func absolute(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { abs(x, file: file, line: line) }

  /// `jnp.sign`: -1, 0 or 1 (NaN stays NaN).
  ///
  /// ```swift
  /// jnp.sign(jnp.array([-2.0, 0.0, 3.0]))   // [-1., 0., 1.]
  /// ```
  public static func sign(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.sign(x, file: file, line: line)
  }

  /// `jnp.floor` (integers are returned unchanged).
  ///
  /// ```swift
  /// jnp.floor(jnp.array([-1.5, 1.5]))   // [-2., 1.]
  /// ```
  public static func floor(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.dtype.isFloatingPoint ? Lax.floor(x, file: file, line: line) : x
  }

  /// `jnp.ceil` (integers are returned unchanged).
  ///
  /// ```swift
  /// jnp.ceil(jnp.array([-1.5, 1.5]))   // [-1., 2.]
  /// ```
  public static func ceil(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.dtype.isFloatingPoint ? Lax.ceil(x, file: file, line: line) : x
  }

  /// `jnp.trunc`: rounds toward zero.
  ///
  /// ```swift
  /// jnp.trunc(jnp.array([-1.7, 1.7]))   // [-1., 1.]
  /// ```
  public static func trunc(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if !x.dtype.isFloatingPoint { return x }
    return Lax.select(Lax.lt(x, scalar(0, x.dtype), file: file, line: line), Lax.ceil(x, file: file, line: line), Lax.floor(x, file: file, line: line), file: file, line: line)
  }

  /// `jnp.round`: half to even, at `decimals` decimal places.
  ///
  /// ```swift
  /// jnp.round(jnp.array([0.5, 1.5, 2.5]))          // [0., 2., 2.]
  /// jnp.round(jnp.array([1.234]), decimals: 2)     // [1.23]
  /// ```
  public static func round(_ x: Tensor, decimals: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if !x.dtype.isFloatingPoint { return x }
    if decimals == 0 { return Lax.roundEven(x, file: file, line: line) }
    let factor = scalar(Foundation.pow(10, Double(decimals)), x.dtype)
    return Lax.div(Lax.roundEven(Lax.mul(x, factor, file: file, line: line), file: file, line: line), factor, file: file, line: line)
  }

  /// `jnp.sinc`: `sin(πx) / (πx)`, with `sinc(0) = 1`.
  ///
  /// ```swift
  /// jnp.sinc(jnp.array([0.0, 0.5]))   // [1., 0.63661975]
  /// ```
  public static func sinc(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let y = toInexact(x, file: file, line: line)
    // Constants take the operand's weak type, as JAX's Python scalars do.
    let zero = Lax.eq(y, scalar(0, y.dtype), file: file, line: line)
    let piX = Lax.mul(scalar(Double.pi, y.dtype, weak: y.weakType), y, file: file, line: line)
    // Divide by a safe value so the unused branch does not produce NaN
    // (which would poison gradients through `select`).
    let one = Lax.broadcastInDim(scalar(1, y.dtype, weak: y.weakType), shape: y.shape, broadcastDimensions: [], file: file, line: line)
    let safe = Lax.select(zero, one, piX, file: file, line: line)
    return Lax.select(zero, one, Lax.div(Lax.sin(safe, file: file, line: line), safe, file: file, line: line), file: file, line: line)
  }

  /// `jnp.deg2rad` / `jnp.radians`.
  ///
  /// ```swift
  /// jnp.deg2rad(jnp.array([180.0]))   // [3.1415927]
  /// ```
  public static func deg2rad(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let y = toInexact(x, file: file, line: line)
    return Lax.mul(y, scalar(Double.pi / 180, y.dtype, weak: y.weakType), file: file, line: line)
  }

  /// `jnp.rad2deg` / `jnp.degrees`.
  ///
  /// ```swift
  /// jnp.rad2deg(jnp.array([Float.pi]))   // [180.]
  /// ```
  public static func rad2deg(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let y = toInexact(x, file: file, line: line)
    return Lax.mul(y, scalar(180 / Double.pi, y.dtype, weak: y.weakType), file: file, line: line)
  }

  /// `jnp.radians`. Example: `jnp.radians(x)`
  public static func radians(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { deg2rad(x, file: file, line: line) }
  /// `jnp.degrees`. Example: `jnp.degrees(x)`
  public static func degrees(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { rad2deg(x, file: file, line: line) }

  /// `jnp.hypot`: `sqrt(a² + b²)` without intermediate overflow.
  ///
  /// ```swift
  /// jnp.hypot(jnp.array([3.0]), jnp.array([4.0]))   // [5.]
  /// ```
  public static func hypot(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard let (x0, y0) = inexactOperands("hypot", a, b, file: file, line: line) else { return .invalid }
    let (x1, y1) = (Lax.abs(x0, file: file, line: line), Lax.abs(y0, file: file, line: line))
    let isInf = Lax.or(isinf(x1, file: file, line: line), isinf(y1, file: file, line: line), file: file, line: line)
    let big = Lax.max(x1, y1, file: file, line: line), small = Lax.min(x1, y1, file: file, line: line)
    let d = big.dtype
    let zero = Lax.eq(big, scalar(0, d), file: file, line: line)
    let safe = Lax.select(zero, Lax.broadcastInDim(scalar(1, d), shape: big.shape, broadcastDimensions: [], file: file, line: line), big, file: file, line: line)
    let ratio = Lax.div(small, safe, file: file, line: line)
    let r = Lax.mul(big, Lax.sqrt(Lax.add(scalar(1, d), Lax.square(ratio, file: file, line: line), file: file, line: line), file: file, line: line), file: file, line: line)
    let inf = Lax.broadcastInDim(scalar(.infinity, d), shape: big.shape, broadcastDimensions: [], file: file, line: line)
    return Lax.select(isInf, inf, Lax.select(zero, big, r, file: file, line: line), file: file, line: line)
  }

  /// `jnp.floor_divide` (`//` in Python): rounds the quotient toward −∞,
  /// with JAX's results for a zero divisor: a signed integer `x // 0` is
  /// `-1`, less one where `sign(x) != 0` (so `5 // 0 == -2`), unsigned
  /// gives the all-ones value, and floats give `±inf` (`-7.0 // 0.0 ==
  /// -inf`) or NaN for `0 // 0`. Bool operands count as integers.
  ///
  /// ```swift
  /// jnp.floorDivide(jnp.array([7, -7]), jnp.array([2, 2]))   // [3, -4]
  /// ```
  public static func floorDivide(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard var (x, y) = fullOperands("floor_divide", a, b, file: file, line: line) else { return .invalid }
    (x, y) = numericOperands(x, y, file: file, line: line)
    let d = x.dtype
    if d.isUnsignedInteger { return Lax.div(x, y, file: file, line: line) }
    if d.isSignedInteger {
      // JAX's test: sign(x) != sign(y), which also holds for a zero divisor.
      let q = Lax.div(x, y, file: file, line: line)
      let signsDiffer = Lax.ne(Lax.sign(x, file: file, line: line), Lax.sign(y, file: file, line: line), file: file, line: line)
      let inexact = Lax.ne(Lax.rem(x, y, file: file, line: line), scalar(0, d), file: file, line: line)
      let fix = Lax.and(signsDiffer, inexact, file: file, line: line)
      return Lax.select(fix, Lax.sub(q, scalar(1, d), file: file, line: line), q, file: file, line: line)
    }
    return floatDivmod(x, y, file: file, line: line).0
  }

  /// `jnp.divmod`: `(floorDivide(a, b), remainder(a, b))`, computed together
  /// for floats as JAX does.
  ///
  /// ```swift
  /// let (q, r) = jnp.divmod(jnp.array([7, -7]), jnp.array([2, 2]))   // [3, -4], [1, 1]
  /// ```
  public static func divmod(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
    guard var (x, y) = fullOperands("divmod", a, b, file: file, line: line) else { return (.invalid, .invalid) }
    (x, y) = numericOperands(x, y, file: file, line: line)
    if x.dtype.isInteger { return (floorDivide(x, y, file: file, line: line), remainder(x, y, file: file, line: line)) }
    return floatDivmod(x, y, file: file, line: line)
  }

  /// CPython's float divmod as JAX writes it (`_float_divmod`): quotient
  /// and remainder with the divisor's sign; where the divisor is zero the
  /// dividend itself is divided, so the quotient is ±inf rather than NaN.
  static func floatDivmod(_ x: Tensor, _ y: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor) {
    let d = x.dtype
    let zero = scalar(0, d)
    var mod = Lax.rem(x, y, file: file, line: line)
    let corrected = Lax.select(Lax.eq(y, zero, file: file, line: line), x, Lax.sub(x, mod, file: file, line: line), file: file, line: line)
    var div = Lax.div(corrected, y, file: file, line: line)
    let ind = Lax.and(
      Lax.ne(mod, zero, file: file, line: line),
      Lax.ne(Lax.sign(y, file: file, line: line), Lax.sign(mod, file: file, line: line), file: file, line: line), file: file, line: line)
    mod = Lax.select(ind, Lax.add(mod, y, file: file, line: line), mod, file: file, line: line)
    // A weak `1` keeps the quotient's weak type (`int_array // 2.0` is weak in JAX).
    div = Lax.select(ind, Lax.sub(div, scalar(1, d, weak: div.weakType), file: file, line: line), div, file: file, line: line)
    return (Lax.roundEven(div, file: file, line: line), mod)
  }

  /// `jnp.mod`: Python's `%` (the result has the divisor's sign).
  ///
  /// ```swift
  /// jnp.mod(jnp.array([-7, 7]), jnp.array([3, -3]))   // [2, -2]
  /// ```
  public static func mod(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    remainder(a, b, file: file, line: line)
  }

  /// `jnp.fmod`: C's `fmod` (the result has the dividend's sign). As in
  /// JAX, an integer divisor of zero gives 0 (it is replaced by 1); a float
  /// one gives NaN.
  ///
  /// ```swift
  /// jnp.fmod(jnp.array([-7, 7, 5]), jnp.array([3, -3, 0]))   // [-1, 1, 0]
  /// ```
  public static func fmod(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard var (x, y) = binaryOperands("fmod", a, b, file: file, line: line) else { return .invalid }
    if y.dtype.isInteger { y = nonzeroDivisor(y, file: file, line: line) }
    (x, y) = numericOperands(x, y, file: file, line: line)
    return Lax.rem(x, y, file: file, line: line)
  }

  /// `jnp.copysign`: the magnitude of `a` with the sign of `b`.
  ///
  /// ```swift
  /// jnp.copysign(jnp.array([1.0, 2.0]), jnp.array([-0.0, 1.0]))   // [-1., 2.]
  /// ```
  public static func copysign(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard let (x, y) = inexactOperands("copysign", a, b, file: file, line: line) else { return .invalid }
    let m = Lax.abs(x, file: file, line: line)
    return Lax.select(signbit(y, file: file, line: line), Lax.neg(m, file: file, line: line), m, file: file, line: line)
  }

  /// `jnp.logaddexp`: `log(exp(a) + exp(b))` computed stably.
  ///
  /// ```swift
  /// jnp.logaddexp(jnp.array([0.0]), jnp.array([0.0]))   // [0.6931472]
  /// ```
  public static func logaddexp(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard let (x, y) = inexactOperands("logaddexp", a, b, file: file, line: line) else { return .invalid }
    if x.dtype.isComplex { return complexLogAddExp(x, y) }
    let amax = Lax.max(x, y, file: file, line: line)
    let delta = Lax.sub(x, y, file: file, line: line)
    let soft = Lax.add(amax, Lax.log1p(Lax.exp(Lax.neg(Lax.abs(delta, file: file, line: line), file: file, line: line), file: file, line: line), file: file, line: line), file: file, line: line)
    return Lax.select(Lax.ne(delta, delta, file: file, line: line), Lax.add(x, y, file: file, line: line), soft, file: file, line: line)
  }

  /// JAX's complex `logaddexp` (`lax/other.py`): `m + log1p(exp(x + y - 2m))`
  /// with `m` the lexicographic max, the imaginary part wrapped into
  /// [-pi, pi) as `_wrap_between` does. Also the combiner of complex
  /// cumlogsumexp's derivative; its bits are `jx_clogaddexp`'s. `base2`:
  /// `logaddexp2`, `m + log1p(exp2(x + y - 2m)) / ln 2` wrapped into
  /// [-pi/ln 2, pi/ln 2).
  static func complexLogAddExp(_ x: Tensor, _ y: Tensor, base2: Bool = false) -> Tensor {
    let amax = Lax.max(x, y)
    let delta = Lax.sub(Lax.add(x, y), Lax.mul(amax, scalar(2, x.dtype)))
    let ln2 = Foundation.log(2.0)
    let tail = base2 ? Lax.mul(scalar(1 / ln2, x.dtype), Lax.log1p(Lax.exp2(delta))) : Lax.log1p(Lax.exp(delta))
    let out = Lax.add(amax, tail)
    let r = x.dtype.realPart
    let half = base2 ? Double.pi / ln2 : Double.pi
    let (a, twoA) = (scalar(half, r), scalar(2 * half, r))
    let rem = Lax.rem(Lax.add(Lax.imag(out), a), twoA)
    let wrapped = Lax.select(Lax.lt(rem, scalar(0, r)), Lax.add(rem, twoA), rem)
    return Lax.complex(Lax.real(out), Lax.sub(wrapped, a))
  }

  /// `jnp.isnan` (always false for integers).
  ///
  /// ```swift
  /// jnp.isnan(jnp.array([Float.nan, 1]))   // [true, false]
  /// ```
  public static func isnan(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    // Complex: a NaN in either part (JAX's `ne(x, x)`).
    if !x.dtype.isInexact { return fullLike(x, false, dtype: .bool, file: file, line: line) }
    return Lax.ne(x, x, file: file, line: line)
  }

  /// `jnp.isinf` (±infinity; always false for integers).
  ///
  /// ```swift
  /// jnp.isinf(jnp.array([Float.infinity, 1]))   // [true, false]
  /// ```
  public static func isinf(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.dtype.isComplex {
      // An infinite part, as JAX's complex branch.
      return logicalOr(isinf(Lax.real(x, file: file, line: line), file: file, line: line),
                       isinf(Lax.imag(x, file: file, line: line), file: file, line: line), file: file, line: line)
    }
    if !x.dtype.isFloatingPoint { return fullLike(x, false, dtype: .bool, file: file, line: line) }
    return Lax.eq(Lax.abs(x, file: file, line: line), scalar(.infinity, x.dtype), file: file, line: line)
  }

  /// `jnp.isfinite` (always true for integers).
  ///
  /// ```swift
  /// jnp.isfinite(jnp.array([Float.nan, 1]))   // [false, true]
  /// ```
  public static func isfinite(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.dtype.isComplex {
      // Both parts finite, as JAX's complex branch.
      return logicalAnd(Lax.isFinite(Lax.real(x, file: file, line: line), file: file, line: line),
                        Lax.isFinite(Lax.imag(x, file: file, line: line), file: file, line: line), file: file, line: line)
    }
    if !x.dtype.isFloatingPoint { return fullLike(x, true, dtype: .bool, file: file, line: line) }
    return Lax.isFinite(x, file: file, line: line)
  }

  /// `jnp.nan_to_num`: replaces NaN with `nan`, +∞ with `posinf` and −∞
  /// with `neginf` (default: the largest finite values of the dtype).
  ///
  /// ```swift
  /// jnp.nanToNum(jnp.array([Float.nan, -.infinity]))   // [0., -3.4028235e+38]
  /// ```
  public static func nanToNum(
    _ x: Tensor, nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if !x.dtype.isFloatingPoint { return x }
    let d = x.dtype
    let big: Double = d == .float64 ? Double.greatestFiniteMagnitude : d == .float16 ? Double(Float16.greatestFiniteMagnitude)
      : d == .bfloat16 ? Double(BFloat16(bitPattern: 0x7f7f).float) : Double(Float.greatestFiniteMagnitude)
    func fill(_ v: Double) -> Tensor { Lax.broadcastInDim(scalar(v, d), shape: x.shape, broadcastDimensions: [], file: file, line: line) }
    var r = Lax.select(Lax.ne(x, x, file: file, line: line), fill(nan), x, file: file, line: line)
    r = Lax.select(Lax.eq(x, scalar(.infinity, d), file: file, line: line), fill(posinf ?? big), r, file: file, line: line)
    r = Lax.select(Lax.eq(x, scalar(-.infinity, d), file: file, line: line), fill(neginf ?? -big), r, file: file, line: line)
    return r
  }

  /// Converts to bool as NumPy's truth value (`x != 0`).
  static func truthy(_ x: Tensor, file: StaticString, line: UInt) -> Tensor {
    if x.dtype.isBool { return x }
    return Lax.ne(x, scalar(0, x.dtype), file: file, line: line)
  }

  /// `jnp.logical_and`. Example: `jnp.logicalAnd(x > 0, x < 5)`
  public static func logicalAnd(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    binary(.and, truthy(a, file: file, line: line), truthy(b, file: file, line: line), file: file, line: line)
  }
  /// `jnp.logical_or`. Example: `jnp.logicalOr(x < 0, x > 5)`
  public static func logicalOr(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    binary(.or, truthy(a, file: file, line: line), truthy(b, file: file, line: line), file: file, line: line)
  }
  /// `jnp.logical_xor`. Example: `jnp.logicalXor(a, b)`
  public static func logicalXor(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    binary(.xor, truthy(a, file: file, line: line), truthy(b, file: file, line: line), file: file, line: line)
  }
  /// `jnp.logical_not`. Example: `jnp.logicalNot(jnp.array([0, 2]))  // [true, false]`
  public static func logicalNot(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.not(truthy(x, file: file, line: line), file: file, line: line)
  }

  /// `jnp.bitwise_and`. Example: `jnp.bitwiseAnd(jnp.array([12]), jnp.array([10]))  // [8]`
  public static func bitwiseAnd(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { binary(.and, a, b, file: file, line: line) }
  /// `jnp.bitwise_or`. Example: `jnp.bitwiseOr(a, b)`
  public static func bitwiseOr(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { binary(.or, a, b, file: file, line: line) }
  /// `jnp.bitwise_xor`. Example: `jnp.bitwiseXor(a, b)`
  public static func bitwiseXor(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { binary(.xor, a, b, file: file, line: line) }
  /// `jnp.bitwise_not` / `jnp.invert`. Example: `jnp.bitwiseNot(jnp.array([0]))  // [-1]`
  public static func bitwiseNot(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { Lax.not(x, file: file, line: line) }
  /// `jnp.invert`. Example: `jnp.invert(x)`
  public static func invert(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { Lax.not(x, file: file, line: line) }
  /// `jnp.bitwise_count`: the number of set bits of each element's absolute
  /// value, as uint8 (`lax.population_count` of `abs(x)`, as JAX computes it).
  ///
  /// ```swift
  /// jnp.bitwiseCount(jnp.array([2, -7, 255]))  // [1, 3, 8] (uint8)
  /// ```
  public static func bitwiseCount(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.dtype.isBool { return convert(x, to: .uint8, weak: false, file: file, line: line) }
    let counts = Lax.populationCount(abs(x, file: file, line: line), file: file, line: line)
    return convert(counts, to: .uint8, weak: false, file: file, line: line)
  }
  /// `jnp.left_shift`. Example: `jnp.leftShift(jnp.array([1]), jnp.array([3]))  // [8]`
  public static func leftShift(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { binary(.shiftLeft, a, b, file: file, line: line) }
  /// `jnp.right_shift` (arithmetic for signed, logical for unsigned). Example: `jnp.rightShift(x, 1)`
  public static func rightShift(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let r = resultType([a, b]).dtype
    return binary(r.isUnsignedInteger ? .shiftRightLogical : .shiftRightArithmetic, a, b, file: file, line: line)
  }

  /// `jnp.where(condition, x, y)`: `x` where `condition` is true, else
  /// `y`, with broadcasting and promotion. This is the static-shape
  /// replacement for boolean-mask indexing under `jit`.
  ///
  /// ```swift
  /// jnp.where(x > 0, x, 0)   // relu
  /// ```
  public static func `where`(_ condition: Tensor, _ x: Tensor, _ y: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(condition, x, y) { return .invalid }
    let c = truthy(condition, file: file, line: line)
    let xy = promoteDTypes([x, y], file: file, line: line)
    guard let shape = broadcastShapes([c.shape, xy[0].shape, xy[1].shape]) else {
      return fail(.shape, "where", "incompatible shapes for broadcasting: condition \(shapeString(condition.shape)), x \(shapeString(x.shape)), y \(shapeString(y.shape))", file: file, line: line)
    }
    let cb = broadcastRanked(c, to: shape, file: file, line: line)
    return Lax.select(cb, broadcastRanked(xy[0], to: shape, file: file, line: line), broadcastRanked(xy[1], to: shape, file: file, line: line), file: file, line: line)
  }

  /// `jnp.clip`: limits values to `[min, max]` (either bound optional).
  ///
  /// ```swift
  /// jnp.clip(x, min: 0, max: 1)
  /// jnp.clip(x, max: 10)
  /// ```
  public static func clip(_ x: Tensor, min: Tensor? = nil, max: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if [x, min, max].contains(where: { $0?.dtype.isComplex == true }) {
      // lax.max/min order complex numbers lexicographically; jnp.clip refuses them, as JAX does.
      return fail(.dtype, "clip", "Clip received a complex value either through the input or the min/max keywords. "
        + "Complex values have no ordering and cannot be clipped. Please convert to a real value or array by taking "
        + "the real or imaginary components via jax.numpy.real/imag respectively. (Got x: \(x.dtype.name)"
        + (min.map { ", min: \($0.dtype.name)" } ?? "") + (max.map { ", max: \($0.dtype.name)" } ?? "") + ".)", file: file, line: line)
    }
    var r = x
    if let min { r = maximum(min, r, file: file, line: line) }
    if let max { r = minimum(max, r, file: file, line: line) }
    return r
  }
}
