// LU factorisation with partial pivoting in LAPACK's getrf layout, and
// triangular solves: the one elimination that det, slogdet, solve, inv and
// jax.scipy.linalg's lu/lu_factor/lu_solve all use. The loops run over the
// static matrix size in Swift; the pivot row is data-dependent, so row
// swaps are selects against a one-hot mask (this keeps it traceable and
// batchable).

extension Linalg {
  /// `a: [..., m, n]` → (packed `lu` with the unit-lower multipliers below
  /// the diagonal and `u` on and above it, LAPACK's `pivots` `[..., k]`
  /// (int32, row i was swapped with row pivots[i]), and the resulting row
  /// `permutation` `[..., m]`, so that `a[perm] == l @ u`).
  static func luPacked(_ a: Tensor, file: StaticString, line: UInt) -> (lu: Tensor, pivots: Tensor, permutation: Tensor) {
    let r = a.rank
    let (m, n) = (a.shape[r - 2], a.shape[r - 1])
    let batch = Array(a.shape.dropLast(2)), bd = Array(0..<batch.count)
    let d = a.dtype
    func iota(_ shape: [Int], _ dim: Int) -> Tensor { Lax.iota(.int32, shape: shape, dimension: dim, file: file, line: line) }
    func sel(_ c: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor { Lax.select(c, x, y, file: file, line: line) }
    func bcast(_ x: Tensor, _ shape: [Int], _ dims: [Int]) -> Tensor { Lax.broadcastInDim(x, shape: shape, broadcastDimensions: dims, file: file, line: line) }
    func idx(_ j: Int) -> Tensor { Numpy.scalar(Double(j), .int32) }
    let rowIdx = iota(a.shape, r - 2), colIdx = iota(a.shape, r - 1), rowVec = iota(batch + [m], batch.count)
    var lu = a, perm = rowVec
    var pivots: [Tensor] = []
    for j in 0..<Swift.min(m, n) {
      let column = Lax.squeeze(col(lu, j, file: file, line: line), dimensions: [r - 1], file: file, line: line)
      // The largest |lu[i, j]| for i >= j (rows above are masked out).
      let candidates = sel(Lax.lt(rowVec, idx(j), file: file, line: line), Numpy.full(column.shape, Numpy.scalar(-1, d), file: file, line: line), Lax.abs(column, file: file, line: line))
      let p = Lax.argmax(candidates, axis: r - 2, indexDType: .int32, file: file, line: line)
      pivots.append(p)
      let isP = Lax.eq(rowIdx, bcast(p, a.shape, bd), file: file, line: line), isJ = Lax.eq(rowIdx, idx(j), file: file, line: line)
      let rowP = Lax.reduceSum(sel(isP, lu, Numpy.zerosLike(lu, file: file, line: line)), axes: [r - 2], file: file, line: line)
      let rowJ = Lax.squeeze(row(lu, j, file: file, line: line), dimensions: [r - 2], file: file, line: line)
      let bP = bcast(rowP, a.shape, bd + [r - 1])
      lu = sel(isJ, bP, sel(isP, bcast(rowJ, a.shape, bd + [r - 1]), lu))
      perm = swapEntries(perm, j, p, file: file, line: line)
      // Multipliers below the pivot; a zero pivot (the whole remaining
      // column is zero) leaves the column as it is, like LAPACK's getrf.
      let pivot = Lax.squeeze(Lax.sliceInDim(rowP, start: j, limit: j + 1, axis: r - 2, file: file, line: line), dimensions: [r - 2], file: file, line: line)
      let safe = sel(Lax.eq(pivot, Numpy.scalar(0, d), file: file, line: line), Numpy.onesLike(pivot, file: file, line: line), pivot)
      let colJ = Lax.squeeze(col(lu, j, file: file, line: line), dimensions: [r - 1], file: file, line: line)
      let below = Lax.gt(rowVec, idx(j), file: file, line: line)
      let factors = sel(below, Lax.div(colJ, bcast(safe, colJ.shape, bd), file: file, line: line), Numpy.zerosLike(colJ, file: file, line: line))
      let fb = bcast(factors, a.shape, bd + [r - 2])
      let updated = Lax.sub(lu, Lax.mul(fb, bP, file: file, line: line), file: file, line: line)
      lu = sel(Lax.gt(colIdx, idx(j), file: file, line: line), updated, lu)
      lu = sel(Lax.and(Lax.eq(colIdx, idx(j), file: file, line: line), Lax.gt(rowIdx, idx(j), file: file, line: line), file: file, line: line), fb, lu)
    }
    let piv = pivots.isEmpty
      ? Numpy.zeros(batch + [0], dtype: .int32, file: file, line: line)
      : Numpy.stack(pivots, axis: -1, file: file, line: line)
    return (lu, piv, perm)
  }

  /// `perm` (`[..., m]`) with entries `j` and `p` (`[...]`, per batch
  /// element) exchanged.
  static func swapEntries(_ perm: Tensor, _ j: Int, _ p: Tensor, file: StaticString, line: UInt) -> Tensor {
    let last = perm.rank - 1, bd = Array(0..<last)
    let iota = Lax.iota(.int32, shape: perm.shape, dimension: last, file: file, line: line)
    let isP = Lax.eq(iota, Lax.broadcastInDim(p, shape: perm.shape, broadcastDimensions: bd, file: file, line: line), file: file, line: line)
    let isJ = Lax.eq(iota, Numpy.scalar(Double(j), .int32), file: file, line: line)
    let atP = Lax.reduceSum(Lax.select(isP, perm, Numpy.zerosLike(perm, file: file, line: line), file: file, line: line), axes: [last], file: file, line: line)
    let atJ = Lax.squeeze(Lax.sliceInDim(perm, start: j, limit: j + 1, axis: last, file: file, line: line), dimensions: [last], file: file, line: line)
    func bcast(_ t: Tensor) -> Tensor { Lax.broadcastInDim(t, shape: perm.shape, broadcastDimensions: bd, file: file, line: line) }
    return Lax.select(isJ, bcast(atP), Lax.select(isP, bcast(atJ), perm, file: file, line: line), file: file, line: line)
  }

  /// The row permutation `[..., m]` that LAPACK-style `pivots` `[..., k]`
  /// describe (row i swapped with row pivots[i], in order).
  static func pivotsToPermutation(_ pivots: Tensor, _ m: Int, file: StaticString, line: UInt) -> Tensor {
    let last = pivots.rank - 1
    var perm = Lax.iota(.int32, shape: Array(pivots.shape.dropLast()) + [m], dimension: last, file: file, line: line)
    for j in 0..<pivots.shape[last] {
      let p = Lax.squeeze(Lax.sliceInDim(pivots, start: j, limit: j + 1, axis: last, file: file, line: line), dimensions: [last], file: file, line: line)
      perm = swapEntries(perm, j, p, file: file, line: line)
    }
    return perm
  }

  /// `b[..., perm[i], :]` for every row i: rows of `b: [..., m, k]` picked
  /// by `perm: [..., m]` (a one-hot product, so it batches and
  /// differentiates like any matmul).
  static func permuteRows(_ b: Tensor, _ perm: Tensor, file: StaticString, line: UInt) -> Tensor {
    let m = perm.shape[perm.rank - 1]
    let cols = Lax.iota(.int32, shape: perm.shape + [m], dimension: perm.rank, file: file, line: line)
    let p = Lax.broadcastInDim(perm, shape: perm.shape + [m], broadcastDimensions: Array(0..<perm.rank), file: file, line: line)
    let onehot = Numpy.convert(Lax.eq(p, cols, file: file, line: line), to: b.dtype, weak: false, file: file, line: line)
    return Numpy.matmul(onehot, b, file: file, line: line)
  }

  /// The inverse of a permutation `[..., m]` (int32).
  static func invertPermutation(_ perm: Tensor, file: StaticString, line: UInt) -> Tensor {
    let m = perm.shape[perm.rank - 1]
    let cols = Lax.iota(.int32, shape: perm.shape + [m], dimension: perm.rank, file: file, line: line)
    let p = Lax.broadcastInDim(perm, shape: perm.shape + [m], broadcastDimensions: Array(0..<perm.rank), file: file, line: line)
    // inv[perm[i]] = i: column j's one-hot row index.
    let rows = Lax.iota(.int32, shape: perm.shape + [m], dimension: perm.rank - 1, file: file, line: line)
    let hit = Lax.select(Lax.eq(p, cols, file: file, line: line), rows, Numpy.zerosLike(rows, file: file, line: line), file: file, line: line)
    return Lax.reduceSum(hit, axes: [perm.rank - 1], file: file, line: line)
  }

  /// Solves `t x = b` for a triangular `t: [..., n, n]` and `b: [..., n, k]`
  /// with the same batch shape, reading only `t`'s `lower` (or upper)
  /// triangle; `unitDiagonal` takes the diagonal as ones without reading it.
  static func triangularSolve(
    _ t: Tensor, _ b: Tensor, lower: Bool, unitDiagonal: Bool, file: StaticString, line: UInt
  ) -> Tensor {
    let n = t.shape[t.rank - 1]
    if n == 0 { return b }
    var rows = [Tensor](repeating: .invalid, count: n)
    func entry(_ i: Int, _ j: Int, like r: Tensor) -> Tensor {
      let e = Lax.sliceInDim(row(t, i, file: file, line: line), start: j, limit: j + 1, axis: t.rank - 1, file: file, line: line)
      return Lax.broadcastInDim(e, shape: r.shape, broadcastDimensions: Array(0..<r.rank), file: file, line: line)
    }
    let order = lower ? Array(0..<n) : Array((0..<n).reversed())
    for i in order {
      var r = row(b, i, file: file, line: line)
      for j in (lower ? Array(0..<i) : Array((i + 1)..<n)) {
        r = Lax.sub(r, Lax.mul(entry(i, j, like: r), rows[j], file: file, line: line), file: file, line: line)
      }
      rows[i] = unitDiagonal ? r : Lax.div(r, entry(i, i, like: r), file: file, line: line)
    }
    return Lax.concatenate(rows, dimension: t.rank - 2, file: file, line: line)
  }

  /// `x` with `l u x = b[perm]` for a packed LU: forward substitution with
  /// the unit-lower factor, then back substitution with the upper one.
  static func luSolvePacked(_ lu: Tensor, _ perm: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> Tensor {
    let y = permuteRows(b, perm, file: file, line: line)
    let z = triangularSolve(lu, y, lower: true, unitDiagonal: true, file: file, line: line)
    return triangularSolve(lu, z, lower: false, unitDiagonal: false, file: file, line: line)
  }

  /// The sign of the row permutation recorded by LAPACK-style `pivots`
  /// (`-1` per actual swap), in `dtype`.
  static func pivotSign(_ pivots: Tensor, _ dtype: DType, file: StaticString, line: UInt) -> Tensor {
    let iota = Lax.iota(.int32, shape: pivots.shape, dimension: pivots.rank - 1, file: file, line: line)
    let swapped = Lax.ne(pivots, iota, file: file, line: line)
    let signs = Lax.select(swapped, Numpy.full(pivots.shape, Numpy.scalar(-1, dtype), file: file, line: line), Numpy.ones(pivots.shape, dtype: dtype, file: file, line: line), file: file, line: line)
    return Lax.reduceProd(signs, axes: [pivots.rank - 1], file: file, line: line)
  }
}
