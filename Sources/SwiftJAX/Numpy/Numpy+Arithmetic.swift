/// Elementwise arithmetic with broadcasting and promotion.
extension Numpy {
  /// `jnp.add`.
  ///
  /// ```swift
  /// jnp.add(jnp.array([1, 2]), jnp.array([10]))  // [11 12]
  /// ```
  public static func add(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    // bool + bool is logical or in NumPy/JAX.
    if a.dtype == .bool && b.dtype == .bool { return binary(.or, a, b, file: file, line: line) }
    return binary(.add, a, b, file: file, line: line)
  }

  /// `jnp.subtract`.
  ///
  /// ```swift
  /// jnp.subtract(jnp.array([1.0, 2.0]), 0.5)  // [0.5 1.5]
  /// ```
  public static func subtract(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    binary(.sub, a, b, file: file, line: line)
  }

  /// `jnp.multiply` (bool * bool is logical and).
  ///
  /// ```swift
  /// jnp.multiply(jnp.array([true, true]), jnp.array([true, false]))  // [ True False]
  /// ```
  public static func multiply(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.dtype == .bool && b.dtype == .bool { return binary(.and, a, b, file: file, line: line) }
    return binary(.mul, a, b, file: file, line: line)
  }

  /// `jnp.true_divide`: integers are divided as floats, like Python's `/`.
  ///
  /// ```swift
  /// jnp.trueDivide(jnp.array([1, 2]), jnp.array([4]))  // [0.25 0.5 ]
  /// ```
  public static func trueDivide(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    // Same float dtype: promotion and `toInexact` leave the operands alone.
    if a.dtype == b.dtype && a.dtype.isFloatingPoint, let r = EagerFastPath.binary(.div, a, b) { return r }
    let ab = promoteDTypes([a, b], file: file, line: line)
    return binary(.div, toInexact(ab[0], file: file, line: line), toInexact(ab[1], file: file, line: line), file: file, line: line)
  }

  /// `jnp.divide` (same as ``trueDivide(_:_:file:line:)``).
  public static func divide(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    trueDivide(a, b, file: file, line: line)
  }

  /// `jnp.negative`.
  ///
  /// ```swift
  /// jnp.negative(jnp.array([1, -2]))  // [-1  2]
  /// ```
  public static func negative(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.neg(x, file: file, line: line)
  }

  /// `jnp.maximum` (NaN-propagating).
  ///
  /// ```swift
  /// jnp.maximum(jnp.array([1.0, .nan]), jnp.array([2.0, 0.0]))  // [ 2. nan]
  /// ```
  public static func maximum(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    binary(.max, a, b, file: file, line: line)
  }

  /// `jnp.minimum` (NaN-propagating).
  ///
  /// ```swift
  /// jnp.minimum(jnp.array([1.0, .nan]), jnp.array([2.0, 0.0]))  // [ 1. nan]
  /// ```
  public static func minimum(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    binary(.min, a, b, file: file, line: line)
  }

  /// `jnp.remainder`: Python's `%`, with the sign of the divisor. As in JAX,
  /// bool operands count as integers and an integer divisor of zero gives 0
  /// (JAX replaces it by 1); a float divisor of zero gives NaN.
  ///
  /// ```swift
  /// jnp.remainder(jnp.array([-7, 7, 5]), jnp.array([3, -3, 0]))   // [2, -2, 0]
  /// ```
  public static func remainder(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard var (x, y) = fullOperands("remainder", a, b, file: file, line: line) else { return .invalid }
    (x, y) = numericOperands(x, y, file: file, line: line)
    if y.dtype.isInteger { y = nonzeroDivisor(y, file: file, line: line) }
    let r = Lax.rem(x, y, file: file, line: line)
    let zero = scalar(0, r.dtype)
    let fix = Lax.and(
      Lax.ne(Lax.lt(r, zero, file: file, line: line), Lax.lt(y, zero, file: file, line: line), file: file, line: line),
      Lax.ne(r, zero, file: file, line: line), file: file, line: line)
    return Lax.select(fix, Lax.add(r, y, file: file, line: line), r, file: file, line: line)
  }

