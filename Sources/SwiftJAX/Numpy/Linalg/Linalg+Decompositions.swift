// Cholesky and QR factorisations, unrolled over the static matrix size.

extension Linalg {
  /// `jnp.linalg.cholesky`: lower-triangular `L` with `L @ L.T == a` for
  /// a symmetric positive-definite `a` (the input is symmetrised first, as
  /// JAX does). A matrix that is not positive definite gives NaNs.
  ///
  /// ```swift
  /// Linalg.cholesky(jnp.array([[4.0, 2.0], [2.0, 3.0]]))   // [[2, 0], [1, 1.4142135]]
  /// ```
  public static func cholesky(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !checkSquare(a, "cholesky", file: file, line: line) { return .invalid }
    var x = Numpy.toInexact(a, file: file, line: line)
    x = Lax.mul(Lax.add(x, Numpy.swapaxes(x, -1, -2, file: file, line: line), file: file, line: line), Numpy.scalar(0.5, x.dtype), file: file, line: line)
    let n = x.shape[x.rank - 1]
    let r = x.rank
    let batchDims = Array(0..<(r - 2))
    // Column by column: c = a[:, j] - Σ_{k<j} L[:, k] * L[j, k];
    // L[j, j] = sqrt(c[j]); L[i, j] = c[i] / L[j, j] below the diagonal.
    var cols: [Tensor] = []
    let rowIota = Lax.iota(.int32, shape: Array(x.shape.dropLast()), dimension: r - 2, file: file, line: line)
    for j in 0..<n {
      var c = Lax.squeeze(col(x, j, file: file, line: line), dimensions: [r - 1], file: file, line: line)
      for (k, lk) in cols.enumerated() {
        let ljk = Lax.sliceInDim(lk, start: j, limit: j + 1, axis: r - 2, file: file, line: line)
        c = Lax.sub(c, Lax.mul(lk, Lax.broadcastInDim(ljk, shape: c.shape, broadcastDimensions: batchDims + [r - 2], file: file, line: line), file: file, line: line), file: file, line: line)
        _ = k
      }
      let cjj = Lax.sliceInDim(c, start: j, limit: j + 1, axis: r - 2, file: file, line: line)
      let d = Lax.sqrt(cjj, file: file, line: line)
      let db = Lax.broadcastInDim(d, shape: c.shape, broadcastDimensions: batchDims + [r - 2], file: file, line: line)
      var lj = Lax.div(c, db, file: file, line: line)
      lj = Lax.select(Lax.eq(rowIota, Numpy.scalar(Double(j), .int32), file: file, line: line), db, lj, file: file, line: line)
      lj = Lax.select(Lax.lt(rowIota, Numpy.scalar(Double(j), .int32), file: file, line: line), Numpy.zerosLike(lj, file: file, line: line), lj, file: file, line: line)
      cols.append(lj)
    }
    if n == 0 { return x }
    return Numpy.stack(cols, axis: -1, file: file, line: line)
  }

