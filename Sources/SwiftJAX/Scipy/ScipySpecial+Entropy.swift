// jax.scipy.special's entropy functions (entr, rel_entr, kl_div), the
// Box-Cox transforms and the exponentially scaled Bessel functions, with
// JAX's formulas (jax/_src/scipy/special.py) and its custom derivative of
// x log x.

extension ScipySpecial {
  /// `_xlogx`: x · log(x) (0 at x = 0) with JAX's derivative log(x) + 1.
  static func xlogx(_ x: Tensor, file: StaticString, line: UInt) -> Tensor {
    let o = LinalgOps(file, line)
    let f = customJVP({ (x: Tensor) -> Tensor in xlogy(x, x, file: file, line: line) }, jvp: { x, t in
      (xlogy(x, x, file: file, line: line), o.mul(t, o.add(o.log(x), o.c(1, x.dtype))))
    }, name: "xlogx", file: file, line: line)
    return f(x)
  }

  /// `jax.scipy.special.entr`: -x log x for x ≥ 0 (0 at 0), -inf for x < 0.
  ///
  /// ```swift
  /// Scipy.special.entr(jnp.array([0.5, 0.0, -1.0]))   // [0.34657359, 0, -inf]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument (real).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func entr(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    if x.dtype.isComplex { return Numpy.fail(.dtype, "entr", "entr does not support complex-valued inputs.", file: file, line: line) }
    let v = Numpy.toInexact(x, file: file, line: line)
    let negative = Lax.lt(v, Numpy.scalar(0, v.dtype), file: file, line: line)
    return Lax.select(negative, Lax.fullLike(v, Numpy.scalar(-.infinity, v.dtype)), Lax.neg(xlogx(v, file: file, line: line)), file: file, line: line)
  }

  /// `jax.scipy.special.rel_entr`: p log(p/q) for p, q > 0; 0 for p = 0,
  /// q ≥ 0; +inf otherwise.
  ///
  /// ```swift
  /// Scipy.special.relEntr(jnp.array([0.5, 0.0]), jnp.array([0.25, 1.0]))   // [0.34657359, 0]
  /// ```
  ///
  /// - Parameters:
  ///   - p: the first distribution's values.
  ///   - q: the second distribution's values.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func relEntr(_ p: Tensor, _ q: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(p, q) { return .invalid }
    if p.dtype.isComplex || q.dtype.isComplex {
      return Numpy.fail(.dtype, "rel_entr", "rel_entr does not support complex-valued inputs.", file: file, line: line)
    }
    let o = LinalgOps(file, line)
    let v = inexactBroadcast([p, q], file: file, line: line)
    let (pv, qv) = (v[0], v[1])
    let zero = o.c(0, pv.dtype), one = o.c(1, pv.dtype)
    let bothPositive = Lax.and(Lax.gt(pv, zero, file: file, line: line), Lax.gt(qv, zero, file: file, line: line), file: file, line: line)
    let pZero = Lax.and(Lax.eq(pv, zero, file: file, line: line), Lax.ge(qv, zero, file: file, line: line), file: file, line: line)
    let safeP = o.where(bothPositive, pv, one), safeQ = o.where(bothPositive, qv, one)
    let logVal = Lax.sub(xlogx(safeP, file: file, line: line), xlogy(safeP, safeQ, file: file, line: line), file: file, line: line)
    return o.where(bothPositive, logVal, o.where(pZero, zero, o.c(.infinity, pv.dtype)))
  }

  /// `jax.scipy.special.kl_div`: rel_entr(p, q) - p + q.
  ///
  /// ```swift
  /// Scipy.special.klDiv(jnp.array([0.5]), jnp.array([0.25]))   // ≈ [0.09657359]
  /// ```
  ///
  /// - Parameters:
  ///   - p: the first distribution's values.
  ///   - q: the second distribution's values.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func klDiv(_ p: Tensor, _ q: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(p, q) { return .invalid }
    let o = LinalgOps(file, line)
    let v = inexactBroadcast([p, q], file: file, line: line)
    return o.add(o.sub(relEntr(v[0], v[1], file: file, line: line), v[0]), v[1])
  }

  /// `jax.scipy.special.boxcox`: (x^λ - 1)/λ, or log x where λ = 0.
  ///
  /// ```swift
  /// Scipy.special.boxcox(jnp.array([2.0]), jnp.array([0.5]))   // [0.82842712]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the data.
  ///   - lmbda: the power parameter λ.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func boxcox(_ x: Tensor, _ lmbda: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    boxcoxFamily(x, lmbda, onePlus: false, file: file, line: line)
  }

  /// `jax.scipy.special.boxcox1p`: ((1+x)^λ - 1)/λ, or log1p x where λ = 0.
  ///
  /// ```swift
  /// Scipy.special.boxcox1p(jnp.array([1.0]), jnp.array([0.5]))   // [0.82842712]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the data.
  ///   - lmbda: the power parameter λ.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func boxcox1p(_ x: Tensor, _ lmbda: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    boxcoxFamily(x, lmbda, onePlus: true, file: file, line: line)
  }

  static func boxcoxFamily(_ x: Tensor, _ lmbda: Tensor, onePlus: Bool, file: StaticString, line: UInt) -> Tensor {
    if Numpy.anyInvalid(x, lmbda) { return .invalid }
    let o = LinalgOps(file, line)
    let v = inexact([x, lmbda], file: file, line: line)
    let isZero = Numpy.equal(v[1], o.c(0, v[1].dtype), file: file, line: line)
    let safe = o.where(isZero, Numpy.onesLike(v[1], file: file, line: line), v[1])
    let logX = onePlus ? Numpy.log1p(v[0], file: file, line: line) : o.log(v[0])
    let power = o.div(Numpy.expm1(o.mul(safe, logX), file: file, line: line), safe)
    return o.where(isZero, logX, power)
  }

  /// `jax.scipy.special.i0e`: the exponentially scaled modified Bessel
  /// function of order 0, e^(-|x|) I₀(x).
  ///
  /// ```swift
  /// Scipy.special.i0e(jnp.array([0.0, 1.0]))   // [1, 0.4657596]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func i0e(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.besselI0e(Numpy.toInexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.i0`: the modified Bessel function of order 0,
  /// computed as e^|x| · i0e(x).
  ///
  /// ```swift
  /// Scipy.special.i0(jnp.array([0.0, 1.0]))   // [1, 1.2660658]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func i0(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let v = Numpy.toInexact(x, file: file, line: line)
    return Lax.mul(Lax.exp(Lax.abs(v, file: file, line: line), file: file, line: line), Lax.besselI0e(v, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.i1e`: the exponentially scaled modified Bessel
  /// function of order 1, e^(-|x|) I₁(x).
  ///
  /// ```swift
  /// Scipy.special.i1e(jnp.array([0.0, 1.0]))   // [0, 0.20791042]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func i1e(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.besselI1e(Numpy.toInexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.i1`: the modified Bessel function of order 1,
  /// computed as e^|x| · i1e(x).
  ///
  /// ```swift
  /// Scipy.special.i1(jnp.array([0.0, 1.0]))   // [0, 0.5651591]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func i1(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let v = Numpy.toInexact(x, file: file, line: line)
    return Lax.mul(Lax.exp(Lax.abs(v, file: file, line: line), file: file, line: line), Lax.besselI1e(v, file: file, line: line), file: file, line: line)
  }
}
