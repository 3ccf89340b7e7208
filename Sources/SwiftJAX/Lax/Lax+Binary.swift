// The binary elementwise primitives (arithmetic, bitwise, shifts; the
// `BinaryOp` table in Primitives/BinaryOp.swift) and the comparisons
// (`CompareOp`). Operands agree in dtype; shapes are equal or one side
// is rank 0.

/// Binary elementwise primitives and comparisons.
extension Lax {
  /// `lax.add` elementwise.
  ///
  /// ```swift
  /// Lax.add(jnp.array([1.0, 2.0]), jnp.array([3.0, 4.0]))  // [4. 6.]
  /// ```
  @inlinable
  public static func add(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.add), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.sub` elementwise.
  ///
  /// ```swift
  /// Lax.sub(jnp.array([1.0, 2.0]), jnp.array([3.0, 4.0]))  // [-2. -2.]
  /// ```
  @inlinable
  public static func sub(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.sub), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.mul` elementwise.
  ///
  /// ```swift
  /// Lax.mul(jnp.array([1.0, 2.0]), jnp.array([3.0, 4.0]))  // [3. 8.]
  /// ```
  @inlinable
  public static func mul(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.mul), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.div` elementwise.
  ///
  /// ```swift
  /// Lax.div(jnp.array([7, -7]), jnp.array([2, 2]))  // [ 3 -3]
  /// ```
  @inlinable
  public static func div(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.div), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.rem` elementwise.
  ///
  /// ```swift
  /// Lax.rem(jnp.array([7, -7]), jnp.array([2, 2]))  // [ 1 -1]
  /// ```
  @inlinable
  public static func rem(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.rem), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.pow` elementwise.
  ///
  /// ```swift
  /// Lax.pow(jnp.array([2.0, 9.0]), jnp.array([3.0, 0.5]))  // [8. 3.]
  /// ```
  @inlinable
  public static func pow(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.pow), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.max` elementwise.
  ///
  /// ```swift
  /// Lax.max(jnp.array([1.0, 5.0]), jnp.array([3.0, 4.0]))  // [3. 5.]
  /// ```
  @inlinable
  public static func max(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.max), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.min` elementwise.
  ///
  /// ```swift
  /// Lax.min(jnp.array([1.0, 5.0]), jnp.array([3.0, 4.0]))  // [1. 4.]
  /// ```
  @inlinable
  public static func min(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.min), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.atan2` elementwise.
  ///
  /// ```swift
  /// Lax.atan2(jnp.array([1.0, 1.0]), jnp.array([1.0, -1.0]))  // [0.7853982 2.3561945]
  /// ```
  @inlinable
  public static func atan2(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.atan2), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.nextafter` elementwise.
  ///
  /// ```swift
  /// Lax.nextafter(jnp.array([1.0, 1.0]), jnp.array([2.0, 0.0]))  // [1.0000001  0.99999994]
  /// ```
  @inlinable
  public static func nextafter(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.nextafter), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.and` elementwise.
  ///
  /// ```swift
  /// Lax.`and`(jnp.array([12, 5]), jnp.array([10, 3]))  // [8 1]
  /// ```
  @inlinable
  public static func `and`(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.and), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.or` elementwise.
  ///
  /// ```swift
  /// Lax.`or`(jnp.array([12, 5]), jnp.array([10, 3]))  // [14  7]
  /// ```
  @inlinable
  public static func `or`(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.or), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.xor` elementwise.
  ///
  /// ```swift
  /// Lax.xor(jnp.array([12, 5]), jnp.array([10, 3]))  // [6 6]
  /// ```
  @inlinable
  public static func xor(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.xor), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.shiftLeft` elementwise.
  ///
  /// ```swift
  /// Lax.shiftLeft(jnp.array([1, 3]), jnp.array([4, 1]))  // [16  6]
  /// ```
  @inlinable
  public static func shiftLeft(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.shiftLeft), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.shiftRightLogical` elementwise.
  ///
  /// ```swift
  /// Lax.shiftRightLogical(jnp.array([-16, 16]), jnp.array([28, 2]))  // [15  4]
  /// ```
  @inlinable
  public static func shiftRightLogical(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.shiftRightLogical), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.shiftRightArithmetic` elementwise.
  ///
  /// ```swift
  /// Lax.shiftRightArithmetic(jnp.array([-16, 16]), jnp.array([2, 2]))  // [-4  4]
  /// ```
  @inlinable
  public static func shiftRightArithmetic(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.binary(.shiftRightArithmetic), [a, b], site: CallSite(file: file, line: line))
  }

  // Comparisons: bool results.
  /// `lax.eq`: elementwise comparison returning bool.
  ///
  /// ```swift
  /// Lax.eq(jnp.array([1, 2, 3]), jnp.array([2, 2, 2]))  // [False  True False]
  /// ```
  @inlinable
  public static func eq(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.eq), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.ne`: elementwise comparison returning bool.
  ///
  /// ```swift
  /// Lax.ne(jnp.array([1, 2, 3]), jnp.array([2, 2, 2]))  // [ True False  True]
  /// ```
  @inlinable
  public static func ne(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.ne), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.lt`: elementwise comparison returning bool.
  ///
  /// ```swift
  /// Lax.lt(jnp.array([1, 2, 3]), jnp.array([2, 2, 2]))  // [ True False False]
  /// ```
  @inlinable
  public static func lt(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.lt), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.le`: elementwise comparison returning bool.
  ///
  /// ```swift
  /// Lax.le(jnp.array([1, 2, 3]), jnp.array([2, 2, 2]))  // [ True  True False]
  /// ```
  @inlinable
  public static func le(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.le), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.gt`: elementwise comparison returning bool.
  ///
  /// ```swift
  /// Lax.gt(jnp.array([1, 2, 3]), jnp.array([2, 2, 2]))  // [False False  True]
  /// ```
  @inlinable
  public static func gt(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.gt), [a, b], site: CallSite(file: file, line: line))
  }
  /// `lax.ge`: elementwise comparison returning bool.
  ///
  /// ```swift
  /// Lax.ge(jnp.array([1, 2, 3]), jnp.array([2, 2, 2]))  // [False  True  True]
  /// ```
  @inlinable
  public static func ge(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.compare(.ge), [a, b], site: CallSite(file: file, line: line))
  }
}