  /// Bool operands of the integer-division family become the default
  /// integer type, as JAX's `promote_args_numeric` makes them.
  static func numericOperands(_ x: Tensor, _ y: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor) {
    guard x.dtype.isBool else { return (x, y) }
    return (convert(x, to: .defaultInt, weak: false, file: file, line: line),
            convert(y, to: .defaultInt, weak: false, file: file, line: line))
  }

  /// `y` with zeros replaced by ones (JAX's `_where(x2 == 0, 1, x2)` in
  /// `remainder` and `fmod`), so an integer remainder by zero is 0.
  static func nonzeroDivisor(_ y: Tensor, file: StaticString, line: UInt) -> Tensor {
    let d = y.dtype
    let ones = y.rank == 0 ? scalar(1, d) : Lax.broadcastInDim(scalar(1, d), shape: y.shape, broadcastDimensions: [], file: file, line: line)
    return Lax.select(Lax.eq(y, scalar(0, d), file: file, line: line), ones, y, file: file, line: line)
  }

  /// `jnp.power`: float powers via `pow`; integer powers by repeated
  /// squaring as JAX does.
  ///
  /// ```swift
  /// jnp.power(jnp.array([2, 3]), jnp.array([10, 3]))  // [1024   27]
  /// ```
  public static func power(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    // A concrete integer exponent becomes integer_pow, as in jnp.power.
    // As `operator.index(x2)` succeeds in jnp.power, only the base is
    // promoted (bools become the default integer, JAX's
    // promote_dtypes_numeric): `int8 ** int32(2)` stays int8.
    if let c = b.value as? ConcreteArray, c.aval.rank == 0, c.aval.dtype.isInteger || c.aval.dtype.isBool {
      let n = Int(c.element(0).asInt64)
      let x = a.dtype.isBool ? convert(a, to: .defaultInt, weak: false, file: file, line: line) : a
      return Lax.integerPow(x, n, file: file, line: line)
    }
    if let d = promoteDTypes([a, b], file: file, line: line).first?.dtype, d.isInteger || d.isBool {
      guard let (x, y) = binaryOperands("power", a, b, file: file, line: line) else { return .invalid }
      let (xi, yi) = numericOperands(x, y, file: file, line: line)
      return powIntInt(xi, yi, file: file, line: line)
    }
    return binary(.pow, a, b, file: file, line: line)
  }

  /// Integer `x ** y` for an exponent array, as JAX's `_pow_int_int`:
  /// six rounds of binary exponentiation (JAX: "anything more would
  /// overflow for any x1 > 1"), products wrapping. Only the exponent's low
  /// six bits count, so a negative exponent acts as its low six bits
  /// (`3 ** -1 == 3 ** 63`, wrapped) and `0 ** y` is 0 for `y != 0`.
  static func powIntInt(_ x: Tensor, _ y: Tensor, file: StaticString, line: UInt) -> Tensor {
    // The selects below need equal shapes (the operands may still differ in
    // size-1 dimensions or be scalars).
    if x.shape != y.shape, let shape = broadcastShapes([x.shape, y.shape]) {
      return powIntInt(broadcastTo(x, shape, file: file, line: line), broadcastTo(y, shape, file: file, line: line),
                       file: file, line: line)
    }
    let zero = zerosLike(y, file: file, line: line), one = onesLike(y, file: file, line: line)
    let startsAtZero = Lax.and(Lax.eq(x, zerosLike(x, file: file, line: line), file: file, line: line),
                                      Lax.ne(y, zero, file: file, line: line), file: file, line: line)
    var acc = Lax.select(startsAtZero, zerosLike(x, file: file, line: line), onesLike(x, file: file, line: line),
                         file: file, line: line)
    var (base, e) = (x, y)
    for _ in 0..<6 {
      let bit = Lax.ne(Lax.and(e, one, file: file, line: line), zero, file: file, line: line)
      acc = Lax.select(bit, Lax.mul(acc, base, file: file, line: line), acc, file: file, line: line)
      base = Lax.mul(base, base, file: file, line: line)
      e = Lax.shiftRightLogical(e, one, file: file, line: line)
    }
    return acc
  }
}

infix operator ** : ExponentiationPrecedence
precedencegroup ExponentiationPrecedence {
  associativity: right
  higherThan: MultiplicationPrecedence
}

