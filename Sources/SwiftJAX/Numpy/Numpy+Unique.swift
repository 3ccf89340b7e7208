/// `jnp.unique` and the array API's `unique_values` / `unique_counts` /
/// `unique_inverse` / `unique_all`, plus `union1d`, on flattened input,
/// with JAX's algorithm: a stable sort, a mask of first occurrences, and
/// `size=` for a static result length under `jit`.
extension Numpy {
  /// The parts of a unique-values computation; which are filled depends on
  /// the request.
  ///
  /// ```swift
  /// jnp.uniqueAll(jnp.array([3, 1, 3, 2])).counts  // [1 1 2]
  /// ```
  public struct UniqueResult {
    /// The sorted distinct values (padded to `size` when given).
    public let values: Tensor
    /// For each value, the flat index of its first occurrence in the input.
    public let indices: Tensor
    /// For each input element (input shape), the index of its value.
    public let inverseIndices: Tensor
    /// How often each value occurs.
    public let counts: Tensor
  }

  /// `jnp.unique`: the sorted distinct elements of `x` (flattened). NaNs
  /// count as one value unless `equalNaN` is false. Without `size` the
  /// result length depends on the values (concrete input only); with
  /// `size` the result has exactly that length: missing entries repeat the
  /// smallest value, or are `fillValue` when given.
  ///
  /// ```swift
  /// jnp.unique(jnp.array([3, 1, 3, 2]))            // [1 2 3]
  /// jnp.unique(jnp.array([3, 1, 3]), size: 3, fillValue: 0)   // [1 3 0]
  /// ```
  /// - Parameters:
  ///   - x: the array (flattened).
  ///   - equalNaN: treat all NaNs as one value.
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding value when `size` exceeds the count.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func unique(_ x: Tensor, equalNaN: Bool = true, size: Int? = nil, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    uniqueAll(x, equalNaN: equalNaN, size: size, fillValue: fillValue, "unique", file, line)?.values ?? .invalid
  }

  /// `jnp.unique_values`: the distinct values, each NaN distinct (array API).
  ///
  /// ```swift
  /// jnp.uniqueValues(jnp.array([2.0, .nan, 2.0, .nan]))   // [ 2. nan nan]
  /// ```
  /// - Parameters:
  ///   - x: the array (flattened).
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding value when `size` exceeds the count.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func uniqueValues(_ x: Tensor, size: Int? = nil, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    uniqueAll(x, equalNaN: false, size: size, fillValue: fillValue, "unique_values", file, line)?.values ?? .invalid
  }

  /// `jnp.unique_counts`: the distinct values and how often each occurs.
  ///
  /// ```swift
  /// let (v, c) = jnp.uniqueCounts(jnp.array([3, 1, 3]))   // [1 3], [1 2]
  /// ```
  /// - Parameters:
  ///   - x: the array (flattened).
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding value when `size` exceeds the count.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func uniqueCounts(_ x: Tensor, size: Int? = nil, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, counts: Tensor) {
    guard let r = uniqueAll(x, equalNaN: false, size: size, fillValue: fillValue, "unique_counts", file, line) else { return (.invalid, .invalid) }
    return (r.values, r.counts)
  }

  /// `jnp.unique_inverse`: the distinct values and, for each element of
  /// `x` (in `x`'s shape), the index of its value.
  ///
  /// ```swift
  /// let (v, inv) = jnp.uniqueInverse(jnp.array([3, 1, 3]))   // [1 3], [1 0 1]
  /// ```
  /// - Parameters:
  ///   - x: the array.
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding value when `size` exceeds the count.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func uniqueInverse(_ x: Tensor, size: Int? = nil, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, inverseIndices: Tensor) {
    guard let r = uniqueAll(x, equalNaN: false, size: size, fillValue: fillValue, "unique_inverse", file, line) else { return (.invalid, .invalid) }
    return (r.values, r.inverseIndices)
  }

