// Singular value decomposition by one-sided (Hestenes) Jacobi, written in
// primitives so it runs eagerly and under jit, vmap and grad.
//
// The algorithm orthogonalises the columns of W = A (or Aᵀ when A is wide,
// so W is tall: p × k with k = min(m, n)) by plane rotations applied from
// the right, W ← W J. When every pair of columns is orthogonal,
// W = U Σ, the column norms are the singular values and the product of
// the rotations is V. Unlike Jacobi on AᵀA, the singular values are never
// squared, so small ones keep their relative accuracy.
//
// The pairs are visited in round-robin ("circle method") order: the k
// columns (padded with one zero column when k is odd) are split into a
// `top` and a `bot` half, and each round rotates the h = k/2 disjoint pairs
// (top[i], bot[i]) at once with elementwise ops; then the columns move one
// step around the circle (top[0] stays put). k - 1 rounds visit every pair
// once (one sweep) and bring the columns back to their starting places.
// The round is one `Lax.forLoop` body, so the staged program has a size
// independent of the matrix size.

extension Linalg {
  /// Jacobi sweeps run by ``svd(_:fullMatrices:file:line:)``: a fixed count,
  /// so the loop has a static trip count (it stays a `scan`, which reverse
  /// mode can differentiate).
  ///
  /// Why 16: one-sided Jacobi converges quadratically once the columns are
  /// nearly orthogonal. Measured with this exact round-robin ordering on
  /// random Gaussian, column-graded (condition 1e8 / 1e4) and
  /// rank-deficient (a repeated column) matrices up to 100 × 64, the
  /// largest relative pair coupling |wᵢ·wⱼ| / (‖wᵢ‖‖wⱼ‖) fell to the
  /// rounding level after at most 11 sweeps in float64 and 10 in float32
  /// (64 × 64 rank-deficient being the slowest; 3 × 3 takes 2–4). 16 leaves
  /// a margin of about 50% for matrices up to roughly 64 × 64; sweeps after
  /// convergence are harmless (every rotation is skipped). Larger or
  /// pathologically clustered matrices may need more.
  public static let svdSweeps = 16

  /// `jnp.linalg.svd(a)`: `a = u @ diag(s) @ vh` with orthonormal `u`, `vh`
  /// and the singular values `s` in descending order, for `a: [..., m, n]`
  /// (leading axes are batch axes). With `fullMatrices` (the default, as in
  /// JAX) `u` is `[..., m, m]` and `vh` `[..., n, n]`; otherwise `[..., m, k]`
  /// and `[..., k, n]` with `k = min(m, n)`.
  ///
  /// Singular vectors are unique only up to sign (and up to a rotation
  /// within repeated singular values), so `u` and `vh` need not equal
  /// LAPACK's column for column; `u @ diag(s) @ vh` reconstructs `a`.
  /// Gradients of `s` use the closed form `ds = diag(uᵀ da v)`; gradients
  /// of `u` and `vh` differentiate through the Jacobi iteration (fine for
  /// distinct singular values, unstable when two are nearly equal, as in
  /// JAX).
  ///
  /// ```swift
  /// let (u, s, vh) = Linalg.svd(a, fullMatrices: false)
  /// ```
  public static func svd(
    _ a: Tensor, fullMatrices: Bool = true, file: StaticString = #fileID, line: UInt = #line
  ) -> (u: Tensor, s: Tensor, vh: Tensor) {
    if a.isInvalid || !checkMatrix(a, "svd", file: file, line: line) { return (.invalid, .invalid, .invalid) }
    let x = Numpy.toInexact(a, file: file, line: line)
    let (u, _, vh) = svdWithVectors(x, fullMatrices: fullMatrices, file: file, line: line)
    return (u, singularValues(x, file: file, line: line), vh)
  }

  /// `jnp.linalg.svd(a, compute_uv=False)`: the singular values of
  /// `a: [..., m, n]` in descending order, shape `[..., min(m, n)]`.
  /// `computeUV` must be `false`; for the vectors call
  /// ``svd(_:fullMatrices:file:line:)``.
  ///
  /// ```swift
  /// Linalg.svd(jnp.array([[3.0, 0.0], [0.0, -4.0]]), computeUV: false)   // [4., 3.]
  /// ```
  public static func svd(_ a: Tensor, computeUV: Bool, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if computeUV {
      return Numpy.fail(.value, "svd", "svd(_:computeUV:) returns only the singular values; call svd(a) or svd(a, fullMatrices:) for (u, s, vh)", file: file, line: line)
    }
    return svdvals(a, file: file, line: line)
  }

  /// `jnp.linalg.svdvals`: the singular values in descending order.
  ///
  /// ```swift
  /// jnp.linalg.svdvals(jnp.array([3.0, 0.0, 0.0, -4.0]).reshape(2, 2))  // [4. 3.]
  /// ```
  public static func svdvals(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !checkMatrix(a, "svd", file: file, line: line) { return .invalid }
    return singularValues(Numpy.toInexact(a, file: file, line: line), file: file, line: line)
  }

