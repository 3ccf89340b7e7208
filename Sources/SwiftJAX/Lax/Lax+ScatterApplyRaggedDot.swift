// lax.scatter_apply and lax.ragged_dot, built from existing primitives.
//
// JAX's scatter_apply is a scatter whose combiner is `func` applied to the
// operand's element (updates unused), so an index hit k times gets
// func applied k times. SwiftJAX's scatter has fixed combiners, so the hit
// counts come from a scatter-add of ones (same index handling and mode),
// and a loop applies `func` to the whole array, keeping the result where
// the count exceeds the iteration. `func` acts on scalars in JAX (it is
// traced at a scalar), so applying it elementwise is the same function.
//
// ragged_dot follows JAX 0.10.2's reference decomposition
// (`_ragged_dot_general_impl`): expand lhs to [g, m, k] with the rows of
// other groups zeroed, then one dot_general contracting k and g.

extension Lax {
  /// `lax.scatter_apply`: replaces the elements of `operand` at the
  /// scattered positions with `fn(element)`, applying `fn` once per time
  /// an index appears. `fn` must be elementwise (JAX applies it to
  /// scalars) and keep the dtype.
  ///
  /// ```swift
  /// let dn = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
  /// let idx = Tensor([1, 3, 3] as [Int32], shape: [3, 1])
  /// Lax.scatterApply(jnp.ones([4]), idx, { Lax.mul($0, Tensor(Float(2))) }, dimensionNumbers: dn)   // [1, 2, 1, 4]
  /// ```
  ///
  /// - Parameters:
  ///   - operand: the array to update.
  ///   - indices: the scatter indices (XLA conventions, as `scatter`).
  ///   - fn: the elementwise function applied at each index.
  ///   - dimensionNumbers: how `indices` and the (implicit) updates map
  ///     onto `operand`.
  ///   - updateShape: the shape of the implicit updates (`[]` when each
  ///     index names one element).
  ///   - mode: out-of-bounds handling, as `scatter` (JAX's default drops them).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func scatterApply(
    _ operand: Tensor, _ indices: Tensor, _ fn: @escaping (Tensor) -> Tensor, dimensionNumbers: ScatterDimensionNumbers,
    updateShape: [Int] = [], mode: GatherMode = .fillOrDrop, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if operand.isInvalid || indices.isInvalid { return .invalid }
    let ones = full(updateShape, Tensor(Int32(1)), file: file, line: line)
    let zeros = full(operand.shape, Tensor(Int32(0)), file: file, line: line)
    let counts = scatterAdd(zeros, indices, ones, dimensionNumbers: dimensionNumbers, mode: mode, file: file, line: line)
    let most = operand.rank == 0 ? counts : reduce(counts, .max, axes: Array(0..<operand.rank), file: file, line: line)
    let (_, out) = whileLoop(
      cond: { (i: Tensor, _: Tensor) -> Tensor in lt(i, most, file: file, line: line) },
      body: { (i: Tensor, x: Tensor) -> (Tensor, Tensor) in
        let y = fn(x)
        guard y.dtype == x.dtype && y.shape == x.shape else {
          JAXError.raise(JAXError(
            .dtype, "scatter_apply", "func must map \(x.dtype.name)\(shapeString(x.shape)) elementwise to the same type, got \(y.dtype.name)\(shapeString(y.shape))",
            site: CallSite(file: file, line: line)))
          return (add(i, Tensor(Int32(1))), x)
        }
        return (add(i, Tensor(Int32(1))), select(gt(counts, i, file: file, line: line), y, x, file: file, line: line))
      },
      initial: (Tensor(Int32(0)), operand), file: file, line: line)
    return out
  }

  /// `lax.ragged_dot`: a matrix product where the rows of `lhs` come in
  /// consecutive groups and group i uses its own right-hand matrix
  /// `rhs[i]`: `out[r] = lhs[r] · rhs[group(r)]`. Rows past the last
  /// group are 0.
  ///
  /// ```swift
  /// let out = Lax.raggedDot(lhs, rhs, groupSizes: Tensor([2, 1] as [Int32]))   // lhs [3, k], rhs [2, k, n] → [3, n]
  /// ```
  ///
  /// - Parameters:
  ///   - lhs: the `[m, k]` rows.
  ///   - rhs: the `[g, k, n]` per-group matrices.
  ///   - groupSizes: the `[g]` integer group sizes (rows of `lhs` per group).
  ///   - preferredElementType: the result dtype (as `dot_general`).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func raggedDot(
    _ lhs: Tensor, _ rhs: Tensor, groupSizes: Tensor, preferredElementType: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if lhs.isInvalid || rhs.isInvalid || groupSizes.isInvalid { return .invalid }
    guard lhs.rank == 2, rhs.rank == 3, groupSizes.rank == 1, groupSizes.dtype.isInteger,
          rhs.shape[0] == groupSizes.shape[0], lhs.shape[1] == rhs.shape[1] else {
      JAXError.raise(JAXError(
        .shape, "ragged_dot",
        "expected lhs [m, k], rhs [g, k, n] and integer group_sizes [g], got lhs \(shapeString(lhs.shape)), rhs \(shapeString(rhs.shape)), group_sizes \(groupSizes.dtype.name)\(shapeString(groupSizes.shape))",
        site: CallSite(file: file, line: line)))
      return .invalid
    }
    let dense = raggedToDense(lhs, groupSizes, file: file, line: line)
    let dn = DotDimensionNumbers(lhsContracting: [2, 0], rhsContracting: [1, 0])
    return dotGeneral(dense, rhs, dn, preferredElementType: preferredElementType, file: file, line: line)
  }

  /// JAX's `ragged_to_dense` along dim 0: `[m, k]` → `[g, m, k]` where
  /// slice i keeps only the rows of group i.
  private static func raggedToDense(_ x: Tensor, _ gs: Tensor, file: StaticString, line: UInt) -> Tensor {
    let shape = gs.shape + x.shape
    let expanded = broadcastInDim(x, shape: shape, broadcastDimensions: [1, 2], file: file, line: line)
    let iota = broadcastedIota(gs.dtype, shape: shape, dimension: 1, file: file, line: line)
    let ends = cumulative(gs, .sum, axis: 0, file: file, line: line)
    let zero = full([1], convertElementType(Tensor(Int32(0)), gs.dtype), file: file, line: line)
    let starts = concatenate([zero, slice(ends, start: [0], limit: [gs.shape[0] - 1], file: file, line: line)], dimension: 0, file: file, line: line)
    let endsB = broadcastInDim(ends, shape: shape, broadcastDimensions: [0], file: file, line: line)
    let startsB = broadcastInDim(starts, shape: shape, broadcastDimensions: [0], file: file, line: line)
    let mask = and(le(startsB, iota, file: file, line: line), lt(iota, endsB, file: file, line: line), file: file, line: line)
    return select(mask, expanded, full(shape, convertElementType(Tensor(Int32(0)), x.dtype), file: file, line: line), file: file, line: line)
  }
}
