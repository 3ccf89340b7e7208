/// The abstract value of a tensor: its shape, dtype and weak-type bit,
/// without data (JAX's `ShapedArray`). Tracing and shape rules work on these.
///
/// ```swift
/// let a = ShapedArray(shape: [2, 3], dtype: .float32)
/// a.description   // "f32[2,3]"
/// ```
public struct ShapedArray: Hashable, Sendable, CustomStringConvertible {
  public var shape: [Int]
  public var dtype: DType
  /// True for values that came from Swift literals/scalars: they adopt the
  /// dtype of the other operand under promotion (`x * 2.0` stays f32).
  public var weakType: Bool

  public init(shape: [Int], dtype: DType, weakType: Bool = false) {
    self.shape = shape
    self.dtype = dtype
    self.weakType = weakType
  }

  public var rank: Int { shape.count }
  /// Number of elements (1 for a 0-d array).
  public var count: Int { shape.reduce(1, *) }
  public var byteCount: Int { count * dtype.byteSize }

  /// `f32[2,3]`, the Jaxpr spelling.
  public var description: String {
    "\(dtype.shortName)[\(shape.map(String.init).joined(separator: ","))]"
  }

  public var promotionType: PromotionType { PromotionType(dtype, weak: weakType) }

  /// The same shape with another dtype (weak bit cleared unless given).
  public func with(dtype: DType, weakType: Bool = false) -> ShapedArray {
    ShapedArray(shape: shape, dtype: dtype, weakType: weakType)
  }

  public func with(shape: [Int]) -> ShapedArray {
    ShapedArray(shape: shape, dtype: dtype, weakType: weakType)
  }

  /// Row-major (C-order) strides in elements.
  public var strides: [Int] { rowMajorStrides(shape) }
}

/// Row-major strides, in elements, of a shape.
@inlinable
public func rowMajorStrides(_ shape: [Int]) -> [Int] {
  var strides = [Int](repeating: 1, count: shape.count)
  var s = 1
  for i in stride(from: shape.count - 1, through: 0, by: -1) {
    strides[i] = s
    s *= shape[i]
  }
  return strides
}

/// Formats a shape as JAX does in messages: `(2, 3)`, `(3,)`, `()`.
public func shapeString(_ shape: [Int]) -> String {
  shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
