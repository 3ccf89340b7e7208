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

  /// `jnp.polymul`: the product of two polynomials (the full convolution
  /// of their coefficients, in the promoted inexact dtype).
  ///
  /// ```swift
  /// jnp.polymul(jnp.array([1, 1]), jnp.array([1, -1]))   // [1, 0, -1]
  /// ```
  public static func polymul(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, b) { return .invalid }
    if a.rank != 1 || b.rank != 1 {
      return fail(.shape, "polymul", "coefficients must be 1-D, got \(shapeString(a.shape)) and \(shapeString(b.shape))", file: file, line: line)
    }
    let p = promoteDTypes([a, b], file: file, line: line).map { toInexact($0, file: file, line: line) }
    // An empty polynomial is the zero polynomial.
    let x = p[0].shape[0] == 0 ? zeros([1], dtype: p[1].dtype, file: file, line: line) : p[0]
    let y = p[1].shape[0] == 0 ? zeros([1], dtype: x.dtype, file: file, line: line) : p[1]
    return convolve(x, y, mode: .full, file: file, line: line)
  }

  /// `jnp.polyder`: the coefficients of the `m`-th derivative.
  ///
  /// ```swift
  /// jnp.polyder(jnp.array([1.0, 2.0, 3.0]))   // [2, 2]
  /// ```
  public static func polyder(_ p: Tensor, m: Int = 1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if p.isInvalid { return .invalid }
    if p.rank != 1 { return fail(.shape, "polyder", "coefficients must be 1-D, got \(shapeString(p.shape))", file: file, line: line) }
    if m < 0 { return fail(.value, "polyder", "the order of the derivative must be non-negative, got \(m)", file: file, line: line) }
    let a = toInexact(p, file: file, line: line)
    let n = a.shape[0]
    if m == 0 { return a }
    // Coefficient of x^j after m derivatives: j (j-1) ... (j-m+1), exact
    // integers computed statically (JAX takes the same product in-graph).
    let factors: [Double] = (m..<Swift.max(n, m)).map { j in (0..<m).reduce(1.0) { $0 * Double(j - $1) } }.reversed()
    let head = Lax.sliceInDim(a, start: 0, limit: Swift.max(n - m, 0), axis: 0, file: file, line: line)
    return Lax.mul(head, Tensor(factors, shape: [factors.count], dtype: a.dtype, file: file, line: line), file: file, line: line)
  }

  /// `jnp.polyint`: the coefficients of the `m`-th antiderivative with
  /// integration constant `k` (the same for every step).
  ///
  /// ```swift
  /// jnp.polyint(jnp.array([3.0, 2.0, 1.0]))   // [1, 1, 1, 0]
  /// ```
  public static func polyint(_ p: Tensor, m: Int = 1, k: Double = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if p.isInvalid { return .invalid }
    if p.rank != 1 { return fail(.shape, "polyint", "coefficients must be 1-D, got \(shapeString(p.shape))", file: file, line: line) }
    if m < 0 { return fail(.value, "polyint", "the order of the integral must be non-negative, got \(m)", file: file, line: line) }
    let a = toInexact(p, file: file, line: line)
    if m == 0 { return a }
    let n = a.shape[0]
    // Divisor of the coefficient that ends at power j: j (j-1) ... (j-m+1), at least 1 per factor.
    let divisors: [Double] = (0..<(n + m)).map { j in (0..<m).reduce(1.0) { $0 * Swift.max(1, Double(j - $1)) } }.reversed()
    let constants = Lax.broadcastInDim(scalar(k, a.dtype), shape: [m], broadcastDimensions: [], file: file, line: line)
    let all = concatenate([a, constants], axis: 0, file: file, line: line)
    return Lax.div(all, Tensor(divisors, shape: [divisors.count], dtype: a.dtype, file: file, line: line), file: file, line: line)
  }
}