/// NumPy-style operators. Swift literals and scalars are weakly typed, so
/// `x * 2.0` keeps `x`'s dtype; `/` is true division (integers give
/// floats), `%` is Python's remainder and `**` is `jnp.power`.
///
/// ```swift
/// let x = Tensor([1, 2, 3] as [Float])
/// let y = (x + 1) * 2.0 / x ** 2   // f32[3]
/// let m = x > 1.5                   // bool[3]
/// ```
extension Tensor {
  /// `a + b`: `jnp.add`, elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1, 2]) + jnp.array([10])  // [11 12]
  /// ```
  public static func + (a: Tensor, b: Tensor) -> Tensor { Numpy.add(a, b) }
  /// `a - b`: `jnp.subtract`, elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1, 2]) - jnp.array([10])  // [-9 -8]
  /// ```
  public static func - (a: Tensor, b: Tensor) -> Tensor { Numpy.subtract(a, b) }
  /// `a * b`: `jnp.multiply`, elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1.0, 2.0]) * jnp.array([3.0])  // [3. 6.]
  /// ```
  public static func * (a: Tensor, b: Tensor) -> Tensor { Numpy.multiply(a, b) }
  /// `a / b`: `jnp.true_divide` (integers give floats), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1, 3]) / jnp.array([2])  // [0.5 1.5]
  /// ```
  public static func / (a: Tensor, b: Tensor) -> Tensor { Numpy.trueDivide(a, b) }
  /// `a % b`: `jnp.remainder` (Python's sign rule), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([-7, 7]) % jnp.array([3])  // [2 1]
  /// ```
  public static func % (a: Tensor, b: Tensor) -> Tensor { Numpy.remainder(a, b) }
  /// `a ** b`: `jnp.power`, elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([2.0, 4.0]) ** jnp.array([0.5])  // [1.4142135 2.       ]
  /// ```
  public static func ** (a: Tensor, b: Tensor) -> Tensor { Numpy.power(a, b) }
  /// `-x`: `jnp.negative`.
  public static prefix func - (x: Tensor) -> Tensor { Lax.neg(x) }
  /// `+x`: `x` itself.
  public static prefix func + (x: Tensor) -> Tensor { x }

  /// `a += b`: `a = a + b`, elementwise with broadcasting.
  ///
  /// ```swift
  /// var a = jnp.array([1, 2])
  /// a += jnp.array([10])
  /// a  // [11 12]
  /// ```
  public static func += (a: inout Tensor, b: Tensor) { a = a + b }
  /// `a -= b`: `a = a - b`, elementwise with broadcasting.
  ///
  /// ```swift
  /// var a = jnp.array([1, 2])
  /// a -= jnp.array([10])
  /// a  // [-9 -8]
  /// ```
  public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
  /// `a *= b`: `a = a * b`, elementwise with broadcasting.
  ///
  /// ```swift
  /// var a = jnp.array([1.0, 2.0])
  /// a *= jnp.array([3.0])
  /// a  // [3. 6.]
  /// ```
  public static func *= (a: inout Tensor, b: Tensor) { a = a * b }
  /// `a /= b`: `a = a / b`, elementwise with broadcasting.
  ///
  /// ```swift
  /// var a = jnp.array([1.0, 2.0])
  /// a /= jnp.array([4.0])
  /// a  // [0.25 0.5 ]
  /// ```
  public static func /= (a: inout Tensor, b: Tensor) { a = a / b }

