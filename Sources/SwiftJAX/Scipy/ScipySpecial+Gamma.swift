// jax.scipy.special's gamma and beta family, incomplete integrals, zeta,
// polygamma and the Bessel wrappers: each promotes and broadcasts its
// arguments as JAX's `promote_args_inexact`, then applies the formula of
// jax/_src/scipy/special.py (mostly one lax function).

extension ScipySpecial {
  /// `promote_args_inexact`: promotes to one inexact dtype and broadcasts
  /// to one shape (the lax special functions broadcast only equal ranks).
  static func inexactBroadcast(_ xs: [Tensor], file: StaticString, line: UInt) -> [Tensor] {
    Numpy.broadcastArrays(inexact(xs, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.gammainc`: the regularized lower incomplete gamma
  /// function P(a, x) (``Lax/igamma(_:_:file:line:)``).
  ///
  /// ```swift
  /// Scipy.special.gammainc(Tensor(1.0), jnp.array([1.0, 2.0]))   // [0.63212055, 0.86466473]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the shape parameter.
  ///   - x: the upper limit of integration.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func gammainc(_ a: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(a, x) { return .invalid }
    let v = inexactBroadcast([a, x], file: file, line: line)
    return Lax.igamma(v[0], v[1], file: file, line: line)
  }

  /// `jax.scipy.special.gammaincc`: the regularized upper incomplete
  /// gamma function Q(a, x) = 1 - P(a, x) (``Lax/igammac(_:_:file:line:)``).
  ///
  /// ```swift
  /// Scipy.special.gammaincc(Tensor(1.0), jnp.array([1.0, 2.0]))   // [0.36787945, 0.13533528]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the shape parameter.
  ///   - x: the lower limit of integration.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func gammaincc(_ a: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(a, x) { return .invalid }
    let v = inexactBroadcast([a, x], file: file, line: line)
    return Lax.igammac(v[0], v[1], file: file, line: line)
  }

  /// `jax.scipy.special.betainc`: the regularized incomplete beta
  /// function I_x(a, b) (``Lax/betainc(_:_:_:file:line:)``;
  /// differentiable in `x` only, as in JAX).
  ///
  /// ```swift
  /// Scipy.special.betainc(Tensor(2.0), Tensor(3.0), jnp.array([0.5]))   // [0.6875]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the first shape parameter.
  ///   - b: the second shape parameter.
  ///   - x: the point in [0, 1].
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func betainc(_ a: Tensor, _ b: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(a, b, x) { return .invalid }
    let v = inexactBroadcast([a, b, x], file: file, line: line)
    return Lax.betainc(v[0], v[1], v[2], file: file, line: line)
  }

  /// `jax.scipy.special.zeta`: the Hurwitz zeta function ζ(x, q)
  /// (``Lax/zeta(_:_:file:line:)``), differentiable in both arguments
  /// through JAX's series expansion.
  ///
  /// ```swift
  /// Scipy.special.zeta(jnp.array([2.0, 4.0]), Tensor(1.0))   // [1.644934, 1.0823232]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the exponent.
  ///   - q: the shift.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func zeta(_ x: Tensor, _ q: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(x, q) { return .invalid }
    let v = inexactBroadcast([x, q], file: file, line: line)
    // JAX's rule: the JVP of a series expansion of ζ (lax.zeta itself has none).
    let f = customJVP({ (x: Tensor, q: Tensor) -> Tensor in Lax.zeta(x, q, file: file, line: line) }, jvp: { p, t in
      jvp({ (s: Tensor, a: Tensor) in zetaSeriesExpansion(s, a, file: file, line: line) }, primals: p, tangents: t)
    }, name: "zeta", file: file, line: line)
    return f(v[0], v[1])
  }

