/// The named scatter variants of `lax` (`scatter_add`, `scatter_sub`,
/// `scatter_mul`, `scatter_min`, `scatter_max`) over the one scatter
/// primitive. In the examples `dn` scatters scalars into a vector:
/// `ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])`.
extension Lax {
  /// `lax.scatter_add`: adds `updates` into `x`; duplicate indices accumulate, at `indices` (XLA dimension numbers).
  ///
  /// ```swift
  /// Lax.scatterAdd(jnp.zeros([3]), idx, jnp.ones([2]), dimensionNumbers: dn)   // idx = [[0], [0]] → [2 0 0]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - indices: the scatter indices.
  ///   - updates: the values combined into `x`.
  ///   - dimensionNumbers: how indices and updates map onto `x`.
  ///   - mode: out-of-bounds handling (dropped by default, as in JAX).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func scatterAdd(_ x: Tensor, _ indices: Tensor, _ updates: Tensor, dimensionNumbers: ScatterDimensionNumbers, mode: GatherMode = .fillOrDrop, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    scatter(x, indices, updates, .add, dimensionNumbers: dimensionNumbers, mode: mode, file: file, line: line)
  }

  /// `lax.scatter_mul`: multiplies entries of `x` by `updates`; duplicates multiply in turn, at `indices` (XLA dimension numbers).
  ///
  /// ```swift
  /// Lax.scatterMul(jnp.ones([3]), idx, jnp.full([2], 3.0), dimensionNumbers: dn)
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - indices: the scatter indices.
  ///   - updates: the values combined into `x`.
  ///   - dimensionNumbers: how indices and updates map onto `x`.
  ///   - mode: out-of-bounds handling (dropped by default, as in JAX).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func scatterMul(_ x: Tensor, _ indices: Tensor, _ updates: Tensor, dimensionNumbers: ScatterDimensionNumbers, mode: GatherMode = .fillOrDrop, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    scatter(x, indices, updates, .mul, dimensionNumbers: dimensionNumbers, mode: mode, file: file, line: line)
  }

  /// `lax.scatter_min`: takes the minimum of `x` and `updates`, at `indices` (XLA dimension numbers).
  ///
  /// ```swift
  /// Lax.scatterMin(x, idx, updates, dimensionNumbers: dn)
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - indices: the scatter indices.
  ///   - updates: the values combined into `x`.
  ///   - dimensionNumbers: how indices and updates map onto `x`.
  ///   - mode: out-of-bounds handling (dropped by default, as in JAX).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func scatterMin(_ x: Tensor, _ indices: Tensor, _ updates: Tensor, dimensionNumbers: ScatterDimensionNumbers, mode: GatherMode = .fillOrDrop, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    scatter(x, indices, updates, .min, dimensionNumbers: dimensionNumbers, mode: mode, file: file, line: line)
  }

  /// `lax.scatter_max`: takes the maximum of `x` and `updates`, at `indices` (XLA dimension numbers).
  ///
  /// ```swift
  /// Lax.scatterMax(x, idx, updates, dimensionNumbers: dn)
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - indices: the scatter indices.
  ///   - updates: the values combined into `x`.
  ///   - dimensionNumbers: how indices and updates map onto `x`.
  ///   - mode: out-of-bounds handling (dropped by default, as in JAX).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func scatterMax(_ x: Tensor, _ indices: Tensor, _ updates: Tensor, dimensionNumbers: ScatterDimensionNumbers, mode: GatherMode = .fillOrDrop, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    scatter(x, indices, updates, .max, dimensionNumbers: dimensionNumbers, mode: mode, file: file, line: line)
  }

  /// `lax.scatter_sub`: subtracts `updates` from `x` at `indices`;
  /// duplicate indices accumulate. Computed as a scatter-add of `-updates`
  /// (`x - u` and `x + (-u)` round identically).
  ///
  /// ```swift
  /// Lax.scatterSub(jnp.zeros([3]), idx, jnp.ones([2]), dimensionNumbers: dn)   // idx = [[1], [2]] → [0 -1 -1]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - indices: the scatter indices.
  ///   - updates: the values subtracted from `x`.
  ///   - dimensionNumbers: how indices and updates map onto `x`.
  ///   - mode: out-of-bounds handling (dropped by default, as in JAX).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func scatterSub(_ x: Tensor, _ indices: Tensor, _ updates: Tensor, dimensionNumbers: ScatterDimensionNumbers, mode: GatherMode = .fillOrDrop, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if updates.isInvalid { return .invalid }
    return scatter(x, indices, neg(updates, file: file, line: line), .add, dimensionNumbers: dimensionNumbers, mode: mode, file: file, line: line)
  }
}