  /// Matrix norms from singular values (`ord` 2, -2, nuc) over `rowAxis`,
  /// `colAxis` of `a`, as `jnp.linalg.norm` computes them.
  static func singularValueNorm(
    _ a: Tensor, _ ord: NormOrder, _ rowAxis: Int, _ colAxis: Int, keepDims: Bool, file: StaticString, line: UInt
  ) -> Tensor {
    let r = a.rank
    let y = Numpy.moveaxis(a, source: [rowAxis, colAxis], destination: [r - 2, r - 1], file: file, line: line)
    let s = svdvals(y, file: file, line: line)
    if s.isInvalid { return .invalid }
    let last = s.rank - 1, k = s.shape[last]
    var out: Tensor
    switch ord {
    case .nuc: out = Lax.reduceSum(s, axes: [last], file: file, line: line)
    case .p(2) where k > 0: out = Lax.squeeze(Lax.sliceInDim(s, start: 0, limit: 1, axis: last, file: file, line: line), dimensions: [last], file: file, line: line)
    case .p(-2) where k > 0: out = Lax.squeeze(Lax.sliceInDim(s, start: k - 1, limit: k, axis: last, file: file, line: line), dimensions: [last], file: file, line: line)
    default:
      return Numpy.fail(.value, "norm", "zero-size array to reduction operation for matrix norm order \(ord) of shape \(shapeString(a.shape))", file: file, line: line)
    }
    if keepDims { out = Lax.expandDims(out, dimensions: [rowAxis, colAxis].sorted(), file: file, line: line) }
    return out
  }

  /// Checks that `a` is a (batch of) matrices.
  static func checkMatrix(_ a: Tensor, _ op: String, file: StaticString, line: UInt) -> Bool {
    if a.rank < 2 {
      Numpy.report(.shape, op, "expected a matrix (or a batch of them) with shape [..., m, n], got \(shapeString(a.shape))", file: file, line: line)
      return false
    }
    return true
  }

  /// Singular values (descending) of an inexact `x`, with the closed-form
  /// derivative `dsᵢ = uᵢᵀ dx vᵢ` (JAX's svd JVP for `s`).
  static func singularValues(_ x: Tensor, file: StaticString, line: UInt) -> Tensor {
    let f = customJVP({ (x: Tensor) -> Tensor in
      jacobiSVD(x, wantVectors: false, file: file, line: line).s
    }, jvp: { (x: Tensor, t: Tensor) -> (Tensor, Tensor) in
      let (u, s, vh) = svdWithVectors(x, fullMatrices: false, file: file, line: line)
      let r = x.rank
      let bd = Array(0..<(r - 2))
      // (t @ vhᵀ)[..., i, j] = Σ_c t[i, c] vh[j, c]; ds_j = Σ_i u[i, j] (t vhᵀ)[i, j].
      let tv = Lax.dotGeneral(t, vh, DotDimensionNumbers(lhsContracting: [r - 1], rhsContracting: [r - 1], lhsBatch: bd, rhsBatch: bd), file: file, line: line)
      let ds = Lax.reduceSum(Lax.mul(u, tv, file: file, line: line), axes: [r - 2], file: file, line: line)
      return (s, ds)
    }, name: "svd", file: file, line: line)
    return f(x)
  }

  /// `(u, s, vh)` of an inexact `x: [..., m, n]`, differentiable through
  /// the iteration.
  static func svdWithVectors(_ x: Tensor, fullMatrices: Bool, file: StaticString, line: UInt) -> (u: Tensor, s: Tensor, vh: Tensor) {
    let r = x.rank
    let (m, n) = (x.shape[r - 2], x.shape[r - 1])
    let batch = Array(x.shape.dropLast(2))
    let bd = Array(0..<batch.count)
    let d = x.dtype
    let k = Swift.min(m, n)
    let (w, s, v) = jacobiSVD(x, wantVectors: true, file: file, line: line)
    // w = U Σ (p × k), columns sorted with s. Normalise the nonzero columns,
    // then re-orthonormalise and complete (zero columns, and all of U's
    // extra columns when `fullMatrices`) with Householder QR, fixing signs
    // so the kept columns keep their direction.
    let zero = Numpy.scalar(0, d)
    let isZero = Lax.eq(s, zero, file: file, line: line)
    let safeS = Lax.select(isZero, Numpy.onesLike(s, file: file, line: line), s, file: file, line: line)
    var u = Lax.div(w, Lax.broadcastInDim(safeS, shape: w.shape, broadcastDimensions: bd + [r - 1], file: file, line: line), file: file, line: line)
    u = Lax.select(Lax.broadcastInDim(isZero, shape: w.shape, broadcastDimensions: bd + [r - 1], file: file, line: line), Numpy.zerosLike(u, file: file, line: line), u, file: file, line: line)
    let tall = m >= n
    let (q, rr) = qr(u, reduced: !fullMatrices, file: file, line: line)
    let diag = Numpy.diagonal(rr, axis1: -2, axis2: -1, file: file, line: line)  // [..., k]
    var sign = Lax.sign(diag, file: file, line: line)
    sign = Lax.select(Lax.eq(sign, zero, file: file, line: line), Numpy.onesLike(sign, file: file, line: line), sign, file: file, line: line)
    let qCols = q.shape[r - 1]
    if qCols > k {
      sign = Lax.concatenate([sign, Numpy.ones(batch + [qCols - k], dtype: d, file: file, line: line)], dimension: r - 2, file: file, line: line)
    }
    u = Lax.mul(q, Lax.broadcastInDim(sign, shape: q.shape, broadcastDimensions: bd + [r - 1], file: file, line: line), file: file, line: line)
    // Tall: x = U Σ Vᵀ. Wide: xᵀ = U Σ Vᵀ, so x = V Σ Uᵀ.
    if tall { return (u, s, Numpy.swapaxes(v, -1, -2, file: file, line: line)) }
    return (v, s, Numpy.swapaxes(u, -1, -2, file: file, line: line))
  }

  /// Unit roundoff-sized threshold for skipping a rotation.
  static func jacobiEpsilon(_ d: DType) -> Double {
    switch d {
    case .float64: return 2.220446049250313e-16
    case .float16: return 9.765625e-4
    case .bfloat16: return 7.8125e-3
    default: return 1.1920928955078125e-7
    }
  }
}
