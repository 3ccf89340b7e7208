/// `lax.reduce_and`, `reduce_or`, `reduce_xor`: logical reductions on
/// booleans, bitwise on integers.
extension Lax {
  /// `lax.reduce_and` over `axes`: logical on bool, bitwise on integers.
  ///
  /// ```swift
  /// Lax.reduceAnd(jnp.array([true, false, true]), axes: [0])   // false
  /// ```
  /// - Parameters:
  ///   - x: a boolean or integer operand.
  ///   - axes: the axes reduced (removed from the shape).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func reduceAnd(_ x: Tensor, axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    reduce(x, .and, axes: axes, file: file, line: line)
  }

  /// `lax.reduce_or` over `axes`: logical on bool, bitwise on integers.
  ///
  /// ```swift
  /// Lax.reduceOr(jnp.array([0b001, 0b100] as [Int32]), axes: [0])   // 5
  /// ```
  /// - Parameters:
  ///   - x: a boolean or integer operand.
  ///   - axes: the axes reduced (removed from the shape).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func reduceOr(_ x: Tensor, axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    reduce(x, .or, axes: axes, file: file, line: line)
  }

  /// `lax.reduce_xor` over `axes`: parity on bool, bitwise on integers.
  ///
  /// ```swift
  /// Lax.reduceXor(jnp.array([true, true, true]), axes: [0])   // true
  /// ```
  /// - Parameters:
  ///   - x: a boolean or integer operand.
  ///   - axes: the axes reduced (removed from the shape).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func reduceXor(_ x: Tensor, axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    reduce(x, .xor, axes: axes, file: file, line: line)
  }
}
