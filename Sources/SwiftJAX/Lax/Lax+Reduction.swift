/// Reductions, cumulative reductions, dot products and sorting.
extension Lax {
  /// `lax.reduce_sum` (and friends) over `axes`.
  public static func reduce(_ x: Tensor, _ op: ReduceOp, axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.reduce(op, axes: axes), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.reduce_sum`: sums over `axes` (removed from the shape).
  ///
  /// ```swift
  /// Lax.reduceSum(jnp.ones([2, 3]), axes: [1])   // [3. 3.]
  /// ```
  public static func reduceSum(_ x: Tensor, axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    reduce(x, .sum, axes: axes, file: file, line: line)
  }

  /// `lax.reduce_max`: the maximum over `axes` (NaN propagates).
  ///
  /// ```swift
  /// Lax.reduceMax(jnp.array([[1.0, 5.0], [3.0, 2.0]]), axes: [0])   // [3. 5.]
  /// ```
  public static func reduceMax(_ x: Tensor, axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    reduce(x, .max, axes: axes, file: file, line: line)
  }

  /// `lax.reduce_min`: the minimum over `axes` (NaN propagates).
  ///
  /// ```swift
  /// Lax.reduceMin(jnp.array([[1.0, 5.0], [3.0, 2.0]]), axes: [1])   // [1. 2.]
  /// ```
  public static func reduceMin(_ x: Tensor, axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    reduce(x, .min, axes: axes, file: file, line: line)
  }

  /// `lax.reduce_prod`: the product over `axes`.
  ///
  /// ```swift
  /// Lax.reduceProd(jnp.array([1.0, 2.0, 3.0]), axes: [0])   // 6.0
  /// ```
  public static func reduceProd(_ x: Tensor, axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    reduce(x, .prod, axes: axes, file: file, line: line)
  }

  /// `lax.argmax`: index of the first maximum along `axis` (NaN counts as
  /// the maximum).
  ///
  /// ```swift
  /// Lax.argmax(jnp.array([1.0, 3.0, 3.0]), axis: 0)  // 1
  /// ```
  public static func argmax(_ x: Tensor, axis: Int, indexDType: DType = .int32, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.argReduce(.argmax, axis: axis, indexDType: indexDType), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.argmin`.
  ///
  /// ```swift
  /// Lax.argmin(jnp.arange(6).reshape(2, 3), axis: 1)  // [0 0]
  /// ```
  public static func argmin(_ x: Tensor, axis: Int, indexDType: DType = .int32, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.argReduce(.argmin, axis: axis, indexDType: indexDType), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.cumsum` / `cumprod` / `cummax` / `cummin` / `cumlogsumexp`.
  ///
  /// ```swift
  /// Lax.cumulative(jnp.array([1, 2, 3]), .sum, axis: 0, reverse: true)  // [6 5 3]
  /// ```
  public static func cumulative(_ x: Tensor, _ op: CumulativeOp, axis: Int, reverse: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.cumulative(op, axis: axis, reverse: reverse), [x], site: CallSite(file: file, line: line))
  }

  /// `lax.dot_general`.
  ///
  /// ```swift
  /// // matrix product of a: f32[2,3] and b: f32[3,4]
  /// Lax.dotGeneral(a, b, DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0]))
  /// ```
  public static func dotGeneral(_ a: Tensor, _ b: Tensor, _ dimensionNumbers: DotDimensionNumbers, preferredElementType: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.dotGeneral(dimensionNumbers, preferredElementType: preferredElementType), [a, b], site: CallSite(file: file, line: line))
  }

  /// `lax.dot` of vectors/matrices (contracts the last axis of `a` with the
  /// first of `b`).
  ///
  /// ```swift
  /// Lax.dot(jnp.array([1.0, 2.0]), jnp.array([3.0, 4.0]))  // 11.0
  /// ```
  public static func dot(_ a: Tensor, _ b: Tensor, preferredElementType: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let k = Swift.max(a.rank - 1, 0)
    let dn = k < dotNumbers.count ? dotNumbers[k] : DotDimensionNumbers(lhsContracting: [k], rhsContracting: [0])
    return dotGeneral(a, b, dn, preferredElementType: preferredElementType, file: file, line: line)
  }

  /// `lax.dot`'s dimension numbers for lhs ranks up to 8, built once (eager
  /// dots are small and frequent; their arrays are otherwise rebuilt per call).
  static let dotNumbers = (0..<8).map { DotDimensionNumbers(lhsContracting: [$0], rhsContracting: [0]) }

  /// `lax.sort`: sorts `operands` together along `dimension`, ordering by
  /// the first `numKeys` operands lexicographically.
  ///
  /// ```swift
  /// Lax.sort([jnp.array([3, 1, 2]), jnp.array([30, 10, 20])], dimension: 0)[1]  // [10 20 30]
  /// ```
  public static func sort(_ operands: [Tensor], dimension: Int, isStable: Bool = true, numKeys: Int = 1, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    bind(.sort(dimension: dimension, isStable: isStable, numKeys: numKeys), operands, site: CallSite(file: file, line: line))
  }
}

/// Gather and scatter.
extension Lax {
  /// `lax.gather` with XLA dimension numbers.
  ///
  /// ```swift
  /// let rows = GatherDimensionNumbers(offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0])
  /// print(Lax.gather(jnp.arange(12).reshape(3, 4), jnp.array([[2], [0]]), dimensionNumbers: rows, sliceSizes: [1, 4]))
  /// // [[ 8  9 10 11]
  /// //  [ 0  1  2  3]]
  /// ```
  public static func gather(_ x: Tensor, _ indices: Tensor, dimensionNumbers: GatherDimensionNumbers, sliceSizes: [Int], mode: GatherMode = .clip, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.gather(dimensionNumbers, sliceSizes: sliceSizes, mode: mode, fillValue: fillValue), [x, indices], site: CallSite(file: file, line: line))
  }

  /// `lax.scatter` / `scatter_add` / ...: combines `updates` into `x` at
  /// `indices`; duplicate indices combine in order.
  ///
  /// ```swift
  /// let elements = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
  /// print(Lax.scatter(jnp.zeros([5]), jnp.array([[1], [3], [1]]), jnp.array([1.0, 2.0, 3.0]), .add, dimensionNumbers: elements))
  /// // [0. 4. 0. 2. 0.]
  /// ```
  public static func scatter(_ x: Tensor, _ indices: Tensor, _ updates: Tensor, _ op: ScatterOp, dimensionNumbers: ScatterDimensionNumbers, mode: GatherMode = .fillOrDrop, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bind1(.scatter(op, dimensionNumbers, mode: mode), [x, indices, updates], site: CallSite(file: file, line: line))
  }
}