  /// (2k)!/B₂ₖ, JAX's `_BERNOULLI_COEFS`: Python's correctly rounded
  /// int / int quotients (12, -720, 30240, ..., -1307674368000 / 691, ...,
  /// -134196726836183700385281186201600000000 / 7709321041217), written as
  /// the exact doubles NumPy holds (a Swift `Double` quotient of the two
  /// integer literals would round each big literal first).
  private static let bernoulliCoefficients: [Double] = [
    0x1.8000000000000p+3, -0x1.6800000000000p+9, 0x1.d880000000000p+14, -0x1.2750000000000p+20,
    0x1.6d73000000000p+25, -0x1.c331393146053p+30, 0x1.165e990000000p+36, -0x1.5770bf3df7150p+41,
    0x1.a7b51e18d632bp+46, -0x1.055d6586f1431p+52, 0x1.427237ec0a9dep+57, -0x1.8dcd555480632p+62,
    0x1.eac4c79e4706fp+67, -0x1.2ebb1540bcf69p+73, 0x1.757aa9601cf22p+78, -0x1.ccc2ed0971882p+83,
  ]

  /// JAX's `_zeta_series_expansion` (Johansson 2015, formula 5): N direct
  /// terms, the integral tail and M Bernoulli terms (N = M = 8 in
  /// float32, 16 in float64); only its derivative is used.
  static func zetaSeriesExpansion(_ s: Tensor, _ a: Tensor, file: StaticString, line: UInt) -> Tensor {
    let o = LinalgOps(file, line)
    let d = a.dtype
    let n = d == .float32 ? 8 : 16
    func c(_ v: Double) -> Tensor { o.c(v, d) }
    func last(_ x: Tensor) -> Tensor { Numpy.expandDims(x, axis: -1, file: file, line: line) }
    let (s1, a1) = (last(s), last(a))
    let k = Numpy.arange(n, dtype: d, file: file, line: line)
    let direct = Numpy.sum(Numpy.power(o.add(a1, k), o.neg(s1), file: file, line: line), axis: -1, file: file, line: line)
    let aN = o.add(a, c(Double(n)))
    let integral = o.div(Numpy.power(aN, o.sub(c(1), s), file: file, line: line), o.sub(s, c(1)))
    let t0 = Numpy.power(aN, o.neg(s), file: file, line: line)
    let m = Numpy.arange(2 * n, dtype: d, file: file, line: line)
    let ratios = o.div(o.add(s1, m), o.add(a1, c(Double(n))))
    var t1 = Numpy.cumprod(ratios, axis: -1, file: file, line: line)
    t1 = Lax.slice(t1, start: Array(repeating: 0, count: t1.rank), limit: t1.shape,
                   strides: Array(repeating: 1, count: t1.rank - 1) + [2], file: file, line: line)
    t1 = Numpy.clip(t1, max: c(d == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude), file: file, line: line)
    let coefs = Tensor(Array(bernoulliCoefficients.prefix(n)), shape: [n], dtype: d)
    t1 = o.div(t1, coefs)
    let tail = o.mul(t0, o.add(c(0.5), Numpy.sum(t1, axis: -1, file: file, line: line)))
    return o.add(o.add(direct, integral), tail)
  }

  /// `jax.scipy.special.polygamma`: ψ⁽ⁿ⁾(x) for an integer array `n`
  /// (``Lax/polygamma(_:_:file:line:)``); a float `n` is an error, as in
  /// JAX.
  ///
  /// ```swift
  /// Scipy.special.polygamma(Tensor(Int32(1)), jnp.array([1.0]))   // [1.644934]
  /// ```
  ///
  /// - Parameters:
  ///   - n: the derivative order (an integer dtype).
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func polygamma(_ n: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(n, x) { return .invalid }
    if !n.dtype.isInteger {
      return Numpy.fail(.dtype, "polygamma", "Argument `n` to polygamma must be of integer type. Got dtype \(n.dtype.name).", file: file, line: line)
    }
    let v = inexactBroadcast([n, x], file: file, line: line)
    return Lax.polygamma(v[0], v[1], file: file, line: line)
  }

