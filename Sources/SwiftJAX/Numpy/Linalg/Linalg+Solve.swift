// LU factorisation with partial pivoting, and what it gives: det, solve,
// inv. The elimination loop runs over the static matrix size in Swift; the
// pivot row is data-dependent, so row swaps are selects against a one-hot
// mask rather than Swift control flow (this keeps it traceable).

extension Linalg {
  /// Gaussian elimination with partial pivoting of `a: [..., n, n]`,
  /// applying the same row operations to the extra columns of `aug`
  /// (`[..., n, k]`, may have k = 0). Returns the upper-triangular factor,
  /// the transformed right-hand side and the permutation's sign.
  static func eliminate(_ a: Tensor, _ aug: Tensor, file: StaticString, line: UInt) -> (u: Tensor, rhs: Tensor, sign: Tensor) {
    let n = a.shape[a.rank - 1]
    let d = a.dtype
    let k = aug.shape[aug.rank - 1]
    var m = Lax.concatenate([a, aug], dimension: a.rank - 1, file: file, line: line)
    let batch = Array(a.shape.dropLast(2))
    let rowIdx = Lax.iota(.int32, shape: batch + [n, n + k], dimension: a.rank - 2, file: file, line: line)
    var sign = Numpy.ones(batch, dtype: d, file: file, line: line)
    let zero = Numpy.scalar(0, d)
    for j in 0..<n {
      // Pivot: the largest |m[i, j]| for i >= j (rows above are masked).
      let column = Lax.squeeze(col(m, j, file: file, line: line), dimensions: [m.rank - 1], file: file, line: line)
      let above = Lax.lt(Lax.iota(.int32, shape: column.shape, dimension: column.rank - 1, file: file, line: line), Numpy.scalar(Double(j), .int32), file: file, line: line)
      let candidates = Lax.select(above, Numpy.full(column.shape, Numpy.scalar(-1, d), file: file, line: line), Lax.abs(column, file: file, line: line), file: file, line: line)
      let p = Lax.argmax(candidates, axis: column.rank - 1, indexDType: .int32, file: file, line: line)
      let pb = Lax.broadcastInDim(p, shape: rowIdx.shape, broadcastDimensions: Array(0..<batch.count), file: file, line: line)
      let isP = Lax.eq(rowIdx, pb, file: file, line: line)
      let isJ = Lax.eq(rowIdx, Numpy.scalar(Double(j), .int32), file: file, line: line)
      // The pivot row, extracted with the one-hot mask.
      let rowP = Lax.reduceSum(Lax.select(isP, m, Numpy.zerosLike(m, file: file, line: line), file: file, line: line), axes: [m.rank - 2], file: file, line: line)
      let rowJ = Lax.squeeze(row(m, j, file: file, line: line), dimensions: [m.rank - 2], file: file, line: line)
      let bP = Lax.broadcastInDim(rowP, shape: m.shape, broadcastDimensions: Array(0..<batch.count) + [m.rank - 1], file: file, line: line)
      let bJ = Lax.broadcastInDim(rowJ, shape: m.shape, broadcastDimensions: Array(0..<batch.count) + [m.rank - 1], file: file, line: line)
      m = Lax.select(isJ, bP, Lax.select(isP, bJ, m, file: file, line: line), file: file, line: line)
      let swapped = Lax.ne(p, Numpy.scalar(Double(j), .int32), file: file, line: line)
      sign = Lax.select(swapped, Lax.neg(sign, file: file, line: line), sign, file: file, line: line)
      // Eliminate below the pivot; a zero pivot (singular matrix) leaves
      // the column as it is, like LAPACK's getrf.
      let pivotRow = bP
      let pivot = Lax.squeeze(Lax.sliceInDim(rowP, start: j, limit: j + 1, axis: rowP.rank - 1, file: file, line: line), dimensions: [rowP.rank - 1], file: file, line: line)
      let colJ = Lax.squeeze(col(m, j, file: file, line: line), dimensions: [m.rank - 1], file: file, line: line)
      let safePivot = Lax.select(Lax.eq(pivot, zero, file: file, line: line), Numpy.onesLike(pivot, file: file, line: line), pivot, file: file, line: line)
      var factors = Lax.div(colJ, Lax.broadcastInDim(safePivot, shape: colJ.shape, broadcastDimensions: Array(0..<batch.count), file: file, line: line), file: file, line: line)
      let below = Lax.gt(Lax.iota(.int32, shape: colJ.shape, dimension: colJ.rank - 1, file: file, line: line), Numpy.scalar(Double(j), .int32), file: file, line: line)
      factors = Lax.select(below, factors, Numpy.zerosLike(factors, file: file, line: line), file: file, line: line)
      let fb = Lax.broadcastInDim(factors, shape: m.shape, broadcastDimensions: Array(0..<(batch.count + 1)), file: file, line: line)
      m = Lax.sub(m, Lax.mul(fb, pivotRow, file: file, line: line), file: file, line: line)
    }
    let u = Lax.sliceInDim(m, start: 0, limit: n, axis: m.rank - 1, file: file, line: line)
    let rhs = Lax.sliceInDim(m, start: n, limit: n + k, axis: m.rank - 1, file: file, line: line)
    return (u, rhs, sign)
  }

