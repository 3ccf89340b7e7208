/// `lax`'s convenience wrappers over the shape primitives: creation
/// (`full`, `full_like`, `empty`, `broadcasted_iota`), broadcasting
/// helpers, `collapse`, `tile`, `stack`/`unstack`/`split`,
/// `batch_matmul`, `reciprocal`, `dtype` and `optimization_barrier`.
extension Lax {
  static func raise(_ kind: JAXError.Kind, _ op: String, _ message: String, _ file: StaticString, _ line: UInt) -> Tensor {
    JAXError.raise(JAXError(kind, op, message, site: CallSite(file: file, line: line)))
    return .invalid
  }

  /// `lax.full`: `shape` filled with a scalar `fillValue`, in `dtype`
  /// (default: the fill value's, weak type included).
  ///
  /// ```swift
  /// Lax.full([2, 3], 1.5)                 // f32[2,3] (weak)
  /// Lax.full([4], 7, dtype: .int8)
  /// ```
  /// - Parameters:
  ///   - shape: the result shape.
  ///   - fillValue: a scalar.
  ///   - dtype: the result dtype; defaults to `fillValue`'s.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func full(_ shape: [Int], _ fillValue: Tensor, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if fillValue.isInvalid { return .invalid }
    guard fillValue.rank == 0 else { return raise(.shape, "full", "full must be called with scalar fill_value, got fill_value.shape \(shapeString(fillValue.shape))", file, line) }
    guard shape.allSatisfy({ $0 >= 0 }) else { return raise(.shape, "full", "shape must have nonnegative dimensions, got \(shapeString(shape))", file, line) }
    let v = dtype.map { Numpy.convert(fillValue, to: $0.canonical, weak: false) } ?? fillValue
    return broadcastInDim(v, shape: shape, broadcastDimensions: [], file: file, line: line)
  }

  /// `lax.full_like`: `x`'s shape (or `shape`) filled with `fillValue`, in
  /// `x`'s dtype (weak type included) unless `dtype` is given.
  ///
  /// ```swift
  /// Lax.fullLike(x, 0)   // zeros like x
  /// ```
  /// - Parameters:
  ///   - x: the array whose dtype and shape are copied.
  ///   - fillValue: a scalar.
  ///   - dtype: overrides `x`'s dtype.
  ///   - shape: overrides `x`'s shape.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fullLike(_ x: Tensor, _ fillValue: Tensor, dtype: DType? = nil, shape: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid || fillValue.isInvalid { return .invalid }
    let d = (dtype ?? x.dtype).canonical
    let v = Numpy.convert(fillValue, to: d, weak: dtype == nil && x.weakType)
    return full(shape ?? x.shape, v, file: file, line: line)
  }

  /// `lax.empty`: arrays are immutable values, so this is zeros.
  ///
  /// ```swift
  /// Lax.empty([2, 2], dtype: .float32)
  /// ```
  /// - Parameters:
  ///   - shape: the result shape.
  ///   - dtype: the result dtype.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func empty(_ shape: [Int], dtype: DType, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    full(shape, Tensor(weak: 0), dtype: dtype, file: file, line: line)
  }

  /// `lax.broadcasted_iota`: `0, 1, 2, ...` along `dimension`, broadcast
  /// over the rest of `shape`.
  ///
  /// ```swift
  /// Lax.broadcastedIota(.int32, shape: [2, 3], dimension: 1)   // [[0 1 2] [0 1 2]]
  /// ```
  /// - Parameters:
  ///   - dtype: the element type.
  ///   - shape: the result shape.
  ///   - dimension: the axis that counts up.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func broadcastedIota(_ dtype: DType, shape: [Int], dimension: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    iota(dtype, shape: shape, dimension: dimension, file: file, line: line)
  }

  /// `lax.broadcast_to_rank`: adds leading size-1 axes up to `rank`.
  ///
  /// ```swift
  /// Lax.broadcastToRank(jnp.ones([3]), rank: 3).shape   // [1, 1, 3]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - rank: the target rank, at least `x`'s.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func broadcastToRank(_ x: Tensor, rank: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard rank >= x.rank else { return raise(.shape, "broadcast_to_rank", "rank \(rank) is below the operand's rank \(x.rank) (shape \(shapeString(x.shape)))", file, line) }
    return broadcast(x, sizes: [Int](repeating: 1, count: rank - x.rank), file: file, line: line)
  }

  /// `lax.broadcast_like`: broadcasts `x` (NumPy rules) to `like`'s shape.
  ///
  /// ```swift
  /// Lax.broadcastLike(Tensor(Float(2)), jnp.zeros([2, 2]))   // [[2 2] [2 2]]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - like: the array whose shape is the target.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func broadcastLike(_ x: Tensor, _ like: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid || like.isInvalid { return .invalid }
    guard Numpy.broadcastShapes([x.shape, like.shape]) == like.shape else {
      return raise(.shape, "broadcast_like", "cannot broadcast shape \(shapeString(x.shape)) to \(shapeString(like.shape))", file, line)
    }
    let lead = like.rank - x.rank
    let expanded = reshape(x, [Int](repeating: 1, count: lead) + x.shape, file: file, line: line)
    let keep = Array(0..<like.rank).filter { expanded.shape[$0] == like.shape[$0] }
    let squeezed = reshape(expanded, keep.map { like.shape[$0] }, file: file, line: line)
    return broadcastInDim(squeezed, shape: like.shape, broadcastDimensions: keep, file: file, line: line)
  }

  /// `lax.broadcast_shapes`: the NumPy broadcast of `shapes`.
  ///
  /// ```swift
  /// Lax.broadcastShapes([[2, 1], [3]])   // [2, 3]
  /// ```
  /// - Parameters:
  ///   - shapes: the shapes to broadcast together.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  /// - Returns: the broadcast shape, or `[]` after raising an error when
  ///   the shapes are incompatible.
  public static func broadcastShapes(_ shapes: [[Int]], file: StaticString = #fileID, line: UInt = #line) -> [Int] {
    guard let s = Numpy.broadcastShapes(shapes) else {
      _ = raise(.shape, "broadcast_shapes", "incompatible shapes for broadcasting: \(shapes.map(shapeString).joined(separator: ", "))", file, line)
      return []
    }
    return s
  }

  /// `lax.collapse`: merges axes `start..<stop` (default to the end) into one.
  ///
  /// ```swift
  /// Lax.collapse(jnp.zeros([2, 3, 4]), start: 1).shape   // [2, 12]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - start: the first axis merged.
  ///   - stop: one past the last axis merged (Python slice rules); default the rank.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func collapse(_ x: Tensor, start: Int, stop: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    func clampIndex(_ i: Int) -> Int { Swift.min(Swift.max(i < 0 ? i + x.rank : i, 0), x.rank) }
    let (lo, hi) = (clampIndex(start), clampIndex(stop ?? x.rank))
    guard hi >= lo else { return raise(.axis, "collapse", "invalid dimension range passed to collapse: \(shapeString(x.shape))[\(start):\(stop.map(String.init) ?? "")]", file, line) }
    let size = x.shape[lo..<hi].reduce(1, *)
    return reshape(x, Array(x.shape[..<lo]) + [size] + Array(x.shape[hi...]), file: file, line: line)
  }

  /// `lax.tile`: repeats `x` `reps[i]` times along axis `i` (one entry per axis).
  ///
  /// ```swift
  /// Lax.tile(jnp.array([1, 2, 3]), reps: [2])   // [1 2 3 1 2 3]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - reps: the repeat count per axis; its length is `x`'s rank.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func tile(_ x: Tensor, reps: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard reps.count == x.rank, reps.allSatisfy({ $0 >= 0 }) else {
      return raise(.shape, "tile", "reps length must be equal to the ndim of x and nonnegative, got reps=\(reps) for shape \(shapeString(x.shape))", file, line)
    }
    // x[d0, d1] -> [1, d0, 1, d1] -> broadcast [r0, d0, r1, d1] -> [r0*d0, r1*d1].
    let pairs = zip(reps, x.shape).flatMap { [$0, $1] }
    let b = broadcastInDim(x, shape: pairs, broadcastDimensions: (0..<x.rank).map { 2 * $0 + 1 }, file: file, line: line)
    return reshape(b, zip(reps, x.shape).map { $0 * $1 }, file: file, line: line)
  }

  /// `lax.stack`: stacks equal-shaped arrays along a new axis.
  ///
  /// ```swift
  /// Lax.stack([a, b], axis: 0)   // [2, ...a.shape]
  /// ```
  /// - Parameters:
  ///   - xs: arrays of one shape and dtype.
  ///   - axis: the position of the new axis (negative counts from the end).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func stack(_ xs: [Tensor], axis: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if xs.contains(where: \.isInvalid) { return .invalid }
    guard let first = xs.first, xs.allSatisfy({ $0.shape == first.shape }) else {
      return raise(.shape, "stack", "stack needs at least one array and all arrays of one shape, got \(xs.map { shapeString($0.shape) })", file, line)
    }
    let a = axis < 0 ? axis + first.rank + 1 : axis
    guard a >= 0, a <= first.rank else { return raise(.axis, "stack", "axis \(axis) is out of bounds for \(first.rank + 1) dimensions", file, line) }
    return concatenate(xs.map { expandDims($0, dimensions: [a], file: file, line: line) }, dimension: a, file: file, line: line)
  }

  /// `lax.unstack`: the slices of `x` along `axis`, that axis removed.
  ///
  /// ```swift
  /// let rows = Lax.unstack(jnp.zeros([3, 2]))   // three f32[2]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - axis: the axis unstacked (negative counts from the end).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func unstack(_ x: Tensor, axis: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    guard !x.isInvalid, let a = checkedAxis(axis, x, "unstack", CallSite(file: file, line: line)) else { return [] }
    return (0..<x.shape[a]).map { indexInDim(x, $0, axis: a, keepDims: false, file: file, line: line) }
  }

  /// `lax.split`: consecutive pieces of `sizes[i]` elements along `axis`.
  ///
  /// ```swift
  /// let parts = Lax.split(jnp.arange(5), sizes: [2, 3])   // [0 1], [2 3 4]
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - sizes: the piece lengths; they sum to the axis length.
  ///   - axis: the axis split (negative counts from the end).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func split(_ x: Tensor, sizes: [Int], axis: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    let site = CallSite(file: file, line: line)
    guard !x.isInvalid, let a = checkedAxis(axis, x, "split", site) else { return [] }
    guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == x.shape[a] else {
      _ = raise(.shape, "split", "sizes \(sizes) must be nonnegative and sum to the size of axis \(axis) of shape \(shapeString(x.shape))", file, line)
      return []
    }
    var start = 0
    return sizes.map { n in
      defer { start += n }
      return sliceInDim(x, start: start, limit: start + n, axis: a, file: file, line: line)
    }
  }

  /// `lax.batch_matmul`: matrix products over matching leading batch axes.
  ///
  /// ```swift
  /// Lax.batchMatmul(jnp.ones([5, 2, 3]), jnp.ones([5, 3, 4])).shape   // [5, 2, 4]
  /// ```
  /// - Parameters:
  ///   - lhs: `[..., m, k]`.
  ///   - rhs: `[..., k, n]`, with the same rank and batch axes.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func batchMatmul(_ lhs: Tensor, _ rhs: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if lhs.isInvalid || rhs.isInvalid { return .invalid }
    guard Swift.min(lhs.rank, rhs.rank) >= 2, lhs.rank == rhs.rank else {
      return raise(.shape, "batch_matmul", "arguments must be at least 2-D and of the same rank, got \(shapeString(lhs.shape)) and \(shapeString(rhs.shape))", file, line)
    }
    let batch = Array(0..<(lhs.rank - 2))
    let dn = DotDimensionNumbers(lhsContracting: [lhs.rank - 1], rhsContracting: [rhs.rank - 2], lhsBatch: batch, rhsBatch: batch)
    return dotGeneral(lhs, rhs, dn, file: file, line: line)
  }

  /// `lax.reciprocal`: `1 / x` (as `integer_pow(x, -1)`).
  ///
  /// ```swift
  /// Lax.reciprocal(jnp.array([2.0, 4.0]))   // [0.5 0.25]
  /// ```
  /// - Parameters:
  ///   - x: a floating-point operand.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func reciprocal(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    integerPow(x, -1, file: file, line: line)
  }

  /// `lax.dtype`: the canonical dtype of `x`.
  ///
  /// ```swift
  /// Lax.dtype(jnp.ones([2]))   // .float32
  /// ```
  /// - Parameter x: any tensor.
  public static func dtype(_ x: Tensor) -> DType { x.dtype.canonical }

  /// `lax.optimization_barrier`: the identity on a pytree. In JAX it stops
  /// XLA from moving computations across the barrier (for
  /// rematerialisation and scheduling); SwiftJAX's compiler has no such
  /// transformations to constrain, so the values pass through unchanged.
  ///
  /// ```swift
  /// let y = Lax.optimizationBarrier(x)   // y == x
  /// ```
  /// - Parameter operand: any pytree of tensors.
  public static func optimizationBarrier<T: PyTree>(_ operand: T) -> T { operand }
}
