/// `jnp.poly`, `jnp.polydiv` and `jnp.polyfit`, with JAX's algorithms
/// (repeated convolution, long division with static loop bounds, and a
/// column-scaled least-squares fit).
extension Numpy {
  /// `jnp.poly`: the coefficients (highest power first) of the monic
  /// polynomial with the given roots. Matrix input (the characteristic
  /// polynomial) would multiply out complex eigenvalues, and the
  /// convolution has no complex support yet, so only 1-D roots are supported.
  ///
  /// ```swift
  /// jnp.poly(jnp.array([1.0, 2.0]))   // [ 1. -3.  2.]
  /// ```
  /// - Parameters:
  ///   - roots: the roots, a 1-D array (or a scalar).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func poly(_ roots: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if roots.isInvalid { return .invalid }
    let z = atleast1d(toInexact(roots, file: file, line: line), file: file, line: line)
    if z.rank == 2 && z.shape[0] == z.shape[1] && z.shape[0] != 0 {
      return fail(.shape, "poly", "the characteristic polynomial of a matrix (shape \(shapeString(z.shape))) is not implemented: its roots are complex eigenvalues and poly's convolution has no complex support yet; pass real roots as a 1-D array", file: file, line: line)
    }
    if z.rank != 1 { return fail(.shape, "poly", "input must be 1d or non-empty square 2d array, got shape \(shapeString(roots.shape))", file: file, line: line) }
    let d = z.dtype
    if z.count == 0 { return scalar(1, d) }
    var a = Lax.full([1], scalar(1, d), file: file, line: line)
    for k in 0..<z.count {
      let root = Lax.sliceInDim(z, start: k, limit: k + 1, axis: 0, file: file, line: line)
      let factor = Lax.concatenate([Lax.full([1], scalar(1, d), file: file, line: line), negative(root, file: file, line: line)], dimension: 0, file: file, line: line)
      a = convolve(a, factor, mode: .full, file: file, line: line)
    }
    return a
  }

  /// `jnp.polydiv`: the quotient and remainder of dividing polynomial `u`
  /// by `v` (coefficients highest power first). The remainder keeps `u`'s
  /// length, with leading zeros, as JAX returns it.
  ///
  /// ```swift
  /// let (q, r) = jnp.polydiv(jnp.array([1.0, -3.0, 2.0]), jnp.array([1.0, -1.0]))   // [ 1. -2.], [0. 0. 0.]
  /// ```
  /// - Parameters:
  ///   - u: the dividend, 1-D.
  ///   - v: the divisor, 1-D with a non-zero leading coefficient.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func polydiv(_ u: Tensor, _ v: Tensor, file: StaticString = #fileID, line: UInt = #line) -> (quotient: Tensor, remainder: Tensor) {
    if anyInvalid(u, v) { return (.invalid, .invalid) }
    if u.rank != 1 || v.rank != 1 || v.count == 0 {
      report(.shape, "polydiv", "u and v must be 1-D coefficient arrays and v non-empty, got \(shapeString(u.shape)) and \(shapeString(v.shape))", file: file, line: line)
      return (.invalid, .invalid)
    }
    let p = promoteDTypes([u, v], file: file, line: line).map { toInexact($0, file: file, line: line) }
    var rem = p[0]
    let divisor = p[1], d = rem.dtype
    let (m, n) = (u.count - 1, v.count - 1)
    let scale = divide(Tensor(weak: 1.0), Lax.reshape(Lax.sliceInDim(divisor, start: 0, limit: 1, axis: 0, file: file, line: line), [], file: file, line: line), file: file, line: line)
    var q: [Tensor] = []
    if m - n >= 0 {
      for k in 0...(m - n) {
        let coefficient = multiply(scale, Lax.reshape(Lax.sliceInDim(rem, start: k, limit: k + 1, axis: 0, file: file, line: line), [], file: file, line: line), file: file, line: line)
        q.append(coefficient)
        // u[k:k+n+1] += -d * v, as JAX writes it (a + (-b) is a - b exactly).
        let window = Lax.sliceInDim(rem, start: k, limit: k + n + 1, axis: 0, file: file, line: line)
        let updated = add(window, negative(multiply(coefficient, divisor, file: file, line: line), file: file, line: line), file: file, line: line)
        rem = Lax.concatenate([
          Lax.sliceInDim(rem, start: 0, limit: k, axis: 0, file: file, line: line), updated,
          Lax.sliceInDim(rem, start: k + n + 1, limit: m + 1, axis: 0, file: file, line: line),
        ], dimension: 0, file: file, line: line)
      }
    }
    let quotient = q.isEmpty ? zeros([1], dtype: d, file: file, line: line) : Lax.stack(q.map { convert($0, to: d, weak: false, file: file, line: line) }, file: file, line: line)
    return (quotient, rem)
  }

  /// `jnp.polyfit`: the least-squares polynomial of degree `deg` through
  /// the points `(x, y)` (coefficients highest power first); `y` of shape
  /// `[n, k]` fits `k` polynomials at once. The Vandermonde columns are
  /// scaled to unit norm before solving, as in JAX.
  ///
  /// ```swift
  /// jnp.polyfit(jnp.array([0.0, 1.0, 2.0]), jnp.array([1.0, 3.0, 5.0]), deg: 1)   // [2. 1.]
  /// ```
  /// - Parameters:
  ///   - x: the sample positions, 1-D, non-empty and floating-point.
  ///   - y: the values, `[n]` or `[n, k]`.
  ///   - deg: the degree of the polynomial.
  ///   - rcond: relative cut-off for small singular values (default `n · eps`).
  ///   - weights: a weight per sample (applied to the residuals), or nil.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func polyfit(
    _ x: Tensor, _ y: Tensor, deg: Int, rcond: Double? = nil, weights: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if anyInvalid(x, y) || weights?.isInvalid == true { return .invalid }
    if deg < 0 { return fail(.value, "polyfit", "expected deg >= 0, got \(deg)", file: file, line: line) }
    if x.rank != 1 || x.count == 0 { return fail(.shape, "polyfit", "expected a non-empty 1-D vector for x, got shape \(shapeString(x.shape))", file: file, line: line) }
    if y.rank < 1 || y.rank > 2 || y.shape[0] != x.shape[0] {
      return fail(.shape, "polyfit", "expected y of shape [n] or [n, k] with n = len(x), got x \(shapeString(x.shape)) and y \(shapeString(y.shape))", file: file, line: line)
    }
    if let weights, weights.shape != [x.count] {
      return fail(.shape, "polyfit", "expected a 1-D weight per sample, got weights \(shapeString(weights.shape)) for x \(shapeString(x.shape))", file: file, line: line)
    }
    // JAX takes rcond from x's finfo, so x must be a floating-point array.
    if !x.dtype.isFloatingPoint { return fail(.dtype, "polyfit", "x must have a floating-point dtype (JAX reads its finfo), got \(x.dtype)", file: file, line: line) }
    let xf = x
    let mantissaBits: Int = xf.dtype == .float64 ? 52 : xf.dtype == .float32 ? 23 : 10
    let eps = Double(sign: .plus, exponent: -mantissaBits, significand: 1)
    var lhs = vander(xf, n: deg + 1, file: file, line: line)
    var rhs = y
    if let weights {
      let w = toInexact(weights, file: file, line: line)
      lhs = multiply(lhs, expandDims(w, axis: 1, file: file, line: line), file: file, line: line)
      rhs = multiply(rhs, y.rank == 2 ? expandDims(w, axis: 1, file: file, line: line) : w, file: file, line: line)
    }
    let scale = sqrt(sum(multiply(lhs, lhs, file: file, line: line), axis: 0, file: file, line: line), file: file, line: line)
    lhs = divide(lhs, expandDims(scale, axis: 0, file: file, line: line), file: file, line: line)
    let c = Linalg.lstsq(lhs, rhs, rcond: rcond ?? Double(x.count) * eps, file: file, line: line).solution
    return divide(c, c.rank > 1 ? expandDims(scale, axis: 1, file: file, line: line) : scale, file: file, line: line)
  }
}
