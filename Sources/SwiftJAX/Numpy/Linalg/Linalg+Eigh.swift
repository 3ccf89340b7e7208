// Symmetric eigendecomposition (jnp.linalg.eigh / eigvalsh).
//
// Gershgorin's theorem bounds every eigenvalue of a symmetric `a` by its
// largest absolute row sum `c`, so `a + c I` is positive semidefinite, and
// the singular value decomposition of a positive semidefinite matrix is its
// eigendecomposition: the right singular vectors of `a + c I` (from the
// one-sided Jacobi iteration in Linalg+SVD.swift, a product of rotations,
// so orthonormal to rounding) are eigenvectors of `a`. The eigenvalues are
// then the Rayleigh quotients vᵢᵀ a vᵢ, which avoids the cancellation of
// computing sᵢ - c. This reuses the tested Jacobi iteration instead of a
// second one; the accuracy is the usual backward-stable eps·‖a‖.
//
// Derivatives use JAX's eigh JVP rule (not differentiation through the
// iteration): with `m = vᵀ ȧ v`, `ẇ = diag(m)` and
// `v̇ = v (F ∘ m)`, `F[i, j] = 1 / (w[j] - w[i])` off the diagonal.

extension Linalg {
  /// `jnp.linalg.eigh`: eigenvalues (ascending) and orthonormal
  /// eigenvectors (the columns of `eigenvectors`) of a symmetric matrix or
  /// batch of them, `a: [..., n, n]`, so that
  /// `a @ v == v * w[..., None, :]`.
  ///
  /// With `symmetrizeInput` (the default, as in JAX) the input is replaced
  /// by `(a + aᵀ) / 2`; otherwise only its `lower` (or upper) triangle is
  /// read. Eigenvectors are unique only up to sign (and up to a rotation
  /// within repeated eigenvalues), so they need not equal LAPACK's column
  /// for column. Gradients follow JAX's rule, which is undefined (inf/NaN)
  /// for repeated eigenvalues, as in JAX.
  ///
  /// ```swift
  /// let (w, v) = Linalg.eigh(jnp.array([[2.0, 1.0], [1.0, 2.0]]))   // w = [1, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a symmetric matrix or a batch of them, `[..., n, n]`.
  ///   - lower: without `symmetrizeInput`, read the lower (`true`, JAX's
  ///     `UPLO="L"`) or the upper triangle.
  ///   - symmetrizeInput: use `(a + aᵀ) / 2` (JAX's default).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func eigh(
    _ a: Tensor, lower: Bool = true, symmetrizeInput: Bool = true, file: StaticString = #fileID, line: UInt = #line
  ) -> (eigenvalues: Tensor, eigenvectors: Tensor) {
    if a.isInvalid || !checkSquare(a, "eigh", file: file, line: line) { return (.invalid, .invalid) }
    let o = LinalgOps(file, line)
    var x = Numpy.toInexact(a, file: file, line: line)
    if symmetrizeInput {
      x = o.mul(o.add(x, o.t(x)), o.c(0.5, x.dtype))
    } else if lower {
      x = o.add(Numpy.tril(x, file: file, line: line), o.t(Numpy.tril(x, k: -1, file: file, line: line)))
    } else {
      x = o.add(Numpy.triu(x, file: file, line: line), o.t(Numpy.triu(x, k: 1, file: file, line: line)))
    }
    let n = x.shape[x.rank - 1]
    if n == 0 { return (Numpy.zeros(Array(x.shape.dropLast()), dtype: x.dtype, file: file, line: line), x) }
    let f = customJVP({ (x: Tensor) -> [Tensor] in
      eighPrimal(x, file: file, line: line)
    }, jvp: { (x: Tensor, t: Tensor) -> ([Tensor], [Tensor]) in
      let wv = eighPrimal(x, file: file, line: line)
      let (w, v) = (wv[0], wv[1])
      let m = o.mm(o.mm(o.t(v), t), v)
      let eye = o.eye(n, x.dtype)
      let gaps = o.sub(Lax.expandDims(w, dimensions: [w.rank - 1], file: file, line: line), Lax.expandDims(w, dimensions: [w.rank], file: file, line: line))
      let fmat = o.sub(o.div(o.c(1, x.dtype), o.add(eye, gaps)), eye)
      return (wv, [o.diag(m), o.mm(v, o.mul(fmat, m))])
    }, name: "eigh", file: file, line: line)
    let out = f(x)
    return (out[0], out[1])
  }

  /// `jnp.linalg.eigvalsh`: the eigenvalues (ascending) of a symmetric
  /// matrix or batch of them; see ``eigh(_:lower:symmetrizeInput:file:line:)``.
  ///
  /// ```swift
  /// Linalg.eigvalsh(jnp.array([[2.0, 1.0], [1.0, 2.0]]))   // [1, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a symmetric matrix or a batch of them, `[..., n, n]`.
  ///   - lower: read the lower (`true`, JAX's `UPLO="L"`) or upper triangle
  ///     when `symmetrizeInput` is off.
  ///   - symmetrizeInput: use `(a + aᵀ) / 2` (JAX's default).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func eigvalsh(
    _ a: Tensor, lower: Bool = true, symmetrizeInput: Bool = true, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    eigh(a, lower: lower, symmetrizeInput: symmetrizeInput, file: file, line: line).eigenvalues
  }

  /// `[w, v]` for a symmetric inexact `x` with n > 0 (see the file comment).
  static func eighPrimal(_ x: Tensor, file: StaticString, line: UInt) -> [Tensor] {
    let o = LinalgOps(file, line)
    let r = x.rank, n = x.shape[r - 1]
    let rowSums = Lax.reduceSum(Lax.abs(x, file: file, line: line), axes: [r - 1], file: file, line: line)
    let c = Lax.reduceMax(rowSums, axes: [r - 2], file: file, line: line)
    let cI = o.mul(Lax.expandDims(c, dimensions: [c.rank, c.rank + 1], file: file, line: line), o.eye(n, x.dtype))
    let v0 = jacobiSVD(o.add(x, cI), wantVectors: true, file: file, line: line).v
    // Singular values come descending; reversing the columns orders the
    // eigenvectors by ascending eigenvalue.
    let v = Lax.rev(v0, dimensions: [r - 1], file: file, line: line)
    let w = o.sum(o.mul(v, o.mm(x, v)), [r - 2])
    // Rayleigh quotients of (nearly) repeated eigenvalues can come out of
    // order by an ulp; sort so the eigenvalues ascend exactly, as JAX's.
    let sortedW = Lax.sort([w], dimension: r - 2, file: file, line: line)[0]
    let key = Lax.broadcastInDim(w, shape: v.shape, broadcastDimensions: Array(0..<(r - 2)) + [r - 1], file: file, line: line)
    let sortedV = Lax.sort([key, v], dimension: r - 1, numKeys: 1, file: file, line: line)[1]
    return [sortedW, sortedV]
  }
}