  // Swift scalars (variables, not only literals) are weak like Python's.
  // `+`, `-`, `*` with a scalar try the eager fast path first: it skips
  // boxing the scalar and gives the same result (Numpy+EagerFastPaths.swift).
  /// `a + b`: `jnp.add`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// jnp.array([1, 2]) + 0.5  // [1.5 2.5]
  /// ```
  public static func + <T: BinaryFloatingPoint>(a: Tensor, b: T) -> Tensor {
    EagerFastPath.scalar(.add, a, .float(Double(b)), scalarFirst: false) ?? a + Tensor(weak: Double(b))
  }
  /// `a + b`: `jnp.add`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// 0.5 + jnp.array([1.0, 2.0])  // [1.5 2.5]
  /// ```
  public static func + <T: BinaryFloatingPoint>(a: T, b: Tensor) -> Tensor {
    EagerFastPath.scalar(.add, b, .float(Double(a)), scalarFirst: true) ?? Tensor(weak: Double(a)) + b
  }
  /// `a - b`: `jnp.subtract`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// jnp.array([1.0, 2.0]) - 0.5  // [0.5 1.5]
  /// ```
  public static func - <T: BinaryFloatingPoint>(a: Tensor, b: T) -> Tensor {
    EagerFastPath.scalar(.sub, a, .float(Double(b)), scalarFirst: false) ?? a - Tensor(weak: Double(b))
  }
  /// `a - b`: `jnp.subtract`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// 0.5 - jnp.array([1.0, 2.0])  // [-0.5 -1.5]
  /// ```
  public static func - <T: BinaryFloatingPoint>(a: T, b: Tensor) -> Tensor {
    EagerFastPath.scalar(.sub, b, .float(Double(a)), scalarFirst: true) ?? Tensor(weak: Double(a)) - b
  }
  /// `a * b`: `jnp.multiply`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// jnp.array([1, 2]) * 1.5  // [1.5 3. ]
  /// ```
  public static func * <T: BinaryFloatingPoint>(a: Tensor, b: T) -> Tensor {
    EagerFastPath.scalar(.mul, a, .float(Double(b)), scalarFirst: false) ?? a * Tensor(weak: Double(b))
  }
  /// `a * b`: `jnp.multiply`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// 1.5 * jnp.array([1.0, 2.0])  // [1.5 3. ]
  /// ```
  public static func * <T: BinaryFloatingPoint>(a: T, b: Tensor) -> Tensor {
    EagerFastPath.scalar(.mul, b, .float(Double(a)), scalarFirst: true) ?? Tensor(weak: Double(a)) * b
  }
  /// `a / b`: `jnp.true_divide` (integers give floats), elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// jnp.array([1.0, 2.0]) / 4.0  // [0.25 0.5 ]
  /// ```
  public static func / <T: BinaryFloatingPoint>(a: Tensor, b: T) -> Tensor { a / Tensor(weak: Double(b)) }
  /// `a / b`: `jnp.true_divide` (integers give floats), elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// 1.0 / jnp.array([2.0, 4.0])  // [0.5  0.25]
  /// ```
  public static func / <T: BinaryFloatingPoint>(a: T, b: Tensor) -> Tensor { Tensor(weak: Double(a)) / b }
  /// `a + b`: `jnp.add`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// jnp.array([1, 2], dtype: .uint8) + 255  // [0 1]
  /// ```
  public static func + (a: Tensor, b: Int) -> Tensor {
    EagerFastPath.scalar(.add, a, .int(Int64(b)), scalarFirst: false) ?? a + Tensor(weak: b)
  }
  /// `a + b`: `jnp.add`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// 1 + jnp.array([0.5])  // [1.5]
  /// ```
  public static func + (a: Int, b: Tensor) -> Tensor {
    EagerFastPath.scalar(.add, b, .int(Int64(a)), scalarFirst: true) ?? Tensor(weak: a) + b
  }
  /// `a - b`: `jnp.subtract`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// jnp.array([1, 2]) - 1  // [0 1]
  /// ```
  public static func - (a: Tensor, b: Int) -> Tensor {
    EagerFastPath.scalar(.sub, a, .int(Int64(b)), scalarFirst: false) ?? a - Tensor(weak: b)
  }
  /// `a - b`: `jnp.subtract`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// 1 - jnp.array([1, 2])  // [ 0 -1]
  /// ```
  public static func - (a: Int, b: Tensor) -> Tensor {
    EagerFastPath.scalar(.sub, b, .int(Int64(a)), scalarFirst: true) ?? Tensor(weak: a) - b
  }
  /// `a * b`: `jnp.multiply`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// jnp.array([0.5, 1.0]) * 2  // [1. 2.]
  /// ```
  public static func * (a: Tensor, b: Int) -> Tensor {
    EagerFastPath.scalar(.mul, a, .int(Int64(b)), scalarFirst: false) ?? a * Tensor(weak: b)
  }
  /// `a * b`: `jnp.multiply`, elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// 2 * jnp.array([3, 4])  // [6 8]
  /// ```
  public static func * (a: Int, b: Tensor) -> Tensor {
    EagerFastPath.scalar(.mul, b, .int(Int64(a)), scalarFirst: true) ?? Tensor(weak: a) * b
  }
  /// `a / b`: `jnp.true_divide` (integers give floats), elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// jnp.array([1, 3]) / 2  // [0.5 1.5]
  /// ```
  public static func / (a: Tensor, b: Int) -> Tensor { a / Tensor(weak: b) }
  /// `a / b`: `jnp.true_divide` (integers give floats), elementwise with broadcasting. A Swift scalar operand is weakly typed, as a Python scalar is: it takes the array's dtype.
  ///
  /// ```swift
  /// 1 / jnp.array([2, 4])  // [0.5  0.25]
  /// ```
  public static func / (a: Int, b: Tensor) -> Tensor { Tensor(weak: a) / b }
}