  /// `jnp.linalg.qr`: `a = q @ r` with orthonormal columns in `q` and
  /// upper-triangular `r`, by Householder reflections with LAPACK's sign
  /// convention (so results match JAX's). `reduced` (default) gives
  /// `q: [..., m, k]`, `r: [..., k, n]` with `k = min(m, n)`; otherwise
  /// `q` is square.
  ///
  /// ```swift
  /// let (q, r) = Linalg.qr(a)
  /// ```
  public static func qr(_ a: Tensor, reduced: Bool = true, file: StaticString = #fileID, line: UInt = #line) -> (q: Tensor, r: Tensor) {
    if a.isInvalid { return (.invalid, .invalid) }
    if a.rank < 2 {
      Numpy.report(.shape, "qr", "expected a matrix (or a batch of them) with shape [..., m, n], got \(shapeString(a.shape))", file: file, line: line)
      return (.invalid, .invalid)
    }
    var r = Numpy.toInexact(a, file: file, line: line)
    let d = r.dtype
    let rank = r.rank
    let (m, n) = (r.shape[rank - 2], r.shape[rank - 1])
    let batch = Array(r.shape.dropLast(2))
    let bd = Array(0..<batch.count)
    var q = Numpy.broadcastTo(Numpy.eye(m, dtype: d, file: file, line: line), batch + [m, m], file: file, line: line)
    let iota = Lax.iota(.int32, shape: batch + [m], dimension: batch.count, file: file, line: line)
    let zero = Numpy.scalar(0, d), one = Numpy.scalar(1, d)
    func bcast(_ s: Tensor, _ shape: [Int]) -> Tensor { Lax.broadcastInDim(s, shape: shape, broadcastDimensions: bd, file: file, line: line) }
    for k in 0..<Swift.min(m, n) {
      let x = Lax.squeeze(col(r, k, file: file, line: line), dimensions: [rank - 1], file: file, line: line)  // [..., m]
      let kk = Numpy.scalar(Double(k), .int32)
      let isK = Lax.eq(iota, kk, file: file, line: line), belowK = Lax.gt(iota, kk, file: file, line: line)
      let alpha = Lax.reduceSum(Lax.select(isK, x, Numpy.zerosLike(x), file: file, line: line), axes: [batch.count], file: file, line: line)
      let tail = Lax.select(belowK, x, Numpy.zerosLike(x), file: file, line: line)
      let xnorm2 = Lax.reduceSum(Lax.square(tail, file: file, line: line), axes: [batch.count], file: file, line: line)
      // LAPACK's dlarfg: beta = -sign(alpha) * ||x[k:]||, tau = (beta - alpha) / beta,
      // v = x / (alpha - beta) with v[k] = 1; no reflection when the tail is zero.
      let noReflect = Lax.eq(xnorm2, zero, file: file, line: line)
      let norm = Lax.sqrt(Lax.add(Lax.square(alpha, file: file, line: line), xnorm2, file: file, line: line), file: file, line: line)
      let negAlpha = Lax.lt(alpha, zero, file: file, line: line)
      let beta = Lax.select(negAlpha, norm, Lax.neg(norm, file: file, line: line), file: file, line: line)
      let safeBeta = Lax.select(noReflect, Numpy.onesLike(beta), beta, file: file, line: line)
      let tau = Lax.select(noReflect, Numpy.zerosLike(beta), Lax.div(Lax.sub(beta, alpha, file: file, line: line), safeBeta, file: file, line: line), file: file, line: line)
      let denom = Lax.select(noReflect, Numpy.onesLike(beta), Lax.sub(alpha, beta, file: file, line: line), file: file, line: line)
      var v = Lax.div(tail, bcast(denom, batch + [m]), file: file, line: line)
      v = Lax.select(isK, Lax.broadcastInDim(one, shape: v.shape, broadcastDimensions: [], file: file, line: line), v, file: file, line: line)
      // r -= tau * v (vᵀ r);  q -= tau * (q v) vᵀ.
      let vtr = Lax.dotGeneral(v, r, DotDimensionNumbers(lhsContracting: [batch.count], rhsContracting: [rank - 2], lhsBatch: bd, rhsBatch: bd), file: file, line: line)  // [..., n]
      let outerR = Lax.mul(
        Lax.broadcastInDim(v, shape: r.shape, broadcastDimensions: bd + [rank - 2], file: file, line: line),
        Lax.broadcastInDim(vtr, shape: r.shape, broadcastDimensions: bd + [rank - 1], file: file, line: line), file: file, line: line)
      r = Lax.sub(r, Lax.mul(bcast(tau, r.shape), outerR, file: file, line: line), file: file, line: line)
      let qv = Lax.dotGeneral(q, v, DotDimensionNumbers(lhsContracting: [rank - 1], rhsContracting: [batch.count], lhsBatch: bd, rhsBatch: bd), file: file, line: line)  // [..., m]
      let outerQ = Lax.mul(
        Lax.broadcastInDim(qv, shape: q.shape, broadcastDimensions: bd + [rank - 2], file: file, line: line),
        Lax.broadcastInDim(v, shape: q.shape, broadcastDimensions: bd + [rank - 1], file: file, line: line), file: file, line: line)
      q = Lax.sub(q, Lax.mul(bcast(tau, q.shape), outerQ, file: file, line: line), file: file, line: line)
      // Exact zeros below the diagonal of column k, as LAPACK stores them.
      let rowIdx = Lax.iota(.int32, shape: r.shape, dimension: rank - 2, file: file, line: line)
      let colIdx = Lax.iota(.int32, shape: r.shape, dimension: rank - 1, file: file, line: line)
      let clear = Lax.and(Lax.eq(colIdx, kk, file: file, line: line), Lax.gt(rowIdx, kk, file: file, line: line), file: file, line: line)
      r = Lax.select(clear, Numpy.zerosLike(r), r, file: file, line: line)
    }
    let k = Swift.min(m, n)
    if reduced && k < m {
      q = Lax.sliceInDim(q, start: 0, limit: k, axis: rank - 1, file: file, line: line)
      r = Lax.sliceInDim(r, start: 0, limit: k, axis: rank - 2, file: file, line: line)
    }
    return (q, r)
  }
}
