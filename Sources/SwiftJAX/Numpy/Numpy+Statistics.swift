// Weighted averages, ranges and covariance (`jnp.average`, `ptp`, `cov`,
// `corrcoef`, `percentile`), composed from the reductions with the dtype
// rules of jax.numpy 0.10.2 (integers are averaged in the default float).

extension Numpy {
  /// `jnp.average`: the mean along `axis`, weighted by `weights` when
  /// given. `weights` has `x`'s shape, or (with `axis`) the shape of the
  /// reduced axes in the order they are listed.
  ///
  /// ```swift
  /// jnp.average(jnp.array([1.0, 2.0, 4.0]), weights: jnp.array([1.0, 1.0, 2.0]))   // 2.75
  /// jnp.average(m, axis: 1, weights: jnp.array([0.2, 0.8]))                          // per-row weighted mean
  /// ```
  public static func average(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, weights: Tensor? = nil, keepDims: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid || weights?.isInvalid == true { return .invalid }
    guard let weights else { return mean(toInexact(x, file: file, line: line), axis: axis, keepDims: keepDims, file: file, line: line) }
    guard let axes = normalizeAxes(axis, rank: x.rank, "average", file: file, line: line) else { return .invalid }
    let pw = promoteDTypes([x, weights], file: file, line: line).map { toInexact($0, file: file, line: line) }
    let a = pw[0]
    var w = pw[1]
    if a.shape != w.shape {
      guard let axis else {
        return fail(.shape, "average", "axis must be specified when shapes of a \(shapeString(x.shape)) and weights \(shapeString(weights.shape)) differ", file: file, line: line)
      }
      // The listed order (not sorted) is the order of the weights' axes.
      let listed = axis.axesList.map { $0 < 0 ? $0 + x.rank : $0 }
      if w.shape != listed.map({ a.shape[$0] }) {
        return fail(.shape, "average", "shape of weights \(shapeString(weights.shape)) must match the shape of a \(shapeString(x.shape)) along axis \(axis.axesList)", file: file, line: line)
      }
      let order = listed.indices.sorted { listed[$0] < listed[$1] }
      let newShape = a.shape.indices.map { axes.contains($0) ? a.shape[$0] : 1 }
      w = reshape(Lax.transpose(w, order, file: file, line: line), newShape, file: file, line: line)
    }
    let total = sum(multiply(a, w, file: file, line: line), axis: axes, keepDims: keepDims, file: file, line: line)
    return trueDivide(total, sum(w, axis: axes, keepDims: keepDims, file: file, line: line), file: file, line: line)
  }

  /// `jnp.ptp` ("peak to peak"): `max - min` along `axis`.
  ///
  /// ```swift
  /// jnp.ptp(jnp.array([[4, 9], [2, 3]]), axis: 1)   // [5, 1]
  /// ```
  public static func ptp(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let hi = max(x, axis: axis, keepDims: keepDims, file: file, line: line)
    let lo = min(x, axis: axis, keepDims: keepDims, file: file, line: line)
    if anyInvalid(hi, lo) { return .invalid }
    return Lax.sub(hi, lo, file: file, line: line)
  }

  /// `jnp.percentile`: ``quantile(_:_:axis:keepDims:file:line:)`` with
  /// `q` in percent (linear interpolation).
  ///
  /// ```swift
  /// jnp.percentile(jnp.array([1.0, 2.0, 3.0, 4.0]), 25)   // 1.75
  /// ```
  public static func percentile(
    _ x: Tensor, _ q: Double, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if !(0...100).contains(q) { return fail(.value, "percentile", "q must be in [0, 100], got \(q)", file: file, line: line) }
    return quantile(x, q / 100, axis: axis, keepDims: keepDims, file: file, line: line)
  }

