// Batched vector/matrix helpers from the array API standard
// (`jnp.matrix_transpose`, `vecdot`, `matvec`, `vecmat`, `unstack`) and
// small constructions (`ediff1d`, `diagflat`, `vander`).

extension Numpy {
  /// `jnp.matrix_transpose`: swaps the last two axes.
  ///
  /// ```swift
  /// jnp.matrixTranspose(jnp.zeros([5, 2, 3])).shape   // [5, 3, 2]
  /// ```
  public static func matrixTranspose(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    if x.rank < 2 { return fail(.shape, "matrix_transpose", "x must be at least two-dimensional, got shape \(shapeString(x.shape))", file: file, line: line) }
    return Lax.transpose(x, Array(0..<(x.rank - 2)) + [x.rank - 1, x.rank - 2], file: file, line: line)
  }

  /// `jnp.vecdot`: dot products of the vectors along `axis`, broadcasting
  /// the other axes (real inputs; the dtype is the promoted one, as a dot).
  ///
  /// ```swift
  /// jnp.vecdot(jnp.ones([4, 3]), jnp.array([1.0, 2.0, 3.0]))   // [6, 6, 6, 6]
  /// ```
  public static func vecdot(_ a: Tensor, _ b: Tensor, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    guard let ia = normalizeAxis(axis, rank: a.rank, "vecdot", file: file, line: line),
      let ib = normalizeAxis(axis, rank: b.rank, "vecdot", file: file, line: line)
    else { return .invalid }
    if a.shape[ia] != b.shape[ib] {
      return fail(.shape, "vecdot", "axes must match; got shapes \(shapeString(a.shape)) and \(shapeString(b.shape)) with axis \(axis)", file: file, line: line)
    }
    let x = moveaxis(a, source: ia, destination: -1, file: file, line: line), y = moveaxis(b, source: ib, destination: -1, file: file, line: line)
    // [..., 1, n] @ [..., n, 1] -> [..., 1, 1]: matmul broadcasts the batch axes.
    let r = matmul(expandDims(x, axis: -2, file: file, line: line), expandDims(y, axis: -1, file: file, line: line), file: file, line: line)
    if r.isInvalid { return .invalid }
    return Lax.squeeze(r, dimensions: [r.rank - 2, r.rank - 1], file: file, line: line)
  }

  /// `jnp.matvec`: matrix-vector products `x1 @ x2` over broadcast batches
  /// (`[..., n, m]` with `[..., m]` gives `[..., n]`).
  ///
  /// ```swift
  /// jnp.matvec(jnp.eye(2), jnp.array([3.0, 4.0]))   // [3, 4]
  /// ```
  public static func matvec(_ m: Tensor, _ v: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(m, v) { return .invalid }
    if m.rank < 2 || v.rank < 1 {
      return fail(.shape, "matvec", "needs a matrix and a vector, got shapes \(shapeString(m.shape)) and \(shapeString(v.shape))", file: file, line: line)
    }
    let r = matmul(m, expandDims(v, axis: -1, file: file, line: line), file: file, line: line)
    return r.isInvalid ? r : Lax.squeeze(r, dimensions: [r.rank - 1], file: file, line: line)
  }

  /// `jnp.vecmat`: vector-matrix products `x1 @ x2` over broadcast batches
  /// (`[..., n]` with `[..., n, m]` gives `[..., m]`).
  ///
  /// ```swift
  /// jnp.vecmat(jnp.array([1.0, 2.0]), jnp.array([[1.0, 0.0], [1.0, 1.0]]))   // [3, 2]
  /// ```
  public static func vecmat(_ v: Tensor, _ m: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(v, m) { return .invalid }
    if m.rank < 2 || v.rank < 1 {
      return fail(.shape, "vecmat", "needs a vector and a matrix, got shapes \(shapeString(v.shape)) and \(shapeString(m.shape))", file: file, line: line)
    }
    let r = matmul(expandDims(v, axis: -2, file: file, line: line), m, file: file, line: line)
    return r.isInvalid ? r : Lax.squeeze(r, dimensions: [r.rank - 2], file: file, line: line)
  }