  /// `jnp.unique_all`: values, first-occurrence indices, inverse indices
  /// and counts together (each NaN distinct, as the array API specifies).
  ///
  /// ```swift
  /// let r = jnp.uniqueAll(jnp.array([3, 1, 3]))   // values [1 3], indices [1 0], inverse [1 0 1], counts [1 2]
  /// ```
  /// - Parameters:
  ///   - x: the array.
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding value when `size` exceeds the count.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func uniqueAll(_ x: Tensor, size: Int? = nil, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> UniqueResult {
    uniqueAll(x, equalNaN: false, size: size, fillValue: fillValue, "unique_all", file, line)
      ?? UniqueResult(values: .invalid, indices: .invalid, inverseIndices: .invalid, counts: .invalid)
  }

  /// `jnp.union1d`: the sorted distinct values of both arrays.
  ///
  /// ```swift
  /// jnp.union1d(jnp.array([3, 1]), jnp.array([2, 3]))   // [1 2 3]
  /// ```
  /// - Parameters:
  ///   - a: an array (flattened).
  ///   - b: an array (flattened).
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding value when `size` exceeds the count.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func union1d(_ a: Tensor, _ b: Tensor, size: Int? = nil, fillValue: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    let joined = concatenate([ravel(a), ravel(b)], file: file, line: line)
    return uniqueAll(joined, equalNaN: true, size: size, fillValue: fillValue, "union1d", file, line)?.values ?? .invalid
  }

  /// JAX's `_unique` on the flattened input: stable sort, first-occurrence
  /// mask, then the requested parts.
  static func uniqueAll(_ x: Tensor, equalNaN: Bool, size: Int?, fillValue: Double?, _ op: String, _ file: StaticString, _ line: UInt) -> UniqueResult? {
    if x.isInvalid { return nil }
    let flat = ravel(x)
    let n = flat.count
    if let size, size < 0 { _ = fail(.value, op, "size must be nonnegative, got \(size)", file: file, line: line); return nil }
    if n == 0, let size, size > 0, fillValue == nil {
      _ = fail(.value, op, "for zero-sized input with nonzero size argument, fill_value must be specified", file: file, line: line)
      return nil
    }
    if n == 0 {
      let k = size ?? 0
      let values = Lax.full([k], scalar(fillValue ?? 0, flat.dtype))
      let empty = Lax.full([k], convert(Tensor(weak: 0), to: .defaultInt, weak: false))
      return UniqueResult(values: values, indices: empty, inverseIndices: Lax.reshape(Lax.full([0], convert(Tensor(weak: 0), to: .defaultInt, weak: false)), x.shape), counts: empty)
    }
    // Complex too: like JAX's _unique_sorted_mask, every value with a NaN
    // part becomes nan+0j before sorting, so all of them sort last together.
    let isFloat = flat.dtype.isInexact
    let aux0 = isFloat ? Lax.select(Lax.ne(flat, flat), Lax.broadcastInDim(scalar(.nan, flat.dtype), shape: [n], broadcastDimensions: []), flat) : flat
    let sorted = Lax.sort([aux0, Lax.iota(.defaultInt, shape: [n])], dimension: 0, numKeys: 1)
    let (aux, perm) = (sorted[0], sorted[1])
    let (head, tail) = (Lax.sliceInDim(aux, start: 1, limit: n, axis: 0), Lax.sliceInDim(aux, start: 0, limit: n - 1, axis: 0))
    var differ = Lax.ne(head, tail)
    if isFloat && equalNaN { differ = Lax.and(differ, Lax.not(Lax.and(Lax.ne(head, head), Lax.ne(tail, tail)))) }
    let mask = Lax.concatenate([Lax.reshape(Tensor(true), [1]), differ], dimension: 0)
    let ind: Tensor
    if let size {
      ind = nonzero(mask, size: size, file: file, line: line)[0]
    } else {
      guard mask.concrete != nil else {
        _ = fail(.concretization, op, "the number of unique values depends on the data; pass size: to use it under jit", file: file, line: line)
        return nil
      }
      ind = nonzero(mask, file: file, line: line)[0]
    }
    let k = ind.count
    var values = Lax.indexTake(aux, [ind], axes: [0])
    let total = Lax.reduceSum(Lax.convertElementType(mask, .defaultInt), axes: [0])
    if size != nil, let fillValue {
      let valid = Lax.lt(Lax.iota(.defaultInt, shape: [k]), total)
      values = Lax.select(valid, values, Lax.broadcastInDim(scalar(fillValue, values.dtype), shape: [k], broadcastDimensions: []))
    }
    let indices = Lax.indexTake(perm, [ind], axes: [0])
    let zerosN = Lax.broadcastInDim(convert(Tensor(weak: 0), to: .defaultInt, weak: false), shape: [n], broadcastDimensions: [])
    let imask = Lax.sub(Lax.cumulative(Lax.convertElementType(mask, .defaultInt), .sum, axis: 0), convert(Tensor(weak: 1), to: .defaultInt, weak: false))
    let inverse = Lax.reshape(scatterSet1D(zerosN, perm, imask), x.shape)
    // Counts: differences of the first-occurrence positions, the end
    // standing in for the padding.
    let ends = size.map { nonzero(mask, size: $0 + 1, file: file, line: line)[0] } ?? concatenate([ind, Lax.reshape(convert(Tensor(weak: n), to: ind.dtype, weak: false), [1])])
    let endsTail = Lax.sliceInDim(ends, start: 1, limit: k + 1, axis: 0)
    let nT = convert(Tensor(weak: n), to: ends.dtype, weak: false)
    let fixed = size == nil ? endsTail : Lax.select(Lax.ne(endsTail, convert(Tensor(weak: 0), to: ends.dtype, weak: false)), endsTail, Lax.broadcastInDim(nT, shape: [k], broadcastDimensions: []))
    let starts = Lax.concatenate([Lax.sliceInDim(ends, start: 0, limit: Swift.min(1, k), axis: 0), Lax.sliceInDim(fixed, start: 0, limit: Swift.max(k - 1, 0), axis: 0)], dimension: 0)
    let counts = Lax.sub(fixed, starts)
    return UniqueResult(values: values, indices: indices, inverseIndices: inverse, counts: counts)
  }
}
