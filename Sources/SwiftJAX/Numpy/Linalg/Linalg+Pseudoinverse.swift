// What the singular value decomposition gives: the pseudo-inverse, least
// squares, the numerical rank and the condition number.

extension Linalg {
  /// `jnp.linalg.pinv`: the Moore-Penrose pseudo-inverse `[..., n, m]` of
  /// `a: [..., m, n]`, from the SVD, with singular values at or below
  /// `rtol` times the largest treated as zero. Derivatives use JAX's rule
  /// (Golub and Pereyra), not differentiation through the SVD.
  ///
  /// ```swift
  /// Linalg.pinv(jnp.array([[1.0, 0.0], [0.0, 0.0]]))   // [[1, 0], [0, 0]]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a matrix or a batch of them, `[..., m, n]`.
  ///   - rtol: the relative cutoff; `nil` means `10 · max(m, n) · eps`, as in JAX.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func pinv(_ a: Tensor, rtol: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !checkMatrix(a, "pinv", file: file, line: line) { return .invalid }
    let o = LinalgOps(file, line)
    let x = Numpy.toInexact(a, file: file, line: line)
    let (m, n) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
    if m == 0 || n == 0 { return Numpy.zeros(Array(x.shape.dropLast(2)) + [n, m], dtype: x.dtype, file: file, line: line) }
    let cut = rtol ?? 10 * Double(Swift.max(m, n)) * jacobiEpsilon(x.dtype)
    let f = customJVP({ (x: Tensor) -> Tensor in
      pinvPrimal(x, rtol: cut, file: file, line: line)
    }, jvp: { (x: Tensor, t: Tensor) -> (Tensor, Tensor) in
      let p = pinvPrimal(x, rtol: cut, file: file, line: line)
      // ṗ = -p ȧ p + p pᵀ ȧᵀ (I - a p) + (I - p a) ȧᵀ pᵀ p
      let s = o.mm(o.mm(p, o.t(p)), o.t(t))
      let u = o.mm(o.mm(o.t(t), o.t(p)), p)
      let dp = o.add(o.sub(o.neg(o.mm(o.mm(p, t), p)), o.mm(o.mm(s, x), p)), o.add(s, o.sub(u, o.mm(o.mm(p, x), u))))
      return (p, dp)
    }, name: "pinv", file: file, line: line)
    return f(x)
  }

  static func pinvPrimal(_ x: Tensor, rtol: Double, file: StaticString, line: UInt) -> Tensor {
    let o = LinalgOps(file, line)
    let (u, s, vh) = svdWithVectors(x, fullMatrices: false, file: file, line: line)
    let cutoff = o.mul(o.c(rtol, x.dtype), o.last(s, 0))
    // 1/s where s > cutoff, else 0 (JAX divides by inf).
    let keep = Lax.gt(s, Numpy.broadcastTo(cutoff, s.shape, file: file, line: line), file: file, line: line)
    let inv = o.where(keep, o.div(o.c(1, x.dtype), o.where(keep, s, o.c(1, x.dtype))), o.c(0, x.dtype))
    return o.mm(o.t(vh), o.mul(o.t(u), Lax.expandDims(inv, dimensions: [inv.rank], file: file, line: line)))
  }

  /// `jnp.linalg.lstsq`: the least-squares solution `x` of `a @ x ≈ b`
  /// for a single `a: [m, n]` and `b: [m]` or `[m, k]`, via the SVD, with
  /// JAX's results: the solution, the squared residual norms `Σ (b - a x)²`
  /// per column (always computed, JAX's default `numpy_resid=False`), the
  /// effective rank (int32) and the singular values of `a`.
  ///
  /// ```swift
  /// let a = jnp.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
  /// let (x, residuals, rank, s) = Linalg.lstsq(a, jnp.array([1.0, 2.0, 2.0]))   // x ≈ [1.1667, 0.5]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the coefficient matrix, `[m, n]`.
  ///   - b: the right-hand side, `[m]` or `[m, k]`.
  ///   - rcond: singular values below `rcond` times the largest count as
  ///     zero; `nil` means `eps · max(m, n)`; negative means `eps`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func lstsq(
    _ a: Tensor, _ b: Tensor, rcond: Double? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> (solution: Tensor, residuals: Tensor, rank: Tensor, singularValues: Tensor) {
    let bad = (Tensor.invalid, Tensor.invalid, Tensor.invalid, Tensor.invalid)
    if Numpy.anyInvalid(a, b) { return bad }
    if a.rank != 2 || (b.rank != 1 && b.rank != 2) || b.shape[0] != a.shape[0] {
      Numpy.report(.shape, "lstsq", "expected a: [m, n] and b: [m] or [m, k] with the same m, got \(shapeString(a.shape)) and \(shapeString(b.shape))", file: file, line: line)
      return bad
    }
    let o = LinalgOps(file, line)
    let ab = Numpy.promoteDTypes([a, b], file: file, line: line).map { Numpy.toInexact($0, file: file, line: line) }
    let x = ab[0], d = x.dtype
    let bm = b.rank == 1 ? Lax.expandDims(ab[1], dimensions: [1], file: file, line: line) : ab[1]
    let (m, n) = (x.shape[0], x.shape[1])
    var sol: Tensor, rank: Tensor, s: Tensor
    if m == 0 || n == 0 {
      s = Numpy.zeros([0], dtype: d, file: file, line: line)
      rank = Numpy.sum(Numpy.zeros([0], dtype: .bool, file: file, line: line), file: file, line: line)
      sol = Numpy.zeros([n, bm.shape[1]], dtype: d, file: file, line: line)
    } else {
      let rc = rcond.map { $0 < 0 ? jacobiEpsilon(d) : $0 } ?? jacobiEpsilon(d) * Double(Swift.max(m, n))
      let (u, sv, vt) = svd(x, fullMatrices: false, file: file, line: line)
      s = sv
      let mask = Lax.ge(s, Numpy.broadcastTo(o.mul(o.c(rc, d), o.last(s, 0)), s.shape, file: file, line: line), file: file, line: line)
      rank = Numpy.sum(mask, file: file, line: line)
      let sInv = o.where(mask, o.div(o.c(1, d), o.where(mask, s, o.c(1, d))), o.c(0, d))
      sol = o.mm(o.t(vt), o.mul(Lax.expandDims(sInv, dimensions: [1], file: file, line: line), o.mm(o.t(u), bm)))
    }
    let resid = o.sum(Lax.square(o.sub(bm, o.mm(x, sol)), file: file, line: line), [0])
    if b.rank == 1 { sol = Numpy.ravel(sol, file: file, line: line) }
    return (sol, resid, rank, s)
  }

  /// `jnp.linalg.matrix_rank`: the number of singular values above
  /// `rtol` (default `max(m, n) · eps · s.max`) per matrix; a vector's
  /// rank is 1 unless it is all zeros.
  ///
  /// ```swift
  /// Linalg.matrixRank(jnp.array([[1.0, 0.0], [0.0, 0.0]]))   // 1
  /// ```
  ///
  /// - Parameters:
  ///   - a: a matrix or batch of them (`[..., m, n]`), or a vector.
  ///   - rtol: an absolute threshold on the singular values, as JAX's
  ///     `rtol` argument is used; `nil` for the default.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func matrixRank(_ a: Tensor, rtol: Double? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid { return .invalid }
    let o = LinalgOps(file, line)
    let x = Numpy.toInexact(a, file: file, line: line)
    if x.rank < 2 {
      let nz = Numpy.any(Lax.ne(x, o.c(0, x.dtype), file: file, line: line), file: file, line: line)
      return Numpy.convert(nz, to: .int32, weak: false, file: file, line: line)
    }
    let s = svdvals(x, file: file, line: line)
    let last = s.rank - 1
    let tol: Tensor
    if let rtol {
      tol = o.c(rtol, x.dtype)
    } else {
      let mx = Numpy.max(s, axis: last, keepDims: true, file: file, line: line)
      tol = o.mul(mx, o.c(Double(Swift.max(x.shape[x.rank - 2], x.shape[x.rank - 1])) * jacobiEpsilon(x.dtype), x.dtype))
    }
    return Numpy.sum(Numpy.greater(s, tol, file: file, line: line), axis: last, file: file, line: line)
  }

  /// `jnp.linalg.cond`: the condition number in the norm `p` (`nil` or 2:
  /// largest over smallest singular value; -2 the reverse; other orders
  /// `norm(a, p) · norm(inv(a), p)` for square `a`). A singular matrix
  /// gives `inf` (NaN only when the input has NaNs).
  ///
  /// ```swift
  /// Linalg.cond(jnp.array([[1.0, 0.0], [0.0, 0.5]]))   // 2
  /// ```
  ///
  /// - Parameters:
  ///   - a: a non-empty matrix or batch of them, `[..., m, n]`.
  ///   - p: the norm order; see ``NormOrder``.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func cond(_ a: Tensor, p: NormOrder? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !checkMatrix(a, "cond", file: file, line: line) { return .invalid }
    let o = LinalgOps(file, line)
    let x = Numpy.toInexact(a, file: file, line: line)
    let (m, n) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
    if m == 0 || n == 0 { return Numpy.fail(.shape, "cond", "input must not be empty, got \(shapeString(a.shape))", file: file, line: line) }
    let r: Tensor
    switch p ?? .p(2) {
    case .p(2), .p(-2):
      let s = svdvals(x, file: file, line: line)
      let k = s.shape[s.rank - 1]
      let (hi, lo) = (Lax.squeeze(o.last(s, 0), dimensions: [s.rank - 1], file: file, line: line), Lax.squeeze(o.last(s, k - 1), dimensions: [s.rank - 1], file: file, line: line))
      if p == nil || p == .p(2) { return o.div(hi, lo) }
      r = o.div(lo, hi)
    case .p, .fro, .nuc:
      if m != n { return Numpy.fail(.shape, "cond", "for p=\(p!) the matrix must be square, got \(shapeString(a.shape))", file: file, line: line) }
      r = o.mul(norm(x, ord: p, axis: [-2, -1], file: file, line: line), norm(inv(x, file: file, line: line), ord: p, axis: [-2, -1], file: file, line: line))
    }
    let inputNaN = Numpy.any(Numpy.isnan(x, file: file, line: line), axis: [-2, -1], file: file, line: line)
    let toInf = Lax.and(Numpy.isnan(r, file: file, line: line), Lax.not(inputNaN, file: file, line: line), file: file, line: line)
    return o.where(toInf, o.c(.infinity, x.dtype), r)
  }
}