/// Comparisons return bool tensors (NumPy semantics), and bitwise
/// operators work on bool and integer tensors.
extension Tensor {
  /// `a < b`: `jnp.less` (a bool array), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1, 2, 3]) < jnp.array([2])  // [ True False False]
  /// ```
  public static func < (a: Tensor, b: Tensor) -> Tensor { Numpy.compare(.lt, a, b) }
  /// `a <= b`: `jnp.less_equal` (a bool array), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1, 2, 3]) <= jnp.array([2])  // [ True  True False]
  /// ```
  public static func <= (a: Tensor, b: Tensor) -> Tensor { Numpy.compare(.le, a, b) }
  /// `a > b`: `jnp.greater` (a bool array), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1, 2, 3]) > jnp.array([2])  // [False False  True]
  /// ```
  public static func > (a: Tensor, b: Tensor) -> Tensor { Numpy.compare(.gt, a, b) }
  /// `a >= b`: `jnp.greater_equal` (a bool array), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1, 2, 3]) >= jnp.array([2])  // [False  True  True]
  /// ```
  public static func >= (a: Tensor, b: Tensor) -> Tensor { Numpy.compare(.ge, a, b) }
  /// Elementwise equality (a bool tensor, like `jnp.equal`), not Swift
  /// value equality.
  public static func == (a: Tensor, b: Tensor) -> Tensor { Numpy.compare(.eq, a, b) }
  /// `a != b`: `jnp.not_equal` (a bool array), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1, 2, 3]) != jnp.array([2])  // [ True False  True]
  /// ```
  public static func != (a: Tensor, b: Tensor) -> Tensor { Numpy.compare(.ne, a, b) }
  /// `a & b`: `jnp.bitwise_and` (logical and for bool), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([12, 5]) & jnp.array([10, 3])  // [8 1]
  /// ```
  public static func & (a: Tensor, b: Tensor) -> Tensor { Numpy.binary(.and, a, b) }
  /// `a | b`: `jnp.bitwise_or` (logical or for bool), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([12, 5]) | jnp.array([10, 3])  // [14  7]
  /// ```
  public static func | (a: Tensor, b: Tensor) -> Tensor { Numpy.binary(.or, a, b) }
  /// `a ^ b`: `jnp.bitwise_xor` (logical xor for bool), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([true, false]) ^ jnp.array([true, true])  // [False  True]
  /// ```
  public static func ^ (a: Tensor, b: Tensor) -> Tensor { Numpy.binary(.xor, a, b) }
  /// `~x`: `jnp.invert`.
  public static prefix func ~ (x: Tensor) -> Tensor { Lax.not(x) }
  // Shifts are disfavoured: Swift's own `<<` on integers is generic, so
  // without this `1 << 10` in a user's code (even `["K": 1 << 10]`) would
  // pick this overload and build a Tensor from the literals.
  @_disfavoredOverload
  /// `a << b`: `jnp.left_shift`, elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([1, 3]) << jnp.array([4, 1])  // [16  6]
  /// ```
  public static func << (a: Tensor, b: Tensor) -> Tensor { Numpy.binary(.shiftLeft, a, b) }
  /// Arithmetic shift for signed integers, logical for unsigned.
  @_disfavoredOverload
  /// `a >> b`: `jnp.right_shift` (arithmetic for signed integers), elementwise with broadcasting.
  ///
  /// ```swift
  /// jnp.array([-16, 16]) >> jnp.array([2])  // [-4  4]
  /// ```
  public static func >> (a: Tensor, b: Tensor) -> Tensor {
    a.dtype.isUnsignedInteger ? Numpy.binary(.shiftRightLogical, a, b) : Numpy.binary(.shiftRightArithmetic, a, b)
  }
}
