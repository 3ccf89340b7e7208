// Small special functions of jax.numpy 0.10.2: `jnp.heaviside`, `jnp.i0`.

extension Numpy {
  /// `jnp.heaviside`: 0 for `x < 0`, 1 for `x > 0`, and `h0` at 0 (NaN
  /// stays NaN). Computed in the promoted inexact dtype.
  ///
  /// ```swift
  /// jnp.heaviside(jnp.array([-1.0, 0.0, 2.0]), jnp.array(0.5))   // [0, 0.5, 1]
  /// ```
  public static func heaviside(_ x: Tensor, _ h0: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(x, h0) { return .invalid }
    let p = promoteDTypes([x, h0], file: file, line: line).map { toInexact($0, file: file, line: line) }
    let (a, h) = (p[0], p[1])
    let zero = scalar(0, a.dtype, weak: a.weakType), one = scalar(1, a.dtype, weak: a.weakType)
    let atZero = `where`(isnan(a, file: file, line: line), a, h, file: file, line: line)
    let positive = `where`(Lax.gt(a, zero, file: file, line: line), one, atZero, file: file, line: line)
    return `where`(Lax.lt(a, zero, file: file, line: line), zero, positive, file: file, line: line)
  }

  /// `jnp.i0`: the modified Bessel function of the first kind of order
  /// zero, `exp(|x|) * i0e(|x|)` (its derivative is `i1`).
  ///
  /// ```swift
  /// jnp.i0(jnp.array([0.0, 1.0]))   // [1, 1.2660658]
  /// ```
  public static func i0(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = Lax.abs(toInexact(x, file: file, line: line), file: file, line: line)
    return Lax.mul(Lax.exp(a, file: file, line: line), Lax.besselI0e(a, file: file, line: line), file: file, line: line)
  }
}
