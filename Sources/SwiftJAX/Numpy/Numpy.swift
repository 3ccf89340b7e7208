/// The `jax.numpy` namespace: NumPy semantics (broadcasting, JAX's type
/// promotion with weak types) built only from ``Lax`` primitives, so every
/// function here works under `grad`, `vmap` and `jit`.
///
/// ```swift
/// let x = Numpy.arange(4)            // Array([0, 1, 2, 3], dtype=int32)
/// let y = Numpy.sum(x * 2, axis: 0)  // Array(12, dtype=int32)
/// ```
public enum Numpy {}

/// `jnp`: the spelling JAX programs use, so ported code reads line for
/// line like the Python (`jnp.sum(x, axis: 0)`).
public typealias jnp = Numpy

extension Numpy {
  /// The result dtype of combining `xs` (`jnp.result_type`).
  ///
  /// ```swift
  /// jnp.resultType([jnp.array([1, 2]), jnp.array(2.5)]).dtype  // float32
  /// ```
  public static func resultType(_ xs: [Tensor]) -> PromotionType {
    DType.resultType(xs.map(\.aval.promotionType))
  }

  /// Converts every operand to the common promoted dtype
  /// (`jnp._promote_dtypes`). Concrete weak scalars (Swift literals) are
  /// converted directly rather than through a primitive, so that under
  /// `jit` they stay literals, as Python scalars do in JAX.
  ///
  /// ```swift
  /// jnp.promoteDTypes([jnp.array([1, 2]), jnp.array([0.5] as [Float])])[0]  // [1. 2.]
  /// ```
  public static func promoteDTypes(_ xs: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if xs.count < 2 { return xs }
    if xs.allSatisfy({ $0.dtype == xs[0].dtype && $0.weakType == xs[0].weakType }) { return xs }
    let r = resultType(xs)
    return xs.map { convert($0, to: r.dtype, weak: r.weak, file: file, line: line) }
  }

  /// Promotes two operands without building arrays (the hot path of every
  /// binary operator). A concrete operand that already has the result
  /// dtype is used as is even if its weak bit differs: the primitive's
  /// output is weak only when both operands are, which is the promoted
  /// weak bit. Tracers still get JAX's weak-type conversion, so staged
  /// programs print like JAX's.
  @inline(__always)
  static func promote2(_ a: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor) {
    if a.dtype == b.dtype && a.weakType == b.weakType { return (a, b) }
    let r = DType.resultType(a.aval.promotionType, b.aval.promotionType)
    func conv(_ x: Tensor) -> Tensor {
      if x.dtype == r.dtype && (x.weakType == r.weak || x.value is ConcreteArray) { return x }
      return convert(x, to: r.dtype, weak: r.weak, file: file, line: line)
    }
    return (conv(a), conv(b))
  }

  /// `lax.expand_dims` as JAX stages it: a `broadcast_in_dim` inserting
  /// size-1 axes at the (output) positions `dimensions`, so that staged
  /// programs print like JAX's.
  static func laxExpandDims(_ x: Tensor, dimensions: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if dimensions.isEmpty || x.isInvalid { return x }
    let outRank = x.rank + dimensions.count
    let dims = Set(dimensions.map { $0 < 0 ? $0 + outRank : $0 })
    var shape = x.shape
    for d in dims.sorted() where d >= 0 && d <= shape.count { shape.insert(1, at: d) }
    guard dims.count == dimensions.count, shape.count == outRank else {
      return Lax.expandDims(x, dimensions: dimensions, file: file, line: line)  // reports the error
    }
    return Lax.broadcastInDim(x, shape: shape, broadcastDimensions: (0..<outRank).filter { !dims.contains($0) }, file: file, line: line)
  }

