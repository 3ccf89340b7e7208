/// The abstract value of a tensor: its shape, dtype and weak-type bit,
/// without data (JAX's `ShapedArray`). Tracing and shape rules work on these.
///
/// ```swift
/// let a = ShapedArray(shape: [2, 3], dtype: .float32)
/// a.description   // "f32[2,3]"
/// ```
public struct ShapedArray: Hashable, Sendable, CustomStringConvertible {
  /// The size of each axis; `[]` for a scalar.
  public var shape: [Int]
  /// The element type.
  public var dtype: DType
  /// True for values that came from Swift literals/scalars: they adopt the
  /// dtype of the other operand under promotion (`x * 2.0` stays f32).
  public var weakType: Bool

  /// An abstract value: `ShapedArray(shape: [3], dtype: .float32)`, the
  /// argument type `makeJaxpr` traces with.
  public init(shape: [Int], dtype: DType, weakType: Bool = false) {
    self.shape = shape
    self.dtype = dtype
    self.weakType = weakType
  }

  /// The number of axes.
  public var rank: Int { shape.count }
  /// Number of elements (1 for a 0-d array). Saturates at `Int.max`
  /// instead of trapping for shapes whose product overflows: such shapes
  /// are rejected by `validateShape` before anything is allocated.
  public var count: Int { elementCount(shape) ?? .max }
  /// Bytes of the data, saturating at `Int.max` like ``count``.
  public var byteCount: Int {
    let (b, o) = count.multipliedReportingOverflow(by: dtype.byteSize)
    return o ? .max : b
  }

  /// `f32[2,3]`, the Jaxpr spelling.
  public var description: String {
    "\(dtype.shortName)[\(shape.map(String.init).joined(separator: ","))]"
  }

  /// The dtype and weak-type bit, as type promotion sees them.
  public var promotionType: PromotionType { PromotionType(dtype, weak: weakType) }

  /// The same shape with another dtype (weak bit cleared unless given).
  ///
  /// ```swift
  /// ShapedArray(shape: [2, 3], dtype: .float32).with(dtype: .int32).dtype  // int32
  /// ```
  public func with(dtype: DType, weakType: Bool = false) -> ShapedArray {
    ShapedArray(shape: shape, dtype: dtype, weakType: weakType)
  }

  /// The same dtype and weak type with another shape.
  ///
  /// ```swift
  /// ShapedArray(shape: [2, 3], dtype: .float32).with(shape: [6]).shape  // [6]
  /// ```
  public func with(shape: [Int]) -> ShapedArray {
    ShapedArray(shape: shape, dtype: dtype, weakType: weakType)
  }

  /// Row-major (C-order) strides in elements.
  public var strides: [Int] { rowMajorStrides(shape) }
}

/// Row-major strides, in elements, of a shape.
///
/// ```swift
/// rowMajorStrides([2, 3, 4])  // [12, 4, 1]
/// ```
@inlinable
public func rowMajorStrides(_ shape: [Int]) -> [Int] {
  var strides = [Int](repeating: 1, count: shape.count)
  var s = 1
  for i in stride(from: shape.count - 1, through: 0, by: -1) {
    strides[i] = s
    // Wrapping: only the last product (the element count) can overflow, and
    // shapes that overflow are rejected by validateShape before use.
    s = s &* shape[i]
  }
  return strides
}

/// The product of `shape`'s sizes, or nil when it overflows `Int`.
///
/// ```swift
/// elementCount([2, 3, 4])!  // 24
/// ```
@inlinable
public func elementCount(_ shape: [Int]) -> Int? {
  if shape.contains(0) { return 0 }  // [2**32, 2**32, 0] is empty, not an overflow
  var n = 1
  for d in shape {
    let (p, o) = n.multipliedReportingOverflow(by: d)
    if o { return nil }
    n = p
  }
  return n
}

/// The one check every shape a caller asks for goes through (shape rules
/// of shape-carrying primitives and every primitive's outputs, array
/// creation, random sampling): sizes must be non-negative and the element
/// and byte counts must fit in `Int`. Returns the error naming `op`, or nil.
///
/// ```swift
/// validateShape([2, -3], "broadcast_in_dim")
/// // broadcast_in_dim: shape must have every element be nonnegative, got (2, -3).
/// ```
public func validateShape(_ shape: [Int], _ op: String, dtype: DType? = nil) -> JAXError? {
  if shape.contains(where: { $0 < 0 }) {
    // JAX: "broadcast_in_dim shape must have every element be nonnegative, got (-1,)."
    return JAXError(.shape, op, "shape must have every element be nonnegative, got \(shapeString(shape)).")
  }
  guard let n = elementCount(shape), !n.multipliedReportingOverflow(by: dtype?.byteSize ?? 1).overflow else {
    // XLA: "overflow in static extent product: dimensions=[4294967296, 4294967296]".
    return JAXError(.shape, op, "shape \(shapeString(shape)) has too many elements: the size overflows a 64-bit integer (overflow in static extent product).")
  }
  return nil
}

/// Formats a shape as JAX does in messages: `(2, 3)`, `(3,)`, `()`.
public func shapeString(_ shape: [Int]) -> String {
  shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