  /// `jnp.cov`: the covariance matrix of the variables in the rows of `m`
  /// (columns with `rowvar: false`), optionally with the extra variables
  /// `y`. Divides by `N - ddof` (default `N - 1`, or `N` with `bias`);
  /// a single variable gives a scalar.
  ///
  /// ```swift
  /// jnp.cov(jnp.array([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]))   // [[1, -1], [-1, 1]]
  /// ```
  public static func cov(
    _ m: Tensor, _ y: Tensor? = nil, rowvar: Bool = true, bias: Bool = false, ddof: Int? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if m.isInvalid || y?.isInvalid == true { return .invalid }
    if m.rank > 2 || (y?.rank ?? 0) > 2 {
      return fail(.shape, "cov", "m and y must have at most 2 dimensions, got m \(shapeString(m.shape))\(y.map { ", y " + shapeString($0.shape) } ?? "")", file: file, line: line)
    }
    let ins = promoteDTypes(y.map { [m, $0] } ?? [m], file: file, line: line).map { toInexact($0, file: file, line: line) }
    var xm = atleast2d(ins[0], file: file, line: line)
    if !rowvar && m.rank != 1 { xm = Lax.transpose(xm, [1, 0], file: file, line: line) }
    if xm.shape[0] == 0 { return zeros([0, 0], dtype: xm.dtype, file: file, line: line) }
    if y != nil {
      var ym = atleast2d(ins[1], file: file, line: line)
      if !rowvar && ym.shape[0] != 1 { ym = Lax.transpose(ym, [1, 0], file: file, line: line) }
      xm = concatenate([xm, ym], axis: 0, file: file, line: line)
      if xm.isInvalid { return .invalid }
    }
    let (vars, n) = (xm.shape[0], xm.shape[1])
    if n == 0 { return full(vars == 1 ? [] : [vars, vars], Tensor(weak: Double.nan), dtype: xm.dtype, file: file, line: line) }
    let f = n - (ddof ?? (bias ? 0 : 1))
    let centered = Lax.sub(xm, broadcastRanked(mean(xm, axis: 1, keepDims: true, file: file, line: line), to: xm.shape, file: file, line: line), file: file, line: line)
    // X · X^H: complex variables are conjugated, as in NumPy and JAX.
    let ct = Lax.transpose(centered, [1, 0], file: file, line: line)
    let c = dot(centered, centered.dtype.isComplex ? conj(ct, file: file, line: line) : ct, file: file, line: line)
    return squeeze(trueDivide(c, Tensor(weak: f), file: file, line: line), file: file, line: line)
  }

  /// `jnp.corrcoef`: Pearson correlation coefficients, the covariance
  /// normalised by the standard deviations and clipped to `[-1, 1]`.
  ///
  /// ```swift
  /// jnp.corrcoef(jnp.array([[0.0, 1.0, 2.0], [0.0, 2.0, 4.1]]))   // ≈ [[1, 1], [1, 1]]
  /// ```
  public static func corrcoef(_ x: Tensor, _ y: Tensor? = nil, rowvar: Bool = true, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let c = cov(x, y, rowvar: rowvar, file: file, line: line)
    if c.isInvalid { return .invalid }
    if c.rank == 0 { return trueDivide(c, c, file: file, line: line) }
    // Complex: the standard deviations are the roots of the (real)
    // variances, back in c's dtype, as JAX computes them.
    let d = diagonal(c, file: file, line: line)
    let sd = c.dtype.isComplex
      ? Lax.convertElementType(sqrt(real(d, file: file, line: line), file: file, line: line), c.dtype, file: file, line: line)
      : sqrt(d, file: file, line: line)
    let k = sd.shape[0]
    let rows = Lax.broadcastInDim(sd, shape: [k, k], broadcastDimensions: [0], file: file, line: line)
    let cols = Lax.broadcastInDim(sd, shape: [k, k], broadcastDimensions: [1], file: file, line: line)
    let r = Lax.div(Lax.div(c, rows, file: file, line: line), cols, file: file, line: line)
    let unit = { (t: Tensor) in clip(t, min: Tensor(weak: -1), max: Tensor(weak: 1), file: file, line: line) }
    // Complex: each part clipped to [-1, 1] (JAX's corrcoef).
    if r.dtype.isComplex {
      return Lax.complex(unit(real(r, file: file, line: line)), unit(imag(r, file: file, line: line)), file: file, line: line)
    }
    return unit(r)
  }
}
