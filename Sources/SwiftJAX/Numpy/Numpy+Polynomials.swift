// Polynomials as coefficient vectors, highest power first (NumPy's
// convention): `jnp.polyval`, `polyadd`, `polysub`.

extension Numpy {
  /// `jnp.polyval`: evaluates the polynomial with coefficients `p`
  /// (highest power first) at `x` by Horner's rule, with broadcasting.
  ///
  /// ```swift
  /// jnp.polyval(jnp.array([3.0, 0.0, 1.0]), jnp.array([5.0]))   // [76.0] (3·5² + 1)
  /// ```
  public static func polyval(_ p: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(p, x) { return .invalid }
    if p.rank == 0 { return fail(.shape, "polyval", "p must have at least one dimension, got a scalar", file: file, line: line) }
    let pv = promoteDTypes([p, x], file: file, line: line)
    guard let shape = broadcastShapes([Array(p.shape.dropFirst()), x.shape]) else {
      return fail(.shape, "polyval", "coefficients \(shapeString(p.shape)) do not broadcast with x \(shapeString(x.shape))", file: file, line: line)
    }
    let xs = broadcastRanked(pv[1], to: shape, file: file, line: line)
    var y = zeros(shape, dtype: xs.dtype, file: file, line: line)  // not weak, as lax.full_like with a dtype
    // Horner's rule unrolled over the static number of coefficients (JAX
    // scans; the arithmetic, in the same order, is the same).
    for i in 0..<p.shape[0] {
      let ci = Lax.squeeze(Lax.sliceInDim(pv[0], start: i, limit: i + 1, axis: 0, file: file, line: line), dimensions: [0], file: file, line: line)
      y = add(multiply(y, xs, file: file, line: line), ci, file: file, line: line)
    }
    return y
  }

  /// Pads the shorter of two 1-D coefficient vectors with leading zeros.
  private static func alignCoefficients(_ name: String, _ a: Tensor, _ b: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor)? {
    if a.rank != 1 || b.rank != 1 {
      report(.shape, name, "coefficients must be 1-D, got \(shapeString(a.shape)) and \(shapeString(b.shape))", file: file, line: line)
      return nil
    }
    let p = promoteDTypes([a, b], file: file, line: line)
    let n = Swift.max(a.shape[0], b.shape[0])
    func padded(_ x: Tensor) -> Tensor {
      x.shape[0] == n ? x : concatenate([zeros([n - x.shape[0]], dtype: x.dtype, file: file, line: line), x], axis: 0, file: file, line: line)
    }
    return (padded(p[0]), padded(p[1]))
  }

  /// `jnp.polyadd`: the sum of two polynomials (coefficient vectors of
  /// any lengths, highest power first).
  ///
  /// ```swift
  /// jnp.polyadd(jnp.array([1, 2]), jnp.array([1, 0, 0]))   // [1, 1, 2]
  /// ```
  public static func polyadd(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    guard let (x, y) = alignCoefficients("polyadd", a, b, file: file, line: line) else { return .invalid }
    return add(x, y, file: file, line: line)
  }

  /// `jnp.polysub`: `a - b` as polynomials.
  ///
  /// ```swift
  /// jnp.polysub(jnp.array([1, 2]), jnp.array([1, 0, 0]))   // [-1, 1, 2]
  /// ```
  public static func polysub(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    guard let (x, y) = alignCoefficients("polysub", a, b, file: file, line: line) else { return .invalid }
    return subtract(x, y, file: file, line: line)
  }
}
