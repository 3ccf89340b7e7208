/// `jnp.put_along_axis` (the `inplace=False` form, the only one JAX
/// allows) and `jnp.insert` with static positions.
extension Numpy {
  /// `jnp.put_along_axis`: a copy of `a` with `values` written at
  /// `indices` along `axis` (the inverse of ``takeAlongAxis(_:_:axis:mode:file:line:)``).
  /// Negative indices count from the end; out-of-range ones are dropped;
  /// a size-1 index dimension applies to every position of that dimension.
  ///
  /// ```swift
  /// let m = jnp.zeros([2, 3])
  /// jnp.putAlongAxis(m, Tensor([2, 0] as [Int32], shape: [2, 1]), jnp.array(1.0), axis: 1)   // [[0 0 1] [1 0 0]]
  /// ```
  /// - Parameters:
  ///   - a: the array.
  ///   - indices: integer indices, of `a`'s rank (1-D when `axis` is nil).
  ///   - values: broadcastable to `indices`' shape.
  ///   - axis: the axis to index, or nil for the flattened array.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func putAlongAxis(
    _ a: Tensor, _ indices: Tensor, _ values: Tensor, axis: Int?, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if anyInvalid(a, indices, values) { return .invalid }
    if !indices.dtype.isInteger { return fail(.dtype, "put_along_axis", "indices must be integers, got \(indices.dtype)", file: file, line: line) }
    let arr = axis == nil ? ravel(a, file: file, line: line) : a
    if arr.rank != indices.rank {
      return fail(.shape, "put_along_axis", "a and indices must have the same number of dimensions, got \(shapeString(arr.shape)) and \(shapeString(indices.shape))", file: file, line: line)
    }
    guard let ax = normalizeAxis(axis ?? 0, rank: arr.rank, "put_along_axis", file: file, line: line) else { return .invalid }
    guard broadcastShapes([values.shape, indices.shape]) == indices.shape else {
      return fail(.shape, "put_along_axis", "values of shape \(shapeString(values.shape)) must be broadcastable to indices of shape \(shapeString(indices.shape))", file: file, line: line)
    }
    // The index grid: `indices` along `ax`, an iota along every other axis.
    var shape = indices.shape
    for d in 0..<arr.rank where d != ax {
      guard let b = broadcastShapes([[indices.shape[d]], [arr.shape[d]]]) else {
        return fail(.shape, "put_along_axis", "indices of shape \(shapeString(indices.shape)) do not broadcast with a of shape \(shapeString(arr.shape)) outside axis \(ax)", file: file, line: line)
      }
      shape[d] = b[0]
    }
    let n = arr.shape[ax]
    // The flat index needs the canonical 64-bit integer (32-bit without x64).
    let wide = astype(indices, .int64, file: file, line: line)
    let it = wide.dtype
    let idx = wrapNegative(broadcastTo(wide, shape, file: file, line: line), n, file: file, line: line)
    var flat = Lax.full(shape, scalar(0, it), file: file, line: line)
    var stride = 1
    for d in (0..<arr.rank).reversed() {
      let coordinate = d == ax ? idx : Lax.iota(it, shape: shape, dimension: d, file: file, line: line)
      flat = Lax.add(flat, Lax.mul(coordinate, scalar(Double(stride), it), file: file, line: line), file: file, line: line)
      stride *= arr.shape[d]
    }
    // An index outside the axis must be dropped, not alias another row.
    let inside = Lax.and(Lax.ge(idx, scalar(0, it), file: file, line: line), Lax.lt(idx, scalar(Double(n), it), file: file, line: line), file: file, line: line)
    flat = Lax.select(inside, flat, Lax.full(shape, scalar(Double(arr.count), it), file: file, line: line), file: file, line: line)
    let v = broadcastTo(broadcastTo(values, indices.shape, file: file, line: line), shape, file: file, line: line)
    if flat.count == 0 || arr.count == 0 { return a }
    let out = ravel(arr, file: file, line: line).at[ravel(flat, file: file, line: line)].set(ravel(v, file: file, line: line), file: file, line: line)
    return reshape(out, a.shape, file: file, line: line)
  }

  /// `jnp.insert` at one position: `values` inserted before index `index`
  /// along `axis` (nil: the flattened array). A scalar position takes the
  /// values' first axis as the inserted rows, as NumPy does.
  ///
  /// ```swift
  /// jnp.insert(jnp.array([1, 2, 3]), 1, jnp.array([9, 8]))   // [1 9 8 2 3]
  /// ```
  /// - Parameters:
  ///   - a: the array.
  ///   - index: the position to insert before (negative counts from the end).
  ///   - values: the values, converted to `a`'s dtype.
  ///   - axis: the axis, or nil for the flattened array.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func insert(_ a: Tensor, _ index: Int, _ values: Tensor, axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    insertImpl(a, [index], scalarIndex: true, values, axis: axis, file: file, line: line)
  }

  /// `jnp.insert` at several positions: `values[j]` (along `axis`) goes
  /// before `indices[j]`; positions refer to the original array.
  ///
  /// ```swift
  /// jnp.insert(jnp.array([1, 2, 3]), indices: [0, 3], jnp.array([7, 9]))   // [7 1 2 3 9]
  /// ```
  /// - Parameters:
  ///   - a: the array.
  ///   - indices: the positions (negative count from the end).
  ///   - values: one value (or slice) per position, or one for all.
  ///   - axis: the axis, or nil for the flattened array.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func insert(_ a: Tensor, indices: [Int], _ values: Tensor, axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    insertImpl(a, indices, scalarIndex: false, values, axis: axis, file: file, line: line)
  }

  /// JAX's insert with static positions: the output is `a` and the values
  /// concatenated along the axis, then permuted into place.
  private static func insertImpl(
    _ a: Tensor, _ indices: [Int], scalarIndex: Bool, _ values: Tensor, axis: Int?, file: StaticString, line: UInt
  ) -> Tensor {
    if anyInvalid(a, values) { return .invalid }
    let arr = axis == nil ? ravel(a, file: file, line: line) : a
    guard let ax = normalizeAxis(axis ?? 0, rank: arr.rank, "insert", file: file, line: line) else { return .invalid }
    if values.rank > arr.rank {
      return fail(.shape, "insert", "values of shape \(shapeString(values.shape)) have more dimensions than the array \(shapeString(arr.shape))", file: file, line: line)
    }
    // np.array(values, ndmin=a.ndim): leading unit dimensions.
    var v = reshape(convert(values, to: arr.dtype, weak: false, file: file, line: line), [Int](repeating: 1, count: arr.rank - values.rank) + values.shape, file: file, line: line)
    var positions = indices
    if indices.count == 1 {
      if scalarIndex { v = moveaxis(v, source: 0, destination: ax, file: file, line: line) }
      positions = [Int](repeating: indices[0], count: v.shape[ax])
    }
    let nInput = arr.shape[ax]
    guard let nInsert = broadcastShapes([[positions.count], [v.shape[ax]]])?.first else {
      return fail(.shape, "insert", "\(positions.count) positions but values of shape \(shapeString(values.shape)) along axis \(ax)", file: file, line: line)
    }
    var rows = arr.shape
    rows[ax] = nInsert
    guard broadcastShapes([v.shape, rows]) == rows else {
      return fail(.shape, "insert", "values of shape \(shapeString(values.shape)) do not broadcast to the inserted shape \(shapeString(rows))", file: file, line: line)
    }
    let clipped = positions.map { Swift.min(Swift.max($0 < 0 ? $0 + nInput : $0, 0), nInput) }
    // Value j lands at its position plus the number of values placed
    // before it (a stable order of the positions).
    var valueSlot = [Int](repeating: 0, count: nInsert)
    for (rank, j) in clipped.indices.sorted(by: { (clipped[$0], $0) < (clipped[$1], $1) }).enumerated() { valueSlot[j] = clipped[j] + rank }
    var source = [Int](repeating: -1, count: nInput + nInsert)
    for (j, slot) in valueSlot.enumerated() { source[slot] = nInput + j }
    var next = 0
    for p in source.indices where source[p] < 0 { source[p] = next; next += 1 }
    let joined = concatenate([arr, broadcastTo(v, rows, file: file, line: line)], axis: ax, file: file, line: line)
    return take(joined, Tensor(source.map { Int32($0) }, shape: [source.count]), axis: ax, file: file, line: line)
  }
}