  /// `jax.scipy.special.gammasgn`: the sign of Γ(x): NaN at the poles
  /// (non-positive integers, and -inf) and for NaN, ±1 at ±0.
  ///
  /// ```swift
  /// Scipy.special.gammasgn(jnp.array([2.5, -0.5, -1.5]))   // [1, -1, 1]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func gammasgn(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let o = LinalgOps(file, line)
    let v = Numpy.toInexact(x, file: file, line: line)
    let d = v.dtype
    let floorX = Lax.floor(v, file: file, line: line)
    let negative = Numpy.less(v, o.c(0, d), file: file, line: line)
    let pole = Numpy.logicalOr(
      Numpy.logicalAnd(negative, Numpy.equal(v, floorX, file: file, line: line), file: file, line: line),
      Numpy.isnan(v, file: file, line: line), file: file, line: line)
    let oddFloor = Numpy.notEqual(Numpy.remainder(floorX, o.c(2, d), file: file, line: line), o.c(0, d), file: file, line: line)
    let negativeZero = Numpy.logicalAnd(Numpy.equal(v, o.c(0, d), file: file, line: line), Numpy.signbit(v, file: file, line: line), file: file, line: line)
    let minus = Numpy.logicalOr(Numpy.logicalAnd(negative, oddFloor, file: file, line: line), negativeZero, file: file, line: line)
    return o.where(pole, o.c(.nan, d), o.where(minus, o.c(-1, d), Numpy.onesLike(v, file: file, line: line)))
  }

  /// `jax.scipy.special.gamma`: Γ(x) = gammasgn(x) · exp(lgamma(x)).
  ///
  /// ```swift
  /// Scipy.special.gamma(jnp.array([5.0, 0.5]))   // ≈ [24, 1.7724539]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func gamma(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let v = Numpy.toInexact(x, file: file, line: line)
    return Numpy.multiply(gammasgn(v, file: file, line: line), Lax.exp(Lax.lgamma(v, file: file, line: line), file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.loggamma` for real `x`: log Γ(x) for x > 0, NaN
  /// elsewhere (the principal branch is complex there).
  ///
  /// ```swift
  /// Scipy.special.loggamma(jnp.array([4.0, -1.5]))   // [1.7917595, nan]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument (real).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func loggamma(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    if x.dtype.isComplex {
      return Numpy.fail(.unsupported, "loggamma", "complex arguments are not supported by SwiftJAX's loggamma, got \(x.dtype.name)", file: file, line: line)
    }
    let o = LinalgOps(file, line)
    let v = Numpy.toInexact(x, file: file, line: line)
    return o.where(Numpy.greater(v, o.c(0, v.dtype), file: file, line: line), Lax.lgamma(v, file: file, line: line), o.c(.nan, v.dtype))
  }

  /// `jax.scipy.special.beta`: B(a, b) = Γ(a)Γ(b)/Γ(a+b), with its sign.
  ///
  /// ```swift
  /// Scipy.special.beta(jnp.array([2.0]), jnp.array([3.0]))   // [0.08333334]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the first argument.
  ///   - b: the second argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func beta(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(a, b) { return .invalid }
    let o = LinalgOps(file, line)
    let v = inexact([a, b], file: file, line: line)
    let sign = o.mul(o.mul(gammasgn(v[0], file: file, line: line), gammasgn(v[1], file: file, line: line)),
                     gammasgn(o.add(v[0], v[1]), file: file, line: line))
    return o.mul(sign, Numpy.exp(betaln(v[0], v[1], file: file, line: line), file: file, line: line))
  }

  /// `jax.scipy.special.factorial` (`exact=False`): Γ(n + 1), 0 for n < 0.
  ///
  /// ```swift
  /// Scipy.special.factorial(jnp.array([0.0, 4.0, -1.0]))   // [1, 24, 0]
  /// ```
  ///
  /// - Parameters:
  ///   - n: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func factorial(_ n: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if n.isInvalid { return .invalid }
    let o = LinalgOps(file, line)
    let v = Numpy.toInexact(n, file: file, line: line)
    let d = v.dtype
    return o.where(Numpy.less(v, o.c(0, d), file: file, line: line), o.c(0, d),
                   Lax.exp(Lax.lgamma(o.add(v, o.c(1, d)), file: file, line: line), file: file, line: line))
  }

  /// `jax.scipy.special.comb`: N choose k as a float (through gammaln),
  /// 0 unless 0 ≤ k ≤ N; with `repetition`, (N + k - 1) choose k.
  ///
  /// ```swift
  /// Scipy.special.comb(jnp.array([5.0]), jnp.array([2.0]))   // [10]
  /// ```
  ///
  /// - Parameters:
  ///   - n: the number of things.
  ///   - k: the number taken.
  ///   - repetition: count combinations with repetition.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func comb(_ n: Tensor, _ k: Tensor, repetition: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(n, k) { return .invalid }
    let o = LinalgOps(file, line)
    let v = inexact([n, k], file: file, line: line)
    let (nv, kv) = (v[0], v[1])
    let d = nv.dtype
    func ge(_ a: Tensor, _ b: Tensor) -> Tensor { Numpy.greaterEqual(a, b, file: file, line: line) }
    func and(_ a: Tensor, _ b: Tensor) -> Tensor { Numpy.logicalAnd(a, b, file: file, line: line) }
    if repetition {
      let trivial = and(Numpy.equal(kv, o.c(0, d), file: file, line: line), ge(nv, o.c(0, d)))
      return o.where(trivial, o.c(1, d), comb(o.sub(o.add(nv, kv), o.c(1, d)), kv, file: file, line: line))
    }
    let ok = and(and(Numpy.lessEqual(kv, nv, file: file, line: line), ge(nv, o.c(0, d))), ge(kv, o.c(0, d)))
    let safeN = o.where(ok, nv, o.c(0, d)), safeK = o.where(ok, kv, o.c(0, d))
    func lg(_ x: Tensor) -> Tensor { Lax.lgamma(x, file: file, line: line) }
    let one = o.c(1, d)
    let result = Lax.exp(o.sub(o.sub(lg(o.add(safeN, one)), lg(o.add(safeK, one))), lg(o.sub(o.add(safeN, one), safeK))), file: file, line: line)
    return o.where(ok, result, o.c(0, d))
  }

  /// `jax.scipy.special.poch`: the Pochhammer symbol (z)ₘ = Γ(z+m)/Γ(z)
  /// (1 where m = 0), with JAX's derivatives in `z` and `m`.
  ///
  /// ```swift
  /// Scipy.special.poch(jnp.array([3.0]), jnp.array([2.0]))   // [12]
  /// ```
  ///
  /// - Parameters:
  ///   - z: the base.
  ///   - m: the number of factors.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func poch(_ z: Tensor, _ m: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(z, m) { return .invalid }
    let o = LinalgOps(file, line)
    let v = inexactBroadcast([z, m], file: file, line: line)
    func value(_ z: Tensor, _ m: Tensor) -> Tensor {
      o.where(Numpy.equal(m, o.c(0, m.dtype), file: file, line: line), o.c(1, z.dtype),
              o.div(gamma(o.add(z, m), file: file, line: line), gamma(z, file: file, line: line)))
    }
    let f = customJVP({ (z: Tensor, m: Tensor) -> Tensor in value(z, m) }, jvp: { p, t in
      let (z, m) = p, (dz, dm) = t
      let y = value(z, m)
      let psiZM = Lax.digamma(o.add(z, m), file: file, line: line)
      let dZ = o.mul(o.sub(psiZM, Lax.digamma(z, file: file, line: line)), y)
      return (y, o.add(o.mul(dZ, dz), o.mul(o.mul(psiZM, y), dm)))
    }, name: "poch", file: file, line: line)
    return f(v[0], v[1])
  }

  /// `jax.scipy.special.multigammaln`: the log of the multivariate gamma
  /// function of dimension `d`,
  /// d(d-1)/4 · log π + Σⱼ₍₀…d₋₁₎ log Γ(a - j/2).
  ///
  /// ```swift
  /// Scipy.special.multigammaln(jnp.array([3.0]), d: 2)   // ≈ [1.5501953]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the argument.
  ///   - d: the dimension (a positive integer).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func multigammaln(_ a: Tensor, d: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid { return .invalid }
    let v = inexact([a, Tensor(weak: d)], file: file, line: line)
    let (av, dv) = (v[0], v[1])
    let dt = av.dtype
    func c(_ x: Double) -> Tensor { Numpy.scalar(x, dt) }
    let constant = Lax.mul(Lax.mul(Lax.mul(c(0.25), dv), Lax.sub(dv, c(1))), Lax.log(c(Double.pi)))
    let b = Lax.div(Numpy.arange(d, dtype: dt, file: file, line: line), c(2))
    let shifted = Numpy.subtract(Numpy.expandDims(av, axis: -1, file: file, line: line), b, file: file, line: line)
    let res = Numpy.sum(Lax.lgamma(shifted, file: file, line: line), axis: -1, file: file, line: line)
    return Numpy.add(res, constant, file: file, line: line)
  }
}
