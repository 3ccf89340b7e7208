/// Questions about dtypes (`jnp.promote_types`, `can_cast`, `issubdtype`,
/// `isdtype`, `isscalar`) and conversions (`astype`, `copy`, `empty_like`).
extension Numpy {
  /// A family of dtypes, as `jnp.issubdtype`'s abstract types and
  /// `jnp.isdtype`'s kind names describe them.
  ///
  /// ```swift
  /// [DType.int8, .uint8, .float32, .bool].filter { jnp.issubdtype($0, .integer) }.count  // 2
  /// ```
  public enum DTypeKind: Sendable {
    /// `bool`.
    case bool
    /// Signed integers (`jnp.signedinteger`).
    case signedInteger
    /// Unsigned integers (`jnp.unsignedinteger`).
    case unsignedInteger
    /// All integers (`jnp.integer`, `"integral"`).
    case integer
    /// Floating-point types (`jnp.floating`, `"real floating"`).
    case floating
    /// Integers and floats (`jnp.number`, `"numeric"`).
    case number

    func contains(_ d: DType) -> Bool {
      switch self {
      case .bool: d.isBool
      case .signedInteger: d.isSignedInteger
      case .unsignedInteger: d.isUnsignedInteger
      case .integer: d.isInteger
      case .floating: d.isFloatingPoint
      case .number: d.isInteger || d.isFloatingPoint
      }
    }
  }

  /// `jnp.promote_types`: the dtype two dtypes promote to (both strongly typed).
  ///
  /// ```swift
  /// jnp.promoteTypes(.int8, .uint8)   // .int16
  /// ```
  /// - Parameters:
  ///   - a: a dtype.
  ///   - b: a dtype.
  public static func promoteTypes(_ a: DType, _ b: DType) -> DType {
    DType.resultType([ShapedArray(shape: [], dtype: a).promotionType, ShapedArray(shape: [], dtype: b).promotionType]).dtype
  }

  /// `jnp.can_cast(from, to)` with NumPy's default "safe" rule (NumPy's table,
  /// which also counts 64-bit integers as safe in float64).
  ///
  /// ```swift
  /// jnp.canCast(.int8, .float32)   // true
  /// jnp.canCast(.float32, .int32)  // false
  /// ```
  /// - Parameters:
  ///   - from: the source dtype.
  ///   - to: the target dtype.
  public static func canCast(_ from: DType, _ to: DType) -> Bool {
    if from == to || from.isBool { return true }
    if to.isBool { return false }
    switch (from.isFloatingPoint, to.isFloatingPoint) {
    case (true, false): return false
    case (true, true): return to.bitWidth >= from.bitWidth
    case (false, true):
      // NumPy's table: a wider float, and float64 for every integer.
      return to.bitWidth > from.bitWidth || to == .float64
    case (false, false):
      if from.isSignedInteger == to.isSignedInteger { return to.bitWidth >= from.bitWidth }
      return from.isUnsignedInteger && to.bitWidth > from.bitWidth
    }
  }

  /// `jnp.issubdtype(dtype, kind)`: whether `dtype` belongs to `kind`.
  ///
  /// ```swift
  /// jnp.issubdtype(.uint8, .integer)   // true
  /// ```
  /// - Parameters:
  ///   - dtype: the dtype tested.
  ///   - kind: the family.
  public static func issubdtype(_ dtype: DType, _ kind: DTypeKind) -> Bool { kind.contains(dtype) }

  /// `jnp.isdtype(dtype, kind)`: whether `dtype` belongs to any of `kinds`
  /// (the array API's spelling of ``issubdtype(_:_:)``).
  ///
  /// ```swift
  /// jnp.isdtype(.float32, [.integer, .floating])   // true
  /// ```
  /// - Parameters:
  ///   - dtype: the dtype tested.
  ///   - kinds: the families accepted.
  public static func isdtype(_ dtype: DType, _ kinds: [DTypeKind]) -> Bool { kinds.contains { $0.contains(dtype) } }

  /// `jnp.isscalar`: true for a rank-0 tensor.
  ///
  /// ```swift
  /// jnp.isscalar(jnp.array(1.0))   // true
  /// ```
  /// - Parameter x: the tensor.
  public static func isscalar(_ x: Tensor) -> Bool { x.rank == 0 }

  /// `jnp.astype` (`x.astype(dtype)`): `x` converted to `dtype`.
  ///
  /// ```swift
  /// jnp.astype(jnp.array([1.7, -2.2]), .int32)   // [ 1 -2]
  /// ```
  /// - Parameters:
  ///   - x: the tensor.
  ///   - dtype: the target dtype.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func astype(_ x: Tensor, _ dtype: DType, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    convert(x, to: dtype.canonical, weak: false, file: file, line: line)
  }

  /// `jnp.copy`: arrays are immutable values, so a copy is the array itself.
  ///
  /// ```swift
  /// let y = jnp.copy(x)   // y == x
  /// ```
  /// - Parameter x: the tensor.
  public static func copy(_ x: Tensor) -> Tensor { x }

  /// `jnp.empty_like`: zeros with `x`'s shape and dtype (or `dtype`);
  /// arrays are immutable values, so "uninitialised" memory has no use.
  ///
  /// ```swift
  /// jnp.emptyLike(jnp.ones([2, 2]))   // [[0 0] [0 0]]
  /// ```
  /// - Parameters:
  ///   - x: the tensor whose shape and dtype are copied.
  ///   - dtype: overrides `x`'s dtype.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func emptyLike(_ x: Tensor, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    zerosLike(x, dtype: dtype, file: file, line: line)
  }
}
