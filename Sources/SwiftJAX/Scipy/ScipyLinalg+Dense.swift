// jax.scipy.linalg's spellings of the dense routines that jnp.linalg also
// has: the same implementations (Numpy/Linalg), with SciPy's argument
// conventions where they differ (qr's default mode, eigh's lower/
// eigvals_only).

extension ScipyLinalg {
  /// `jax.scipy.linalg.det`: the determinant, as ``Linalg/det(_:file:line:)``.
  ///
  /// ```swift
  /// Scipy.linalg.det(jnp.array([[1.0, 2.0], [3.0, 4.0]]))   // -2
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or batch of them, `[..., n, n]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func det(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Linalg.det(a, file: file, line: line)
  }

  /// `jax.scipy.linalg.inv`: the inverse, as ``Linalg/inv(_:file:line:)``.
  ///
  /// ```swift
  /// Scipy.linalg.inv(jnp.array([[2.0, 0.0], [0.0, 4.0]]))   // [[0.5, 0], [0, 0.25]]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or batch of them, `[..., n, n]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func inv(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Linalg.inv(a, file: file, line: line)
  }

  /// `jax.scipy.linalg.solve`: `x` with `a @ x == b` (general `a`), as
  /// ``Linalg/solve(_:_:file:line:)``.
  ///
  /// ```swift
  /// Scipy.linalg.solve(jnp.array([[3.0, 1.0], [1.0, 2.0]]), jnp.array([9.0, 8.0]))   // [2, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the coefficient matrix, `[..., n, n]`.
  ///   - b: the right-hand side, `[..., n]` or `[..., n, k]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func solve(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Linalg.solve(a, b, file: file, line: line)
  }

  /// `jax.scipy.linalg.eigh` for one matrix: eigenvalues (ascending) and
  /// eigenvectors of a symmetric `a`. As in JAX (unlike SciPy), the input
  /// is symmetrized, `(a + aᵀ) / 2`, so `lower` changes nothing.
  ///
  /// ```swift
  /// let (w, v) = Scipy.linalg.eigh(jnp.array([[2.0, 1.0], [1.0, 2.0]]))   // w = [1, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a symmetric matrix or batch of them, `[..., n, n]`.
  ///   - lower: SciPy's triangle choice, accepted for compatibility.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func eigh(_ a: Tensor, lower: Bool = true, file: StaticString = #fileID, line: UInt = #line) -> (w: Tensor, v: Tensor) {
    let (w, v) = Linalg.eigh(a, lower: lower, symmetrizeInput: true, file: file, line: line)
    return (w, v)
  }

  /// `jax.scipy.linalg.svd`: `a = u @ diag(s) @ vh`, as
  /// ``Linalg/svd(_:fullMatrices:file:line:)``.
  ///
  /// ```swift
  /// let (u, s, vh) = Scipy.linalg.svd(a, fullMatrices: false)
  /// ```
  ///
  /// - Parameters:
  ///   - a: a matrix or batch of them, `[..., m, n]`.
  ///   - fullMatrices: square `u` and `vh` (SciPy's default) or reduced.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func svd(
    _ a: Tensor, fullMatrices: Bool = true, file: StaticString = #fileID, line: UInt = #line
  ) -> (u: Tensor, s: Tensor, vh: Tensor) {
    Linalg.svd(a, fullMatrices: fullMatrices, file: file, line: line)
  }

  /// `jax.scipy.linalg.qr`: `a = q @ r`. SciPy's default `mode="full"`
  /// gives a square `q`; `economic: true` is `mode="economic"`.
  ///
  /// ```swift
  /// let (q, r) = Scipy.linalg.qr(a)   // q: [m, m], r: [m, n]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a matrix or batch of them, `[..., m, n]`.
  ///   - economic: reduced factors (`q: [..., m, k]`, `r: [..., k, n]`).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func qr(_ a: Tensor, economic: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> (q: Tensor, r: Tensor) {
    Linalg.qr(a, reduced: economic, file: file, line: line)
  }
}
