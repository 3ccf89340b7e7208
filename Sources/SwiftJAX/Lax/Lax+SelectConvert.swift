// Selection (`select_n`, `select`, `clamp`) and dtype conversion
// (`convert_element_type`, `bitcast_convert_type`).

/// Selection and conversion primitives.
extension Lax {
  /// `lax.select_n`: picks `cases[which]` elementwise. A bool `which`
  /// selects between two cases (false → first).
  ///
  /// ```swift
  /// print(Lax.selectN(jnp.array([0, 1, 2]), [jnp.array([10, 11, 12]), jnp.array([20, 21, 22]), jnp.array([30, 31, 32])]))
  /// // [10 21 32]
  /// ```
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
  ///
  /// ```swift
  /// Lax.convertElementType(jnp.array([1.5, -2.5]), .int32)  // [ 1 -2]
  /// ```
  @inlinable
  public static func convertElementType(_ x: Tensor, _ dtype: DType, weakType: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.dtype == dtype && x.weakType == weakType { return x }
    return bind1(.convertElementType(dtype, weakType: weakType), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.bitcast_convert_type`: reinterprets the bits.
  ///
  /// ```swift
  /// Lax.bitcastConvertType(jnp.array([1.0]), .int32)  // [1065353216]
  /// ```
  @inlinable
  public static func bitcastConvertType(_ x: Tensor, _ dtype: DType, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.bitcastConvertType(dtype), [x], site: CallSite(file: file, line: line))
  }
}
