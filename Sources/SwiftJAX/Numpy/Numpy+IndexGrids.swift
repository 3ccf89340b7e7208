// Index arrays for static shapes (`jnp.indices`, `tril_indices`,
// `triu_indices`, `diag_indices`, `unravel_index`), in the default int type.

extension Numpy {
  /// `jnp.indices`: a `[rank, d0, d1, ...]` array whose slice `i` holds
  /// each element's coordinate along axis `i`.
  ///
  /// ```swift
  /// jnp.indices([2, 3])[1]   // [[0, 1, 2], [0, 1, 2]]
  /// ```
  public static func indices(_ dimensions: [Int], dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if let e = validateShape(dimensions, "indices") { return fail(e.kind, "indices", e.message, file: file, line: line) }
    let d = dtype?.canonical ?? .defaultInt
    let grids = dimensions.indices.map { Lax.iota(d, shape: dimensions, dimension: $0, file: file, line: line) }
    if grids.isEmpty { return zeros([0], dtype: d, file: file, line: line) }
    return stack(grids, axis: 0, file: file, line: line)
  }

  /// Row and column indices of the cells of an `n × m` matrix kept by `keep(i, j)`.
  private static func matrixIndices(_ n: Int, _ m: Int, file: StaticString, line: UInt, _ keep: (Int, Int) -> Bool) -> (Tensor, Tensor) {
    var rows: [Int64] = [], cols: [Int64] = []
    for i in 0..<Swift.max(n, 0) { for j in 0..<Swift.max(m, 0) where keep(i, j) { rows.append(Int64(i)); cols.append(Int64(j)) } }
    let t = { (v: [Int64]) in Tensor(v, shape: [v.count], dtype: .defaultInt, file: file, line: line) }
    return (t(rows), t(cols))
  }

  /// `jnp.tril_indices`: the indices of the lower triangle (at or below
  /// diagonal `k`) of an `n × m` matrix (`m` defaults to `n`).
  ///
  /// ```swift
  /// jnp.trilIndices(3)   // ([0, 1, 1, 2, 2, 2], [0, 0, 1, 0, 1, 2])
  /// ```
  public static func trilIndices(_ n: Int, k: Int = 0, m: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
    matrixIndices(n, m ?? n, file: file, line: line) { i, j in j - i <= k }
  }

  /// `jnp.triu_indices`: the indices of the upper triangle (at or above
  /// diagonal `k`) of an `n × m` matrix.
  ///
  /// ```swift
  /// jnp.triuIndices(3, k: 1)   // ([0, 0, 1], [1, 2, 2])
  /// ```
  public static func triuIndices(_ n: Int, k: Int = 0, m: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
    matrixIndices(n, m ?? n, file: file, line: line) { i, j in j - i >= k }
  }

  /// `jnp.tril_indices_from`: ``trilIndices(_:k:m:file:line:)`` for the shape of a 2-D array.
  /// Example: `jnp.trilIndicesFrom(jnp.zeros([2, 3]))`
  public static func trilIndicesFrom(_ x: Tensor, k: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
    guard x.rank == 2 else { report(.shape, "tril_indices_from", "input must be 2-D, got shape \(shapeString(x.shape))", file: file, line: line); return (.invalid, .invalid) }
    return trilIndices(x.shape[0], k: k, m: x.shape[1], file: file, line: line)
  }

  /// `jnp.triu_indices_from`: ``triuIndices(_:k:m:file:line:)`` for the shape of a 2-D array.
  /// Example: `jnp.triuIndicesFrom(jnp.zeros([3, 3]), k: 1)`
  public static func triuIndicesFrom(_ x: Tensor, k: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> (Tensor, Tensor) {
    guard x.rank == 2 else { report(.shape, "triu_indices_from", "input must be 2-D, got shape \(shapeString(x.shape))", file: file, line: line); return (.invalid, .invalid) }
    return triuIndices(x.shape[0], k: k, m: x.shape[1], file: file, line: line)
  }

  /// `jnp.diag_indices`: `ndim` copies of `0..<n`, indexing the main
  /// diagonal of an `n × ... × n` array.
  ///
  /// ```swift
  /// jnp.diagIndices(3)   // ([0, 1, 2], [0, 1, 2])
  /// ```
  public static func diagIndices(_ n: Int, ndim: Int = 2, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if n < 0 || ndim < 0 {
      report(.value, "diag_indices", "n and ndim must be non-negative, got n \(n), ndim \(ndim)", file: file, line: line)
      return [.invalid]
    }
    return Array(repeating: Lax.iota(.defaultInt, shape: [n], file: file, line: line), count: ndim)
  }

  /// `jnp.diag_indices_from`: ``diagIndices(_:ndim:file:line:)`` for an
  /// array whose axes all have the same length. Example: `jnp.diagIndicesFrom(jnp.eye(3))`
  public static func diagIndicesFrom(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.rank < 2 || Set(x.shape).count != 1 {
      report(.shape, "diag_indices_from", "input must be at least 2-D with all dimensions equal, got shape \(shapeString(x.shape))", file: file, line: line)
      return [.invalid]
    }
    return diagIndices(x.shape[0], ndim: x.rank, file: file, line: line)
  }

  /// `jnp.unravel_index`: converts flat indices into coordinates of an
  /// array of `shape`. Out-of-range indices are clamped into the array
  /// (JAX's behaviour; NumPy raises).
  ///
  /// ```swift
  /// jnp.unravelIndex(jnp.array([5, 1]), [2, 3])   // ([1, 0], [2, 1])
  /// ```
  public static func unravelIndex(_ indices: Tensor, _ shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if indices.isInvalid { return [.invalid] }
    if !indices.dtype.isInteger { report(.dtype, "unravel_index", "indices must be integers, got \(indices.dtype)", file: file, line: line); return [.invalid] }
    var rest = indices
    var out = [Tensor](repeating: .invalid, count: shape.count)
    for (i, s) in shape.enumerated().reversed() {
      (rest, out[i]) = divmod(rest, Tensor(weak: s), file: file, line: line)
    }
    let above = Lax.gt(rest, scalar(0, rest.dtype), file: file, line: line)
    let below = indices.dtype.isUnsignedInteger ? nil : Lax.lt(rest, scalar(-1, rest.dtype), file: file, line: line)
    return zip(shape, out).map { s, c in
      let low = below.map { `where`($0, Tensor(weak: 0), c, file: file, line: line) } ?? c
      return `where`(above, Tensor(weak: s - 1), low, file: file, line: line)
    }
  }
}
