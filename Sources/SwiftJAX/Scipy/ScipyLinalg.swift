// jax.scipy.linalg: triangular solves, Cholesky and LU factor/solve pairs,
// and the matrix exponential. Built on the factorisations in
// Numpy/Linalg (one LU, one Cholesky for the whole library).

/// `jax.scipy.linalg` (also spelled `Scipy.linalg`): SciPy's linear
/// algebra on top of ``Linalg``; leading axes are batch axes.
///
/// ```swift
/// let (lu, piv) = Scipy.linalg.luFactor(a)
/// let x = Scipy.linalg.luSolve((lu, piv), b)
/// ```
public enum ScipyLinalg {
  /// `jax.scipy.linalg.solve_triangular`: `x` with `a @ x == b` (or
  /// `aᵀ @ x == b` for `trans` 1 or 2) for a triangular `a`, reading only
  /// its `lower` (or upper) triangle. `b` is `[..., n]` (one axis fewer
  /// than `a`) or `[..., n, k]`; batch axes broadcast.
  ///
  /// ```swift
  /// let l = jnp.array([[2.0, 0.0], [1.0, 1.0]])
  /// Scipy.linalg.solveTriangular(l, jnp.array([2.0, 3.0]), lower: true)   // [1, 2]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a triangular matrix or batch of them, `[..., n, n]`.
  ///   - b: the right-hand side.
  ///   - trans: 0 solves `a x = b`; 1 and 2 solve `aᵀ x = b` (real input).
  ///   - lower: read the lower triangle (`false`: the upper one).
  ///   - unitDiagonal: take the diagonal as ones without reading it.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func solveTriangular(
    _ a: Tensor, _ b: Tensor, trans: Int = 0, lower: Bool = false, unitDiagonal: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if Numpy.anyInvalid(a, b) || !Linalg.checkSquare(a, "solve_triangular", file: file, line: line) { return .invalid }
    guard (0...2).contains(trans) else {
      return Numpy.fail(.value, "solve_triangular", "trans must be 0, 1 or 2, got \(trans)", file: file, line: line)
    }
    guard let (x, y, vector) = matrixRHS(a, b, "solve_triangular", file: file, line: line) else { return .invalid }
    let t = trans == 0 ? x : Numpy.swapaxes(x, -1, -2, file: file, line: line)
    let out = Linalg.triangularSolve(t, y, lower: trans == 0 ? lower : !lower, unitDiagonal: unitDiagonal, file: file, line: line)
    return vector ? Lax.squeeze(out, dimensions: [out.rank - 1], file: file, line: line) : out
  }

  /// Promotes `a` and `b`, treats a `b` with one axis fewer than `a` as a
  /// vector (a column), checks the sizes and broadcasts the batch axes.
  static func matrixRHS(_ a: Tensor, _ b: Tensor, _ op: String, file: StaticString, line: UInt) -> (Tensor, Tensor, Bool)? {
    let n = a.shape[a.rank - 1]
    let vector = b.rank == a.rank - 1
    let bm = vector ? Lax.expandDims(b, dimensions: [b.rank], file: file, line: line) : b
    guard bm.rank >= 2, bm.shape[bm.rank - 2] == n,
      let batch = Numpy.broadcastShapes([Array(a.shape.dropLast(2)), Array(bm.shape.dropLast(2))])
    else {
      Numpy.report(.shape, op, "incompatible shapes: a \(shapeString(a.shape)) needs b of shape [..., \(n)] or [..., \(n), k], got \(shapeString(b.shape))", file: file, line: line)
      return nil
    }
    let ab = Numpy.promoteDTypes([a, bm], file: file, line: line).map { Numpy.toInexact($0, file: file, line: line) }
    return (Numpy.broadcastTo(ab[0], batch + [n, n], file: file, line: line),
            Numpy.broadcastTo(ab[1], batch + [n, bm.shape[bm.rank - 1]], file: file, line: line), vector)
  }

  /// `jax.scipy.linalg.cholesky`: the Cholesky factor of a symmetric
  /// positive-definite matrix, read from its `lower` (or upper) triangle:
  /// `l` with `l @ lᵀ == a`, or upper `u` with `uᵀ @ u == a`.
  ///
  /// ```swift
  /// Scipy.linalg.cholesky(jnp.array([[4.0, 2.0], [2.0, 3.0]]))   // [[2, 1], [0, 1.4142135]]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a symmetric positive-definite matrix or batch, `[..., n, n]`.
  ///   - lower: return (and read) the lower factor; `false` (SciPy's
  ///     default) the upper one.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func cholesky(_ a: Tensor, lower: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !Linalg.checkSquare(a, "cholesky", file: file, line: line) { return .invalid }
    let o = LinalgOps(file, line)
    let x = Numpy.toInexact(a, file: file, line: line)
    // The upper factor is the transposed lower factor of aᵀ, as in JAX.
    let l = lowerCholesky(lower ? x : o.t(x), o)
    return lower ? l : o.t(l)
  }

  /// The lower Cholesky factor from `x`'s lower triangle (LAPACK's potrf),
  /// with JAX's JVP rule (Murray 2016): `L̇ = L φ(L⁻¹ ẋ L⁻ᵀ)`, φ taking the
  /// lower triangle with the diagonal halved. Like JAX's, the rule uses the
  /// whole tangent, not only its lower triangle.
  static func lowerCholesky(_ x: Tensor, _ o: LinalgOps) -> Tensor {
    let f = customJVP({ (x: Tensor) -> Tensor in
      Linalg.cholesky(triangleMirrored(x, lower: true, o), file: o.file, line: o.line)
    }, jvp: { (x: Tensor, t: Tensor) -> (Tensor, Tensor) in
      let l = Linalg.cholesky(triangleMirrored(x, lower: true, o), file: o.file, line: o.line)
      // L⁻¹ t L⁻ᵀ = L⁻¹ (L⁻¹ tᵀ)ᵀ, with two left-side solves.
      let y = Linalg.triangularSolve(l, o.t(t), lower: true, unitDiagonal: false, file: o.file, line: o.line)
      let z = Linalg.triangularSolve(l, o.t(y), lower: true, unitDiagonal: false, file: o.file, line: o.line)
      let n = x.shape[x.rank - 1]
      let halfDiag = o.add(o.c(1, x.dtype), o.eye(n, x.dtype))
      let phi = o.div(Numpy.tril(z, file: o.file, line: o.line), halfDiag)
      return (l, o.mm(l, phi))
    }, name: "cholesky", file: o.file, line: o.line)
    return f(x)
  }

  /// The symmetric matrix whose `lower` (or upper) triangle is `x`'s.
  static func triangleMirrored(_ x: Tensor, lower: Bool, _ o: LinalgOps) -> Tensor {
    lower
      ? o.add(Numpy.tril(x, file: o.file, line: o.line), o.t(Numpy.tril(x, k: -1, file: o.file, line: o.line)))
      : o.add(Numpy.triu(x, file: o.file, line: o.line), o.t(Numpy.triu(x, k: 1, file: o.file, line: o.line)))
  }

  /// `jax.scipy.linalg.cho_factor`: the Cholesky factor together with
  /// which triangle it is, for ``choSolve(_:_:file:line:)``.
  ///
  /// ```swift
  /// let factor = Scipy.linalg.choFactor(a)
  /// let x = Scipy.linalg.choSolve(factor, b)
  /// ```
  ///
  /// - Parameters:
  ///   - a: a symmetric positive-definite matrix or batch, `[..., n, n]`.
  ///   - lower: compute the lower factor (`false`: the upper one).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func choFactor(_ a: Tensor, lower: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> (c: Tensor, lower: Bool) {
    (cholesky(a, lower: lower, file: file, line: line), lower)
  }

  /// `jax.scipy.linalg.cho_solve`: `x` with `a @ x == b` given `a`'s
  /// Cholesky factor from ``choFactor(_:lower:file:line:)``.
  ///
  /// ```swift
  /// let x = Scipy.linalg.choSolve(Scipy.linalg.choFactor(a, lower: true), b)
  /// ```
  ///
  /// - Parameters:
  ///   - factor: the factor and whether it is lower triangular.
  ///   - b: the right-hand side, `[..., n]` or `[..., n, k]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func choSolve(_ factor: (c: Tensor, lower: Bool), _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let (c, lower) = factor
    if Numpy.anyInvalid(c, b) || !Linalg.checkSquare(c, "cho_solve", file: file, line: line) { return .invalid }
    guard let (x, y, vector) = matrixRHS(c, b, "cho_solve", file: file, line: line) else { return .invalid }
    let xt = Numpy.swapaxes(x, -1, -2, file: file, line: line)
    // lower: l (lᵀ x) = b; upper: uᵀ (u x) = b.
    let z = Linalg.triangularSolve(lower ? x : xt, y, lower: true, unitDiagonal: false, file: file, line: line)
    let out = Linalg.triangularSolve(lower ? xt : x, z, lower: false, unitDiagonal: false, file: file, line: line)
    return vector ? Lax.squeeze(out, dimensions: [out.rank - 1], file: file, line: line) : out
  }

  /// `jax.scipy.linalg.lu`: `a = p @ l @ u` with a permutation matrix `p`
  /// `[..., m, m]`, unit lower-triangular `l` `[..., m, k]` and upper
  /// `u` `[..., k, n]`, `k = min(m, n)` (partial pivoting, as LAPACK).
  ///
  /// ```swift
  /// let (p, l, u) = Scipy.linalg.lu(a)
  /// ```
  ///
  /// - Parameters:
  ///   - a: a matrix or batch of them, `[..., m, n]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func lu(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> (p: Tensor, l: Tensor, u: Tensor) {
    if a.isInvalid || !Linalg.checkMatrix(a, "lu", file: file, line: line) { return (.invalid, .invalid, .invalid) }
    let x = Numpy.toInexact(a, file: file, line: line)
    let r = x.rank, d = x.dtype
    let (m, n) = (x.shape[r - 2], x.shape[r - 1])
    let k = Swift.min(m, n)
    let (packed, _, perm) = Linalg.luPacked(x, file: file, line: line)
    // p[i, j] = 1 where perm[j] == i, so that p @ (l @ u) undoes the row swaps.
    let rows = Lax.iota(.int32, shape: perm.shape + [m], dimension: perm.rank - 1, file: file, line: line)
    let pj = Lax.broadcastInDim(perm, shape: perm.shape + [m], broadcastDimensions: Array(0..<(perm.rank - 1)) + [perm.rank], file: file, line: line)
    let p = Numpy.convert(Lax.eq(pj, rows, file: file, line: line), to: d, weak: false, file: file, line: line)
    let eye = Numpy.broadcastTo(Numpy.eye(m, k, dtype: d, file: file, line: line), Array(x.shape.dropLast(2)) + [m, k], file: file, line: line)
    let l = Numpy.add(Lax.sliceInDim(Numpy.tril(packed, k: -1, file: file, line: line), start: 0, limit: k, axis: r - 1, file: file, line: line), eye, file: file, line: line)
    let u = Lax.sliceInDim(Numpy.triu(packed, file: file, line: line), start: 0, limit: k, axis: r - 2, file: file, line: line)
    return (p, l, u)
  }

  /// `jax.scipy.linalg.lu_factor`: the packed LU factorisation (`l`'s
  /// multipliers below the diagonal, `u` on and above) and LAPACK's int32
  /// pivots (row i was swapped with row `piv[i]`), for
  /// ``luSolve(_:_:trans:file:line:)``.
  ///
  /// ```swift
  /// let (lu, piv) = Scipy.linalg.luFactor(a)
  /// ```
  ///
  /// - Parameters:
  ///   - a: a matrix or batch of them, `[..., m, n]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func luFactor(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> (lu: Tensor, piv: Tensor) {
    if a.isInvalid || !Linalg.checkMatrix(a, "lu_factor", file: file, line: line) { return (.invalid, .invalid) }
    let (packed, piv, _) = Linalg.luPacked(Numpy.toInexact(a, file: file, line: line), file: file, line: line)
    return (packed, piv)
  }

  /// `jax.scipy.linalg.lu_solve`: `x` with `a @ x == b` (`trans` 0) or
  /// `aᵀ @ x == b` (`trans` 1 or 2) from `a`'s ``luFactor(_:file:line:)``.
  ///
  /// ```swift
  /// let x = Scipy.linalg.luSolve(Scipy.linalg.luFactor(a), b)
  /// ```
  ///
  /// - Parameters:
  ///   - factor: the packed factorisation and pivots of a square matrix.
  ///   - b: the right-hand side, `[..., n]` or `[..., n, k]`.
  ///   - trans: 0 for `a x = b`; 1 or 2 for `aᵀ x = b` (real input).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func luSolve(
    _ factor: (lu: Tensor, piv: Tensor), _ b: Tensor, trans: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let (packed, piv) = factor
    if Numpy.anyInvalid(packed, piv, b) || !Linalg.checkSquare(packed, "lu_solve", file: file, line: line) { return .invalid }
    guard (0...2).contains(trans) else { return Numpy.fail(.value, "lu_solve", "trans must be 0, 1 or 2, got \(trans)", file: file, line: line) }
    guard let (x, y, vector) = matrixRHS(packed, b, "lu_solve", file: file, line: line) else { return .invalid }
    let n = x.shape[x.rank - 1]
    let perm = Numpy.broadcastTo(Linalg.pivotsToPermutation(piv, n, file: file, line: line), Array(x.shape.dropLast()), file: file, line: line)
    var out: Tensor
    if trans == 0 {
      out = Linalg.luSolvePacked(x, perm, y, file: file, line: line)
    } else {
      // aᵀ = uᵀ lᵀ pᵀ... with p a = l u: solve uᵀ z = b, lᵀ w = z, then undo the permutation.
      let xt = Numpy.swapaxes(x, -1, -2, file: file, line: line)
      let z = Linalg.triangularSolve(xt, y, lower: true, unitDiagonal: false, file: file, line: line)
      let w = Linalg.triangularSolve(xt, z, lower: false, unitDiagonal: true, file: file, line: line)
      out = Linalg.permuteRows(w, Linalg.invertPermutation(perm, file: file, line: line), file: file, line: line)
    }
    return vector ? Lax.squeeze(out, dimensions: [out.rank - 1], file: file, line: line) : out
  }
}
