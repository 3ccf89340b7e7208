// jax.scipy.special: the special functions SciPy users reach for, spelled
// as JAX spells them. Most are one lax primitive after JAX's promotion to
// an inexact type; xlogy/xlog1py/logit carry JAX's custom derivatives and
// betaln JAX's large-argument algorithm (from SciPy's cdflib).

/// `jax.scipy.special` (also spelled `Scipy.special`).
///
/// ```swift
/// Scipy.special.gammaln(jnp.array([0.5, 4.0]))   // [0.5723649, 1.7917595]
/// ```
public enum ScipySpecial {
  /// Promotes the arguments together (JAX's weak types) to an inexact
  /// dtype, as JAX's `promote_args_inexact`.
  static func inexact(_ xs: [Tensor], file: StaticString, line: UInt) -> [Tensor] {
    Numpy.promoteDTypes(xs, file: file, line: line).map { Numpy.toInexact($0, file: file, line: line) }
  }

  /// `jax.scipy.special.logsumexp`: `log(Σ exp(a))` over `axis` (all
  /// axes when `nil`), computed stably.
  ///
  /// ```swift
  /// Scipy.special.logsumexp(jnp.array([1000.0, 1000.0]))   // 1000.6931
  /// ```
  ///
  /// - Parameters:
  ///   - a: the array.
  ///   - axis: the axis or axes to reduce (`nil`: all).
  ///   - keepDims: keep the reduced axes with size 1.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func logsumexp(
    _ a: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    Numpy.logsumexp(a, axis: axis, keepDims: keepDims, file: file, line: line)
  }

  /// `jax.scipy.special.gammaln`: `log|Γ(x)|`.
  ///
  /// ```swift
  /// Scipy.special.gammaln(jnp.array([4.0]))   // [1.7917595] (log 6)
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func gammaln(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.lgamma(Numpy.toInexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.digamma`: `ψ(x) = d/dx log Γ(x)`.
  ///
  /// ```swift
  /// Scipy.special.digamma(jnp.array([1.0]))   // [-0.5772157] (-γ)
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func digamma(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.digamma(Numpy.toInexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.erf`: the error function.
  ///
  /// ```swift
  /// Scipy.special.erf(jnp.array([0.5]))   // [0.5204999]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func erf(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.erf(Numpy.toInexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.erfc`: `1 - erf(x)`, accurate for large `x`.
  ///
  /// ```swift
  /// Scipy.special.erfc(jnp.array([3.0]))   // [2.209050e-05]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func erfc(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.erfc(Numpy.toInexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.erfinv`: the inverse error function on (-1, 1).
  ///
  /// ```swift
  /// Scipy.special.erfinv(jnp.array([0.5]))   // [0.4769363]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func erfinv(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.erfInv(Numpy.toInexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.expit`: the logistic sigmoid `1 / (1 + e^-x)`.
  ///
  /// ```swift
  /// Scipy.special.expit(jnp.array([0.0]))   // [0.5]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func expit(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.logistic(Numpy.toInexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.scipy.special.logit`: `log(x / (1 - x))`, the inverse of
  /// ``expit(_:file:line:)``, with JAX's derivative `1 / (x (1 - x))`.
  ///
  /// ```swift
  /// Scipy.special.logit(jnp.array([0.5, 0.75]))   // [0, 1.0986123]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument in [0, 1].
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func logit(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let o = LinalgOps(file, line)
    let v = Numpy.toInexact(x, file: file, line: line)
    let f = customJVP({ (x: Tensor) -> Tensor in
      o.log(o.div(x, o.sub(o.c(1, x.dtype), x)))
    }, jvp: { (x: Tensor, t: Tensor) -> (Tensor, Tensor) in
      (o.log(o.div(x, o.sub(o.c(1, x.dtype), x))), o.div(t, o.mul(x, o.sub(o.c(1, x.dtype), x))))
    }, name: "logit", file: file, line: line)
    return f(v)
  }

  /// `jax.scipy.special.xlogy`: `x · log(y)`, defined as 0 where `x == 0`
  /// (unless `y` is NaN), with JAX's derivative so gradients at `x == 0`
  /// stay finite.
  ///
  /// ```swift
  /// Scipy.special.xlogy(jnp.array([0.0, 2.0]), jnp.array([0.0, 3.0]))   // [0, 2.1972246]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the factor.
  ///   - y: the argument of the logarithm.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func xlogy(_ x: Tensor, _ y: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    xlogFamily(x, y, log1p: false, file: file, line: line)
  }

  /// `jax.scipy.special.xlog1py`: `x · log(1 + y)`, defined as 0 where
  /// `x == 0` (unless `y` is NaN), with JAX's derivative.
  ///
  /// ```swift
  /// Scipy.special.xlog1py(jnp.array([0.0, 2.0]), jnp.array([-1.0, 1.0]))   // [0, 1.3862944]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the factor.
  ///   - y: the argument of `log1p`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func xlog1py(_ x: Tensor, _ y: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    xlogFamily(x, y, log1p: true, file: file, line: line)
  }

  static func xlogFamily(_ x: Tensor, _ y: Tensor, log1p: Bool, file: StaticString, line: UInt) -> Tensor {
    if Numpy.anyInvalid(x, y) { return .invalid }
    let o = LinalgOps(file, line)
    let xy = inexact([x, y], file: file, line: line)
    func lg(_ y: Tensor) -> Tensor { log1p ? Numpy.log1p(y, file: file, line: line) : o.log(y) }
    func value(_ x: Tensor, _ y: Tensor) -> Tensor {
      let keep = Numpy.logicalOr(Numpy.notEqual(x, o.c(0, x.dtype), file: file, line: line), Numpy.isnan(y, file: file, line: line), file: file, line: line)
      let prod = o.mul(x, lg(y))
      return o.where(keep, prod, Numpy.zerosLike(prod, file: file, line: line))
    }
    let f = customJVP({ (x: Tensor, y: Tensor) -> Tensor in value(x, y) }, jvp: { p, t in
      let (x, y) = p, (dx, dy) = t
      let dyScale = log1p ? o.add(o.c(1, y.dtype), y) : y
      return (value(x, y), o.add(o.mul(dx, lg(y)), o.div(o.mul(dy, x), dyScale)))
    }, name: log1p ? "xlog1py" : "xlogy", file: file, line: line)
    return f(xy[0], xy[1])
  }

  /// `jax.scipy.special.betaln`: `log|B(a, b)|`, the log of the beta
  /// function, accurate for large arguments (SciPy's algorithm, as JAX).
  ///
  /// ```swift
  /// Scipy.special.betaln(jnp.array([1.0, 2.0]), jnp.array([1.0, 3.0]))   // [0, -2.4849067]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the first argument.
  ///   - b: the second argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func betaln(_ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if Numpy.anyInvalid(a, b) { return .invalid }
    let o = LinalgOps(file, line)
    let ab = inexact([a, b], file: file, line: line)
    let lo = Numpy.minimum(ab[0], ab[1], file: file, line: line), hi = Numpy.maximum(ab[0], ab[1], file: file, line: line)
    func lgamma(_ x: Tensor) -> Tensor { Lax.lgamma(x, file: file, line: line) }
    let small = o.add(lgamma(lo), o.sub(lgamma(hi), lgamma(o.add(lo, hi))))
    let large = o.add(lgamma(lo), algdiv(lo, hi, o))
    return o.where(Numpy.less(hi, o.c(8, hi.dtype), file: file, line: line), small, large)
  }

  /// `log Γ(b) - log Γ(a + b)` for `b >= 8` and `a <= b` (SciPy cdflib's
  /// algdiv): a series in 1/b² avoids the cancellation of subtracting two
  /// large log-gammas.
  static func algdiv(_ a: Tensor, _ b: Tensor, _ o: LinalgOps) -> Tensor {
    let d = a.dtype
    func c(_ v: Double) -> Tensor { o.c(v, d) }
    let coef = [0.833333333333333e-01, -0.277777777760991e-02, 0.793650666825390e-03,
                -0.595202931351870e-03, 0.837308034031215e-03, -0.165322962780713e-02]
    let h = o.div(a, b)
    let x = o.div(h, o.add(c(1), h))
    let x2 = o.mul(x, x)
    var sums = [o.add(c(1), o.add(x, x2))]  // s3, s5, ..., s11
    for _ in 0..<4 { sums.append(o.add(c(1), o.add(x, o.mul(x2, sums[sums.count - 1])))) }
    let t = Numpy.square(o.div(c(1), b), file: o.file, line: o.line)
    var w = o.mul(c(coef[5]), sums[4])
    for i in stride(from: 4, through: 1, by: -1) { w = o.add(o.mul(w, t), o.mul(c(coef[i]), sums[i - 1])) }
    w = o.add(o.mul(w, t), c(coef[0]))
    w = o.mul(w, o.div(x, b))
    let u = o.mul(o.add(b, o.sub(a, c(0.5))), Numpy.log1p(o.div(a, b), file: o.file, line: o.line))
    let v = o.mul(a, o.sub(o.log(b), c(1)))
    return o.where(Numpy.lessEqual(u, v, file: o.file, line: o.line), o.sub(o.sub(w, v), u), o.sub(o.sub(w, u), v))
  }

  /// `jax.scipy.special.ndtr`: the standard normal CDF
  /// `(1 + erf(x / √2)) / 2`, switching to `erfc` in the tails for
  /// accuracy, as JAX does.
  ///
  /// ```swift
  /// Scipy.special.ndtr(jnp.array([0.0, 1.0]))   // [0.5, 0.8413447]
  /// ```
  ///
  /// - Parameters:
  ///   - x: the argument.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func ndtr(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let o = LinalgOps(file, line)
    let v = Numpy.toInexact(x, file: file, line: line)
    let d = v.dtype
    let halfSqrt2 = o.c(0.5 * 2.0.squareRoot(), d)
    let w = o.mul(v, halfSqrt2)
    let z = o.abs(w)
    let erfcZ = Lax.erfc(z, file: file, line: line)
    let tail = o.where(Numpy.greater(w, o.c(0, d), file: file, line: line), o.sub(o.c(2, d), erfcZ), erfcZ)
    let y = o.where(Numpy.less(z, halfSqrt2, file: file, line: line), o.add(o.c(1, d), Lax.erf(w, file: file, line: line)), tail)
    return o.mul(o.c(0.5, d), y)
  }
}
