// What an LU factorisation gives: det, slogdet, solve, inv (JAX's
// jnp.linalg functions of the same names).

extension Linalg {
  /// `jnp.linalg.det`: the determinant, via LU with partial pivoting.
  ///
  /// ```swift
  /// Linalg.det(jnp.array([[1.0, 2.0], [3.0, 4.0]]))   // -2.0
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or a batch of them, `[..., n, n]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func det(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !checkSquare(a, "det", file: file, line: line) { return .invalid }
    let x = Numpy.toInexact(a, file: file, line: line)
    let (lu, piv, _) = luPacked(x, file: file, line: line)
    let diag = Numpy.diagonal(lu, axis1: -2, axis2: -1, file: file, line: line)
    return Lax.mul(pivotSign(piv, x.dtype, file: file, line: line), Lax.reduceProd(diag, axes: [diag.rank - 1], file: file, line: line), file: file, line: line)
  }

  /// `jnp.linalg.slogdet`: the sign and the natural log of the absolute
  /// value of the determinant, which stays finite where `det` over- or
  /// underflows. A singular matrix gives sign 0 and `-inf`. As in JAX, the
  /// derivative of `logabsdet` is `trace(solve(a, da))` and that of the
  /// sign is zero.
  ///
  /// ```swift
  /// let (sign, logabsdet) = Linalg.slogdet(jnp.array([[1.0, 2.0], [3.0, 4.0]]))   // -1, log 2
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or a batch of them, `[..., n, n]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func slogdet(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> (sign: Tensor, logabsdet: Tensor) {
    if a.isInvalid || !checkSquare(a, "slogdet", file: file, line: line) { return (.invalid, .invalid) }
    let x = Numpy.toInexact(a, file: file, line: line)
    let f = customJVP({ (x: Tensor) -> [Tensor] in
      slogdetPrimal(x, file: file, line: line)
    }, jvp: { (x: Tensor, t: Tensor) -> ([Tensor], [Tensor]) in
      let out = slogdetPrimal(x, file: file, line: line)
      let st = solve(x, t, file: file, line: line)
      let dlog = Numpy.trace(st, axis1: -2, axis2: -1, file: file, line: line)
      return (out, [Numpy.zerosLike(out[0], file: file, line: line), dlog])
    }, name: "slogdet", file: file, line: line)
    let out = f(x)
    return (out[0], out[1])
  }

  static func slogdetPrimal(_ x: Tensor, file: StaticString, line: UInt) -> [Tensor] {
    let o = LinalgOps(file, line)
    let d = x.dtype
    let (lu, piv, _) = luPacked(x, file: file, line: line)
    let diag = o.diag(lu)
    let last = diag.rank - 1
    let isZero = Numpy.any(Lax.eq(diag, o.c(0, d), file: file, line: line), axis: last, file: file, line: line)
    let diagSign = Lax.reduceProd(Lax.sign(diag, file: file, line: line), axes: [last], file: file, line: line)
    let sign = o.where(isZero, o.c(0, d), Lax.mul(pivotSign(piv, d, file: file, line: line), diagSign, file: file, line: line))
    let logs = o.sum(o.log(o.abs(diag)), [last])
    return [sign, o.where(isZero, o.c(-.infinity, d), logs)]
  }

  /// `jnp.linalg.solve`: `x` with `a @ x == b`. `b` is a vector
  /// (`[..., n]`, when it has one axis fewer than `a`) or a matrix of
  /// right-hand sides (`[..., n, k]`); batch axes broadcast.
  ///
  /// ```swift
  /// Linalg.solve(jnp.array([[3.0, 1.0], [1.0, 2.0]]), jnp.array([9.0, 8.0]))   // [2., 3.]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the coefficient matrix (or batch), `[..., n, n]`.
  ///   - b: the right-hand side, `[..., n]` or `[..., n, k]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
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
    let y = Numpy.broadcastTo(ab[1], batch + [n, bm.shape[bm.rank - 1]], file: file, line: line)
    let (lu, _, perm) = luPacked(x, file: file, line: line)
    let out = luSolvePacked(lu, perm, y, file: file, line: line)
    return vector ? Lax.squeeze(out, dimensions: [out.rank - 1], file: file, line: line) : out
  }

  /// `jnp.linalg.inv`: the inverse, solving against the identity.
  ///
  /// ```swift
  /// Linalg.inv(jnp.array([[2.0, 0.0], [0.0, 4.0]]))   // [[0.5, 0], [0, 0.25]]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or a batch of them, `[..., n, n]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func inv(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !checkSquare(a, "inv", file: file, line: line) { return .invalid }
    let x = Numpy.toInexact(a, file: file, line: line)
    let n = x.shape[x.rank - 1]
    let eye = Numpy.broadcastTo(Numpy.eye(n, dtype: x.dtype, file: file, line: line), x.shape, file: file, line: line)
    return solve(x, eye, file: file, line: line)
  }
}