  /// `jnp.linalg.det`: the determinant, via LU with partial pivoting.
  ///
  /// ```swift
  /// Linalg.det(jnp.array([[1.0, 2.0], [3.0, 4.0]]))   // -2.0
  /// ```
  public static func det(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !checkSquare(a, "det", file: file, line: line) { return .invalid }
    let x = Numpy.toInexact(a, file: file, line: line)
    let empty = Numpy.zeros(Array(x.shape.dropLast()) + [0], dtype: x.dtype, file: file, line: line)
    let (u, _, sign) = eliminate(x, empty, file: file, line: line)
    let diag = Numpy.diagonal(u, axis1: -2, axis2: -1, file: file, line: line)
    return Lax.mul(sign, Lax.reduceProd(diag, axes: [diag.rank - 1], file: file, line: line), file: file, line: line)
  }

  /// `jnp.linalg.solve`: `x` with `a @ x == b`. `b` is a vector
  /// (`[..., n]`, when it has one axis fewer than `a`) or a matrix of
  /// right-hand sides (`[..., n, k]`); batch axes broadcast.
  ///
  /// ```swift
  /// Linalg.solve(jnp.array([[3.0, 1.0], [1.0, 2.0]]), jnp.array([9.0, 8.0]))   // [2., 3.]
  /// ```
  public static func solve(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(a, b) || !checkSquare(a, "solve", file: file, line: line) { return .invalid }
    let n = a.shape[a.rank - 1]
    let vector = b.rank == 1 || b.rank == a.rank - 1
    let bm = vector ? Lax.expandDims(b, dimensions: [b.rank], file: file, line: line) : b
    if bm.rank < 2 || bm.shape[bm.rank - 2] != n {
      return Numpy.fail(.shape, "solve", "incompatible shapes: a \(shapeString(a.shape)) needs b of shape [..., \(n)] or [..., \(n), k], got \(shapeString(b.shape))", file: file, line: line)
    }
    guard let batch = Numpy.broadcastShapes([Array(a.shape.dropLast(2)), Array(bm.shape.dropLast(2))]) else {
      return Numpy.fail(.shape, "solve", "batch dimensions of a \(shapeString(a.shape)) and b \(shapeString(b.shape)) cannot be broadcast", file: file, line: line)
    }
    let ab = Numpy.promoteDTypes([a, bm], file: file, line: line).map { Numpy.toInexact($0, file: file, line: line) }
    let x = Numpy.broadcastTo(ab[0], batch + [n, n], file: file, line: line)
    let k = bm.shape[bm.rank - 1]
    let y = Numpy.broadcastTo(ab[1], batch + [n, k], file: file, line: line)
    let (u, rhs, _) = eliminate(x, y, file: file, line: line)
    // Back substitution, last row first.
    var rows = [Tensor](repeating: .invalid, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      var r = row(rhs, i, file: file, line: line)
      for j in (i + 1)..<Swift.max(i + 1, n) where j < n {
        let uij = Lax.sliceInDim(row(u, i, file: file, line: line), start: j, limit: j + 1, axis: u.rank - 1, file: file, line: line)
        r = Lax.sub(r, Lax.mul(Lax.broadcastInDim(uij, shape: r.shape, broadcastDimensions: Array(0..<r.rank), file: file, line: line), rows[j], file: file, line: line), file: file, line: line)
      }
      let uii = Lax.sliceInDim(row(u, i, file: file, line: line), start: i, limit: i + 1, axis: u.rank - 1, file: file, line: line)
      rows[i] = Lax.div(r, Lax.broadcastInDim(uii, shape: r.shape, broadcastDimensions: Array(0..<r.rank), file: file, line: line), file: file, line: line)
    }
    let out = n == 0 ? y : Lax.concatenate(rows, dimension: u.rank - 2, file: file, line: line)
    return vector ? Lax.squeeze(out, dimensions: [out.rank - 1], file: file, line: line) : out
  }

  /// `jnp.linalg.inv`: the inverse, solving against the identity.
  ///
  /// ```swift
  /// Linalg.inv(jnp.array([[2.0, 0.0], [0.0, 4.0]]))   // [[0.5, 0], [0, 0.25]]
  /// ```
  public static func inv(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !checkSquare(a, "inv", file: file, line: line) { return .invalid }
    let x = Numpy.toInexact(a, file: file, line: line)
    let n = x.shape[x.rank - 1]
    let eye = Numpy.broadcastTo(Numpy.eye(n, dtype: x.dtype, file: file, line: line), x.shape, file: file, line: line)
    return solve(x, eye, file: file, line: line)
  }
}
