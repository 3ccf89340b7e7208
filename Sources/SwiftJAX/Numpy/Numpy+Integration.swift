// Numerical integration of samples: `jnp.trapezoid`.

extension Numpy {
  /// `y` with axis `axis` moved last, and its first and last entries there.
  private static func lastAxisEnds(_ y: Tensor, file: StaticString, line: UInt) -> (Tensor, Tensor) {
    let r = y.rank - 1, n = y.shape[r]
    let first = Lax.squeeze(Lax.sliceInDim(y, start: 0, limit: 1, axis: r, file: file, line: line), dimensions: [r], file: file, line: line)
    let last = Lax.squeeze(Lax.sliceInDim(y, start: n - 1, limit: n, axis: r, file: file, line: line), dimensions: [r], file: file, line: line)
    return (first, last)
  }

  /// `jnp.trapezoid`: the trapezoidal-rule integral of `y` along `axis`,
  /// with sample points `x` (1-D, or shaped like `y`) or uniform spacing `dx`.
  ///
  /// ```swift
  /// jnp.trapezoid(jnp.array([1.0, 2.0, 3.0]))                               // 4.0
  /// jnp.trapezoid(jnp.array([1.0, 2.0, 3.0]), x: jnp.array([0.0, 1.0, 3.0]))  // 6.5
  /// ```
  public static func trapezoid(
    _ y: Tensor, x: Tensor? = nil, dx: Double = 1, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if y.isInvalid || x?.isInvalid == true { return .invalid }
    guard let a = normalizeAxis(axis, rank: y.rank, "trapezoid", file: file, line: line) else { return .invalid }
    if y.shape[a] == 0 {
      return fail(.shape, "trapezoid", "cannot integrate over an empty axis (axis \(axis) of shape \(shapeString(y.shape)))", file: file, line: line)
    }
    guard let x else {
      let ym = moveaxis(toInexact(y, file: file, line: line), source: a, destination: -1, file: file, line: line)
      let (first, last) = lastAxisEnds(ym, file: file, line: line)
      let inner = subtract(sum(ym, axis: -1, file: file, line: line), multiply(Tensor(weak: 0.5), add(first, last, file: file, line: line), file: file, line: line), file: file, line: line)
      return multiply(Tensor(weak: dx), inner, file: file, line: line)
    }
    if x.rank != 1 && x.rank != y.rank {
      return fail(.shape, "trapezoid", "x must be 1-D or have the rank of y: y \(shapeString(y.shape)), x \(shapeString(x.shape))", file: file, line: line)
    }
    let p = promoteDTypes([y, x], file: file, line: line).map { toInexact($0, file: file, line: line) }
    let ym = moveaxis(p[0], source: a, destination: -1, file: file, line: line)
    let d = x.rank == 1 ? diff(p[1], file: file, line: line) : moveaxis(diff(p[1], axis: a, file: file, line: line), source: a, destination: -1, file: file, line: line)
    if d.isInvalid || ym.isInvalid { return .invalid }
    let n = ym.shape[ym.rank - 1]
    // Constant spacing along the axis: the same shortcut as JAX.
    if d.shape[d.rank - 1] == 1 {
      let (first, last) = lastAxisEnds(ym, file: file, line: line)
      let inner = subtract(sum(ym, axis: -1, file: file, line: line), multiply(Tensor(weak: 0.5), add(first, last, file: file, line: line), file: file, line: line), file: file, line: line)
      return multiply(Lax.squeeze(d, dimensions: [d.rank - 1], file: file, line: line), inner, file: file, line: line)
    }
    let r = ym.rank - 1
    let mids = add(Lax.sliceInDim(ym, start: 1, limit: n, axis: r, file: file, line: line), Lax.sliceInDim(ym, start: 0, limit: n - 1, axis: r, file: file, line: line), file: file, line: line)
    return multiply(Tensor(weak: 0.5), sum(multiply(d, mids, file: file, line: line), axis: -1, file: file, line: line), file: file, line: line)
  }
}
