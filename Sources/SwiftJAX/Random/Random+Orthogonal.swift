import Foundation

/// Random orthogonal matrices, as JAX 0.10.2 samples them.
extension Random {
  /// Samples uniformly (Haar measure) from the orthogonal group O(n)
  /// (`jax.random.orthogonal`; Mezzadri, 2007): the QR factor of a normal
  /// matrix with its columns' signs fixed by `sign(diag(r))`. With `m != n`
  /// the result is semi-orthogonal: orthonormal rows when `n <= m`,
  /// orthonormal columns when `m <= n`. The result has shape `shape + [n, m]`.
  ///
  /// ```swift
  /// let q = Random.orthogonal(key, n: 3)                 // q qᵀ = I
  /// let w = Random.orthogonal(key, n: 2, shape: [5], m: 4)   // f32[5, 2, 4]
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - n: the number of rows.
  ///   - shape: the batch dimensions of the result.
  ///   - dtype: a floating-point dtype (float32 by default).
  ///   - m: the number of columns; defaults to `n`.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func orthogonal<K: RandomKey>(
    _ key: K, n: Int, shape: [Int] = [], dtype: DType = .float32, m: Int? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let cols = m ?? n
    guard let (k1, k2, d, info) = prologue(key, dtype, "orthogonal", site),
          let shape = sampleShape("orthogonal", shape, [], site) else { return .invalid }
    guard n >= 0, cols >= 0 else {
      JAXError.raise(JAXError(.value, "orthogonal", "n and m must be nonnegative, got n=\(n), m=\(cols)", site: site))
      return .invalid
    }
    let z = normalImpl(k1, k2, shape: shape + [Swift.max(n, cols), Swift.min(n, cols)], d, info, site)
    let (q, r) = Linalg.qr(z, file: file, line: line)
    let signs = Lax.sign(Numpy.diagonal(r, axis1: -2, axis2: -1))
    let x = Numpy.multiply(q, Numpy.expandDims(signs, axis: -2))
    return n < cols ? Numpy.matrixTranspose(x) : x
  }
}
