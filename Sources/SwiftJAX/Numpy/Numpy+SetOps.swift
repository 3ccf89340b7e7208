/// `jnp.intersect1d`, `setdiff1d` and `setxor1d` on flattened input. Each
/// is a sorted candidate vector with a keep mask (first occurrences that
/// are, or are not, in the other array), compacted by a two-key sort that
/// moves the kept values to the front in order. Without `size` the result
/// length depends on the values (concrete input only); with `size` it is
/// static, so the functions work under `jit`, padded as JAX pads.
extension Numpy {
  /// `jnp.intersect1d`: the sorted distinct values present in both arrays.
  ///
  /// ```swift
  /// jnp.intersect1d(jnp.array([1, 3, 4, 3]), jnp.array([3, 1, 2, 1]))   // [1 3]
  /// jnp.intersect1d(a, b, size: 4)   // padded with the smallest common value
  /// ```
  /// - Parameters:
  ///   - a: an array (flattened).
  ///   - b: an array (flattened).
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding when `size` exceeds the count; nil pads
  ///     with the smallest result (0 if there is none). It takes the
  ///     result's dtype (JAX promotes an integer result for a float fill).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func intersect1d(_ a: Tensor, _ b: Tensor, size: Int? = nil, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    let p = promoteDTypes([ravel(a, file: file, line: line), ravel(b, file: file, line: line)], file: file, line: line)
    let (s, first) = sortedFirstOccurrences(p[0], file: file, line: line)
    let keep = Lax.and(first, isin(s, p[1], file: file, line: line), file: file, line: line)
    return compactKept(s, keep, size: size, fillValue: fillValue, padWithFirst: true, "intersect1d", file: file, line: line)
  }

  /// `jnp.setdiff1d`: the sorted distinct values of `a` that are not in `b`,
  /// in `a`'s dtype.
  ///
  /// ```swift
  /// jnp.setdiff1d(jnp.array([1, 2, 3, 2, 4]), jnp.array([3, 4]))   // [1 2]
  /// ```
  /// - Parameters:
  ///   - a: an array (flattened).
  ///   - b: the values to remove (flattened).
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding when `size` exceeds the count (default 0).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func setdiff1d(_ a: Tensor, _ b: Tensor, size: Int? = nil, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    let (s, first) = sortedFirstOccurrences(ravel(a, file: file, line: line), file: file, line: line)
    let keep = Lax.and(first, isin(s, ravel(b, file: file, line: line), invert: true, file: file, line: line), file: file, line: line)
    return compactKept(s, keep, size: size, fillValue: fillValue, padWithFirst: false, "setdiff1d", file: file, line: line)
  }

  /// `jnp.setxor1d`: the sorted distinct values in exactly one of the arrays.
  ///
  /// ```swift
  /// jnp.setxor1d(jnp.array([1, 2, 3, 2, 4]), jnp.array([2, 3, 5, 7, 5]))   // [1 4 5 7]
  /// ```
  /// - Parameters:
  ///   - a: an array (flattened).
  ///   - b: an array (flattened).
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding when `size` exceeds the count; nil pads
  ///     with the smallest result (0 if there is none). It takes the
  ///     result's dtype (JAX promotes an integer result for a float fill).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func setxor1d(_ a: Tensor, _ b: Tensor, size: Int? = nil, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    let p = promoteDTypes([ravel(a, file: file, line: line), ravel(b, file: file, line: line)], file: file, line: line)
    let (s1, first1) = sortedFirstOccurrences(p[0], file: file, line: line)
    let (s2, first2) = sortedFirstOccurrences(p[1], file: file, line: line)
    let keep1 = Lax.and(first1, isin(s1, p[1], invert: true, file: file, line: line), file: file, line: line)
    let keep2 = Lax.and(first2, isin(s2, p[0], invert: true, file: file, line: line), file: file, line: line)
    let cand = Lax.concatenate([s1, s2], dimension: 0, file: file, line: line)
    let keep = Lax.concatenate([keep1, keep2], dimension: 0, file: file, line: line)
    return compactKept(cand, keep, size: size, fillValue: fillValue, padWithFirst: true, "setxor1d", file: file, line: line)
  }

  /// The sorted 1-D `x` and the mask of each value's first occurrence
  /// (all NaNs count as one value, as in `jnp.unique`).
  static func sortedFirstOccurrences(_ x: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor) {
    let n = x.count
    if n == 0 { return (x, Lax.full([0], Tensor(false), file: file, line: line)) }
    let s = Lax.sort([x], dimension: 0, file: file, line: line)[0]
    let head = Lax.sliceInDim(s, start: 1, limit: n, axis: 0, file: file, line: line)
    let tail = Lax.sliceInDim(s, start: 0, limit: n - 1, axis: 0, file: file, line: line)
    var differ = Lax.ne(head, tail, file: file, line: line)
    // ne(v, v) holds for a NaN and for a complex number with a NaN part:
    // JAX's unique merges all of those into one value.
    if x.dtype.isInexact {
      let bothNaN = Lax.and(Lax.ne(head, head, file: file, line: line), Lax.ne(tail, tail, file: file, line: line), file: file, line: line)
      differ = Lax.and(differ, Lax.not(bothNaN, file: file, line: line), file: file, line: line)
    }
    return (s, Lax.concatenate([Lax.reshape(Tensor(true), [1]), differ], dimension: 0, file: file, line: line))
  }

  /// The kept entries of the sorted `cand`, in order: all of them (concrete
  /// input), or exactly `size` with the padding JAX uses.
  static func compactKept(
    _ cand: Tensor, _ keep: Tensor, size: Int?, fillValue: Double?, padWithFirst: Bool, _ op: String, file: StaticString, line: UInt
  ) -> Tensor {
    if let size, size < 0 { return fail(.value, op, "size must be nonnegative, got \(size)", file: file, line: line) }
    let n = cand.count, d = cand.dtype
    if n == 0 { return Lax.full([size ?? 0], scalar(fillValue ?? 0, d), file: file, line: line) }
    let dropped = Lax.convertElementType(Lax.not(keep, file: file, line: line), .int32, file: file, line: line)
    let front = Lax.sort([dropped, cand], dimension: 0, numKeys: 2, file: file, line: line)[1]
    let count = Lax.reduceSum(Lax.convertElementType(keep, .int32, file: file, line: line), axes: [0], file: file, line: line)
    guard let size else {
      guard let c = count.concrete else {
        return fail(.concretization, op, "the number of results depends on the data; pass size: to use \(op) under jit or vmap", file: file, line: line)
      }
      return Lax.sliceInDim(front, start: 0, limit: Int(c.element(0).asInt64), axis: 0, file: file, line: line)
    }
    let vals = size <= n
      ? Lax.sliceInDim(front, start: 0, limit: size, axis: 0, file: file, line: line)
      : Lax.pad(front, scalar(0, d), config: [PadConfig(low: 0, high: size - n)], file: file, line: line)
    if size == 0 { return vals }
    let pad: Tensor
    if let fillValue {
      pad = scalar(fillValue, d)
    } else if padWithFirst {
      // JAX pads with the smallest result, or 0 when there is none.
      let first = Lax.reshape(Lax.sliceInDim(front, start: 0, limit: 1, axis: 0, file: file, line: line), [], file: file, line: line)
      pad = Lax.select(Lax.gt(count, scalar(0, .int32), file: file, line: line), first, scalar(0, d), file: file, line: line)
    } else {
      pad = scalar(0, d)
    }
    let valid = Lax.lt(Lax.iota(.int32, shape: [size], file: file, line: line), count, file: file, line: line)
    return Lax.select(valid, vals, Lax.broadcastInDim(pad, shape: [size], broadcastDimensions: [], file: file, line: line), file: file, line: line)
  }

  /// `jnp.lexsort`: the indices that sort by several keys, the last key
  /// primary, along `axis` (stable).
  ///
  /// ```swift
  /// let surnames = jnp.array([2, 1, 2, 1]), names = jnp.array([0, 1, 1, 0])
  /// jnp.lexsort([names, surnames])   // [3 1 0 2]
  /// ```
  /// - Parameters:
  ///   - keys: the sort keys, all of one shape; the last is the primary key.
  ///   - axis: the axis to sort along.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func lexsort(_ keys: [Tensor], axis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if keys.contains(where: { $0.isInvalid }) { return .invalid }
    guard let shape = keys.first?.shape else { return fail(.value, "lexsort", "need at least one key", file: file, line: line) }
    if let other = keys.first(where: { $0.shape != shape }) {
      return fail(.shape, "lexsort", "all keys need to be the same shape, got \(shapeString(shape)) and \(shapeString(other.shape))", file: file, line: line)
    }
    if shape.isEmpty { return fail(.shape, "lexsort", "keys must have at least one dimension, got 0-d keys", file: file, line: line) }
    guard let ax = normalizeAxis(axis, rank: shape.count, "lexsort", file: file, line: line) else { return .invalid }
    let iota = Lax.iota(.defaultInt, shape: shape, dimension: ax, file: file, line: line)
    return Lax.sort(keys.reversed() + [iota], dimension: ax, numKeys: keys.count, file: file, line: line).last!
  }
}
