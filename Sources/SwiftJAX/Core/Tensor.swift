/// An n-dimensional array: the value every SwiftJAX operation takes and
/// returns (JAX's `jax.Array`). Tensors are immutable; "updates" such as
/// `x.at[1].set(0)` return new tensors.
///
/// A tensor is concrete (it holds data) or, inside a transformation such
/// as `grad`, `vmap` or `jit`, a tracer that stands for data.
///
/// ```swift
/// let x = Tensor([1, 2, 3] as [Float])   // Array([1., 2., 3.], dtype=float32)
/// let y = x * 2 + 1
/// print(y.shape, y.dtype)                // [3] float32
/// ```
public struct Tensor {
  /// What the tensor holds: a concrete array, a tracer of some
  /// transformation, or the invalid value of a failed operation.
  public let value: TensorValue

  /// Wraps a value; interpreters use it to return tracers. Users create
  /// tensors with `jnp.array`, `Tensor([1, 2, 3] as [Float])` and the like.
  public init(value: TensorValue) { self.value = value }

  /// Shape, dtype and weak-type bit.
  @inlinable public var aval: ShapedArray { value.aval }
  @inlinable public var shape: [Int] { value.aval.shape }
  @inlinable public var dtype: DType { value.aval.dtype }
  @inlinable public var rank: Int { value.aval.shape.count }
  /// Number of elements.
  @inlinable public var count: Int { value.aval.count }
  /// Whether this tensor came from a Swift literal/scalar (JAX's weak type).
  @inlinable public var weakType: Bool { value.aval.weakType }

  /// The concrete array, if this tensor holds data (directly or under a
  /// transformation that still knows it).
  public var concrete: ConcreteArray? {
    if let c = value as? ConcreteArray { return c }
    if let t = value as? Tracer { return t.concreteValue }
    return nil
  }

  /// True when this tensor is the result of a captured error.
  public var isInvalid: Bool { value is InvalidValue }

  /// True when this tensor is a tracer of some transformation.
  public var isTracer: Bool { value is Tracer }

  static let invalid = Tensor(value: InvalidValue())

  /// Waits until the value is computed and returns it. SwiftJAX runs
  /// synchronously, so results are always ready; this exists so code reads
  /// like JAX's `block_until_ready()` in benchmarks.
  @discardableResult
  public func blockUntilReady() -> Tensor { self }
}
