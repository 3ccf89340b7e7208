/// `jnp.partition` and `jnp.argpartition` with JAX's algorithm (two
/// `top_k` calls), so the order inside each part is JAX's: the `kth + 1`
/// smallest ascending, then the rest descending.
extension Numpy {
  /// `jnp.partition`: along `axis`, the element at `kth` is the one a full
  /// sort would put there; the smaller ones come before it (ascending) and
  /// the larger ones after (descending, as JAX returns them).
  ///
  /// ```swift
  /// jnp.partition(jnp.array([5, 1, 4, 2, 3]), kth: 2)   // [1 2 3 5 4]
  /// ```
  /// - Parameters:
  ///   - a: the array.
  ///   - kth: the index of the pivot along `axis` (negative counts from the end).
  ///   - axis: the axis to partition.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func partition(_ a: Tensor, kth: Int, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard let (x, k, ax) = partitionSetup(a, kth: kth, axis: axis, "partition", file: file, line: line) else { return .invalid }
    let n = x.shape[x.rank - 1]
    let bottom = negative(Lax.topK(lowFirst(x, file: file, line: line), k: k + 1, file: file, line: line).values, file: file, line: line)
    let lowest = x.dtype.isUnsignedInteger ? subtract(bottom, Tensor(weak: 1), file: file, line: line) : bottom
    let top = Lax.topK(x, k: n - k - 1, file: file, line: line).values
    return swapaxes(Lax.concatenate([lowest, top], dimension: x.rank - 1, file: file, line: line), ax, -1, file: file, line: line)
  }

  /// `jnp.argpartition`: the indices that would partition `a` (see
  /// ``partition(_:kth:axis:file:line:)``): the `kth + 1` smallest first,
  /// then the remaining indices in increasing order.
  ///
  /// ```swift
  /// jnp.argpartition(jnp.array([5, 1, 4, 2, 3]), kth: 2)   // [1 3 4 0 2]
  /// ```
  /// - Parameters:
  ///   - a: the array.
  ///   - kth: the index of the pivot along `axis` (negative counts from the end).
  ///   - axis: the axis to partition.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func argpartition(_ a: Tensor, kth: Int, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard let (x, k, ax) = partitionSetup(a, kth: kth, axis: axis, "argpartition", file: file, line: line) else { return .invalid }
    let r = x.rank, n = x.shape[r - 1]
    let bottom = Lax.topK(lowFirst(x, file: file, line: line), k: k + 1, file: file, line: line).indices
    // JAX ranks the other indices through a proxy that is 0 at the chosen
    // ones and 1 elsewhere, so ties keep increasing index order.
    let positions = Lax.iota(bottom.dtype, shape: x.shape + [k + 1], dimension: r - 1, file: file, line: line)
    let chosen = Lax.broadcastInDim(bottom, shape: x.shape + [k + 1], broadcastDimensions: Array(0..<(r - 1)) + [r], file: file, line: line)
    let isChosen = Lax.reduce(Lax.eq(positions, chosen, file: file, line: line), .or, axes: [r], file: file, line: line)
    let proxy = Lax.select(isChosen, zeros(x.shape, dtype: .float32, file: file, line: line), ones(x.shape, dtype: .float32, file: file, line: line), file: file, line: line)
    let top = Lax.topK(proxy, k: n - k - 1, file: file, line: line).indices
    return swapaxes(Lax.concatenate([bottom, top], dimension: r - 1, file: file, line: line), ax, -1, file: file, line: line)
  }

  /// The operand with `axis` moved last, the non-negative `kth` and axis.
  private static func partitionSetup(_ a: Tensor, kth: Int, axis: Int, _ op: String, file: StaticString, line: UInt) -> (Tensor, Int, Int)? {
    if a.isInvalid { return nil }
    if a.rank == 0 { report(.shape, op, "a must have at least one dimension, got a 0-d array", file: file, line: line); return nil }
    if a.dtype.isBool { report(.dtype, op, "bool arrays are not supported (JAX negates the values); convert to an integer type", file: file, line: line); return nil }
    if a.dtype.isComplex { report(.dtype, op, "jnp.\(op) for complex dtype is not implemented (as in JAX; got \(a.dtype.name)); sort, or partition jnp.real/jnp.abs", file: file, line: line); return nil }
    guard let ax = normalizeAxis(axis, rank: a.rank, op, file: file, line: line) else { return nil }
    let n = a.shape[ax]
    let k = kth < 0 ? kth + n : kth
    if k < 0 || k >= n {
      report(.value, op, "kth \(kth) is out of bounds for axis \(axis) of size \(n) (shape \(shapeString(a.shape)))", file: file, line: line)
      return nil
    }
    return (swapaxes(a, ax, -1, file: file, line: line), k, ax)
  }

  /// `-x`, ordered so that `top_k` of it finds the smallest `x`: unsigned
  /// values are shifted by one first so that 0 does not wrap onto itself.
  private static func lowFirst(_ x: Tensor, file: StaticString, line: UInt) -> Tensor {
    let v = x.dtype.isUnsignedInteger ? add(x, Tensor(weak: 1), file: file, line: line) : x
    return negative(v, file: file, line: line)
  }
}