  /// `jnp.unstack`: the slices along `axis`, each without that axis.
  ///
  /// ```swift
  /// jnp.unstack(jnp.array([[1, 2], [3, 4]]))   // [[1, 2], [3, 4]] as two tensors
  /// ```
  public static func unstack(_ x: Tensor, axis: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = normalizeAxis(axis, rank: x.rank, "unstack", file: file, line: line) else { return [.invalid] }
    return (0..<x.shape[a]).map {
      Lax.squeeze(Lax.sliceInDim(x, start: $0, limit: $0 + 1, axis: a, file: file, line: line), dimensions: [a], file: file, line: line)
    }
  }

  /// `jnp.ediff1d`: differences of consecutive elements of the flattened
  /// input, with optional values before and after (cast to its dtype).
  ///
  /// ```swift
  /// jnp.ediff1d(jnp.array([1, 4, 9]), toBegin: jnp.array(0))   // [0, 3, 5]
  /// ```
  public static func ediff1d(_ x: Tensor, toEnd: Tensor? = nil, toBegin: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid || toEnd?.isInvalid == true || toBegin?.isInvalid == true { return .invalid }
    let flat = ravel(x, file: file, line: line)
    let n = flat.shape[0]
    var r = Lax.sub(Lax.sliceInDim(flat, start: Swift.min(1, n), limit: n, axis: 0, file: file, line: line), Lax.sliceInDim(flat, start: 0, limit: Swift.max(n - 1, 0), axis: 0, file: file, line: line), file: file, line: line)
    let cast = { (t: Tensor) in ravel(convert(t, to: flat.dtype, weak: false, file: file, line: line), file: file, line: line) }
    if let toBegin { r = concatenate([cast(toBegin), r], axis: 0, file: file, line: line) }
    if let toEnd { r = concatenate([r, cast(toEnd)], axis: 0, file: file, line: line) }
    return r
  }

  /// `jnp.diagflat`: a 2-D array with the flattened input on diagonal `k`.
  ///
  /// ```swift
  /// jnp.diagflat(jnp.array([[1, 2]]), k: 1)   // [[0, 1, 0], [0, 0, 2], [0, 0, 0]]
  /// ```
  public static func diagflat(_ v: Tensor, k: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if v.isInvalid { return .invalid }
    return diag(ravel(v, file: file, line: line), k: k, file: file, line: line)
  }

  /// `jnp.vander`: the Vandermonde matrix of the 1-D `x`, columns
  /// `x^(N-1), ..., x^0` (or increasing powers).
  ///
  /// ```swift
  /// jnp.vander(jnp.array([1, 2, 3]), n: 3)   // [[1, 1, 1], [4, 2, 1], [9, 3, 1]]
  /// ```
  public static func vander(_ x: Tensor, n: Int? = nil, increasing: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    if x.rank != 1 { return fail(.shape, "vander", "x must be a one-dimensional array, got shape \(shapeString(x.shape))", file: file, line: line) }
    let cols = n ?? x.shape[0]
    if cols < 0 { return fail(.value, "vander", "N must be non-negative, got \(cols)", file: file, line: line) }
    // JAX's complex iota holds the integers with zero imaginary parts: the
    // real iota, converted.
    var powers = x.dtype.isComplex
      ? Lax.convertElementType(Lax.iota(x.dtype.realPart, shape: [cols], file: file, line: line), x.dtype, file: file, line: line)
      : Lax.iota(x.dtype, shape: [cols], file: file, line: line)
    if !increasing { powers = Lax.sub(scalar(Double(cols - 1), x.dtype), powers, file: file, line: line) }
    return power(expandDims(x, axis: -1, file: file, line: line), expandDims(powers, axis: 0, file: file, line: line), file: file, line: line)
  }
}