  /// `convert_element_type` that short-circuits concrete scalars.
  static func convert(_ x: Tensor, to dtype: DType, weak: Bool, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.dtype == dtype && x.weakType == weak { return x }
    if let c = x.value as? ConcreteArray, c.aval.rank == 0 {
      let out = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: dtype, weakType: weak))
      out.setElement(0, c.element(0))
      return Tensor(value: out)
    }
    return Lax.convertElementType(x, dtype, weakType: weak, file: file, line: line)
  }

  /// NumPy broadcasting of shapes, or nil if they are incompatible.
  ///
  /// ```swift
  /// jnp.broadcastShapes([[3, 1], [1, 4]])!  // [3, 4]
  /// ```
  public static func broadcastShapes(_ shapes: [[Int]]) -> [Int]? {
    let rank = shapes.map(\.count).max() ?? 0
    var out = [Int](repeating: 1, count: rank)
    for s in shapes {
      let off = rank - s.count
      for (i, d) in s.enumerated() {
        let j = off + i
        if out[j] == 1 {
          out[j] = d
        } else if d != 1 && d != out[j] {
          return nil
        }
      }
    }
    return out
  }

  /// Broadcasts `x` to `shape` (`jnp.broadcast_to`).
  ///
  /// ```swift
  /// print(jnp.broadcastTo(jnp.array([1, 2]), [2, 2]))
  /// // [[1 2]
  /// //  [1 2]]
  /// ```
  public static func broadcastTo(_ x: Tensor, _ shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.shape == shape { return x }
    if let e = validateShape(shape, "broadcast_to") { return fail(e.kind, "broadcast_to", e.message, file: file, line: line) }
    guard let target = broadcastShapes([x.shape, shape]), target == shape else {
      JAXError.raise(JAXError(.shape, "broadcast_to", "cannot broadcast an array of shape \(shapeString(x.shape)) to shape \(shapeString(shape))", site: CallSite(file: file, line: line)))
      return .invalid
    }
    return broadcastRanked(x, to: shape, file: file, line: line)
  }

  /// Right-aligned broadcast of `x` to a shape known to be compatible.
  /// Size-1 dimensions that must grow are squeezed first (broadcast_in_dim
  /// then maps the remaining ones), matching the Jaxprs JAX produces.
  static func broadcastRanked(_ x: Tensor, to shape: [Int], file: StaticString, line: UInt) -> Tensor {
    if x.shape == shape { return x }
    let off = shape.count - x.rank
    let dims = (0..<x.rank).map { $0 + off }
    return Lax.broadcastInDim(x, shape: shape, broadcastDimensions: dims, file: file, line: line)
  }

  /// Promotes dtypes and broadcasts shapes of two operands for an
  /// elementwise binary op, as `jnp` does: rank-0 operands stay scalars and
  /// lower-rank operands only gain leading size-1 dimensions, because the
  /// primitives themselves broadcast size-1 dimensions.
  static func binaryOperands(_ op: String, _ a: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor)? {
    var (x, y) = promote2(a, b, file: file, line: line)
    if x.shape == y.shape || x.rank == 0 || y.rank == 0 { return (x, y) }
    guard let shape = broadcastShapes([x.shape, y.shape]) else {
      JAXError.raise(JAXError(.shape, op, "incompatible shapes for broadcasting: \(shapeString(a.shape)) and \(shapeString(b.shape))", site: CallSite(file: file, line: line)))
      return nil
    }
    x = expandRank(x, to: shape.count, file: file, line: line)
    y = expandRank(y, to: shape.count, file: file, line: line)
    return (x, y)
  }

  /// Adds leading size-1 dimensions so `x` has rank `rank`.
  static func expandRank(_ x: Tensor, to rank: Int, file: StaticString, line: UInt) -> Tensor {
    if x.rank == rank { return x }
    let off = rank - x.rank
    return Lax.broadcastInDim(x, shape: [Int](repeating: 1, count: off) + x.shape, broadcastDimensions: Array(off..<rank), file: file, line: line)
  }

  /// Applies a binary primitive with NumPy promotion and broadcasting.
  static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if let r = EagerFastPath.binary(op, a, b) { return r }
    guard let (x, y) = binaryOperands(op.name, a, b, file: file, line: line) else { return .invalid }
    return bind1(.binary(op), [x, y], site: CallSite(file: file, line: line))
  }

  /// Applies a comparison with NumPy promotion and broadcasting.
  static func compare(_ op: CompareOp, _ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard let (x, y) = binaryOperands(op.name, a, b, file: file, line: line) else { return .invalid }
    let site = CallSite(file: file, line: line)
    if x.dtype.isComplex && op != .eq && op != .ne {
      // jnp's `_complex_comparison`: lexicographic on (real, imag), the
      // imaginary parts deciding only where the real parts are equal (so
      // a NaN real part makes every order comparison false).
      let (xr, yr) = (Lax.real(x, file: file, line: line), Lax.real(y, file: file, line: line))
      let (xi, yi) = (Lax.imag(x, file: file, line: line), Lax.imag(y, file: file, line: line))
      let same = bind1(.compare(.eq), [xr, yr], site: site)
      return Lax.select(same, bind1(.compare(op), [xi, yi], site: site), bind1(.compare(op), [xr, yr], site: site), file: file, line: line)
    }
    return bind1(.compare(op), [x, y], site: site)
  }

  /// Converts integer and bool operands to the default float dtype
  /// (JAX's `promote_args_inexact`, used by `true_divide`, `exp`...).
  static func toInexact(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.dtype.isInexact { return x }
    return convert(x, to: inexactDType(x.aval), weak: x.weakType, file: file, line: line)
  }

  /// JAX's `to_inexact_dtype`: 64-bit integers become float64 (when x64
  /// is on), narrower integers and bool float32; weak scalars the default
  /// float type.
  static func inexactDType(_ a: ShapedArray) -> DType {
    if a.dtype.isInexact { return a.dtype }
    if a.weakType { return .defaultFloat }
    return a.dtype.byteSize == 8 ? DType.float64.canonical : .float32
  }
}
