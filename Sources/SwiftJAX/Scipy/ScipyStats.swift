// jax.scipy.stats: log densities, densities and (where they need only the
// error function) CDFs of the normal, Student's t, gamma and beta
// distributions, with JAX's formulas and parameter conventions (`loc`,
// `scale` shift and stretch every distribution). Arguments broadcast and
// promote together, as JAX's `promote_args_inexact`.

/// `jax.scipy.stats` (also spelled `Scipy.stats`): one namespace per
/// distribution, as JAX's modules.
///
/// ```swift
/// Scipy.stats.norm.logpdf(jnp.array([0.0]))              // [-0.9189385]
/// Scipy.stats.gamma.pdf(jnp.array([1.0]), a: Tensor(2.0))
/// ```
public enum ScipyStats {
  /// `jax.scipy.stats.norm`.
  public typealias norm = Normal
  /// `jax.scipy.stats.t`.
  public typealias t = StudentT
  /// `jax.scipy.stats.gamma`.
  public typealias gamma = Gamma
  /// `jax.scipy.stats.beta`.
  public typealias beta = Beta


  /// The normal distribution (`jax.scipy.stats.norm`).
  ///
  /// ```swift
  /// Scipy.stats.norm.cdf(jnp.array([0.0]))   // [0.5]
  /// ```
  public enum Normal {
    /// The log density `-((x - loc)/scale)² / 2 - log(scale √(2π))`.
    ///
    /// ```swift
    /// Scipy.stats.norm.logpdf(jnp.array([0.0, 1.0]))   // [-0.9189385, -1.4189385]
    /// ```
    ///
    /// - Parameters:
    ///   - x: where to evaluate.
    ///   - loc: the mean.
    ///   - scale: the standard deviation.
    ///   - file: the caller's file, for error messages.
    ///   - line: the caller's line, for error messages.
    public static func logpdf(_ x: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line) -> Tensor {
      if Numpy.anyInvalid(x, loc, scale) { return .invalid }
      let o = LinalgOps(file, line)
      let v = ScipySpecial.inexact([x, loc, scale], file: file, line: line)
      let d = v[0].dtype
      let scale2 = Numpy.square(v[2], file: file, line: line)
      let logNormalizer = o.log(o.mul(o.c(2 * Double.pi, d), scale2))
      let quadratic = o.div(Numpy.square(o.sub(v[0], v[1]), file: file, line: line), scale2)
      return o.div(o.add(logNormalizer, quadratic), o.c(-2, d))
    }

    /// The density, `exp(logpdf)`.
    ///
    /// ```swift
    /// Scipy.stats.norm.pdf(jnp.array([0.0]))   // [0.3989423]
    /// ```
    ///
    /// - Parameters:
    ///   - x: where to evaluate.
    ///   - loc: the mean.
    ///   - scale: the standard deviation.
    ///   - file: the caller's file, for error messages.
    ///   - line: the caller's line, for error messages.
    public static func pdf(_ x: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line) -> Tensor {
      Numpy.exp(logpdf(x, loc: loc, scale: scale, file: file, line: line), file: file, line: line)
    }

    /// The cumulative distribution function, `ndtr((x - loc) / scale)`.
    ///
    /// ```swift
    /// Scipy.stats.norm.cdf(jnp.array([1.0]))   // [0.8413447]
    /// ```
    ///
    /// - Parameters:
    ///   - x: where to evaluate.
    ///   - loc: the mean.
    ///   - scale: the standard deviation.
    ///   - file: the caller's file, for error messages.
    ///   - line: the caller's line, for error messages.
    public static func cdf(_ x: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line) -> Tensor {
      if Numpy.anyInvalid(x, loc, scale) { return .invalid }
      let o = LinalgOps(file, line)
      let v = ScipySpecial.inexact([x, loc, scale], file: file, line: line)
      return ScipySpecial.ndtr(o.div(o.sub(v[0], v[1]), v[2]), file: file, line: line)
    }
  }

  /// Student's t distribution (`jax.scipy.stats.t`).
  ///
  /// ```swift
  /// Scipy.stats.t.logpdf(jnp.array([0.0]), df: Tensor(3.0))
  /// ```
  public enum StudentT {
    /// The log density with `df` degrees of freedom.
    ///
    /// ```swift
    /// Scipy.stats.t.logpdf(jnp.array([0.0]), df: Tensor(1.0))   // [-1.1447299] (Cauchy: -log π)
    /// ```
    ///
    /// - Parameters:
    ///   - x: where to evaluate.
    ///   - df: the degrees of freedom (positive).
    ///   - loc: the location.
    ///   - scale: the scale.
    ///   - file: the caller's file, for error messages.
    ///   - line: the caller's line, for error messages.
    public static func logpdf(
      _ x: Tensor, df: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
      if Numpy.anyInvalid(x, df, loc, scale) { return .invalid }
      let o = LinalgOps(file, line)
      let v = ScipySpecial.inexact([x, df, loc, scale], file: file, line: line)
      let (xv, dfv, lv, sv) = (v[0], v[1], v[2], v[3])
      let d = xv.dtype
      let scaled = o.div(o.sub(xv, lv), sv)
      let half = o.div(dfv, o.c(2, d))
      let halfPlus = o.add(half, o.c(0.5, d))
      let normConst = o.mul(o.mul(sv, sv), o.c(Double.pi, d))
      let normTmp = o.div(o.log(o.mul(normConst, dfv)), o.c(2, d))
      let normalize = o.sub(o.add(Lax.lgamma(half, file: file, line: line), normTmp), Lax.lgamma(halfPlus, file: file, line: line))
      let quadratic = o.div(o.mul(scaled, scaled), dfv)
      return o.neg(o.add(normalize, o.mul(halfPlus, Numpy.log1p(quadratic, file: file, line: line))))
    }

    /// The density, `exp(logpdf)`.
    ///
    /// ```swift
    /// Scipy.stats.t.pdf(jnp.array([0.0]), df: Tensor(1.0))   // [0.31830987] (1/π)
    /// ```
    ///
    /// - Parameters:
    ///   - x: where to evaluate.
    ///   - df: the degrees of freedom (positive).
    ///   - loc: the location.
    ///   - scale: the scale.
    ///   - file: the caller's file, for error messages.
    ///   - line: the caller's line, for error messages.
    public static func pdf(
      _ x: Tensor, df: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
      Numpy.exp(logpdf(x, df: df, loc: loc, scale: scale, file: file, line: line), file: file, line: line)
    }
  }

  /// The gamma distribution (`jax.scipy.stats.gamma`) with shape `a`.
  ///
  /// ```swift
  /// Scipy.stats.gamma.logpdf(jnp.array([1.0]), a: Tensor(2.0))   // [-1]
  /// ```
  public enum Gamma {
    /// The log density; `-inf` below `loc`.
    ///
    /// ```swift
    /// Scipy.stats.gamma.logpdf(jnp.array([1.0, -1.0]), a: Tensor(1.0))   // [-1, -inf]
    /// ```
    ///
    /// - Parameters:
    ///   - x: where to evaluate.
    ///   - a: the shape parameter (positive).
    ///   - loc: the location.
    ///   - scale: the scale.
    ///   - file: the caller's file, for error messages.
    ///   - line: the caller's line, for error messages.
    public static func logpdf(
      _ x: Tensor, a: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
      if Numpy.anyInvalid(x, a, loc, scale) { return .invalid }
      let o = LinalgOps(file, line)
      let v = ScipySpecial.inexact([x, a, loc, scale], file: file, line: line)
      let (xv, av, lv, sv) = (v[0], v[1], v[2], v[3])
      let d = xv.dtype
      let ok = Numpy.greaterEqual(xv, lv, file: file, line: line)
      // y = 1 outside the support keeps NaN out of the unused branch.
      let y = o.where(ok, o.div(o.sub(xv, lv), sv), o.c(1, d))
      let logLinear = o.sub(ScipySpecial.xlogy(o.sub(av, o.c(1, d)), y, file: file, line: line), y)
      let shape = o.add(Lax.lgamma(av, file: file, line: line), o.log(sv))
      return o.where(ok, o.sub(logLinear, shape), o.c(-.infinity, d))
    }

    /// The density, `exp(logpdf)`.
    ///
    /// ```swift
    /// Scipy.stats.gamma.pdf(jnp.array([1.0]), a: Tensor(1.0))   // [0.36787945]
    /// ```
    ///
    /// - Parameters:
    ///   - x: where to evaluate.
    ///   - a: the shape parameter (positive).
    ///   - loc: the location.
    ///   - scale: the scale.
    ///   - file: the caller's file, for error messages.
    ///   - line: the caller's line, for error messages.
    public static func pdf(
      _ x: Tensor, a: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
      Numpy.exp(logpdf(x, a: a, loc: loc, scale: scale, file: file, line: line), file: file, line: line)
    }
  }

  /// The beta distribution (`jax.scipy.stats.beta`) with shapes `a`, `b`.
  ///
  /// ```swift
  /// Scipy.stats.beta.pdf(jnp.array([0.5]), a: Tensor(2.0), b: Tensor(2.0))   // [1.5]
  /// ```
  public enum Beta {
    /// The log density; `-inf` outside `[loc, loc + scale]`, NaN for
    /// non-positive `a`, `b` or `scale`.
    ///
    /// ```swift
    /// Scipy.stats.beta.logpdf(jnp.array([0.5]), a: Tensor(2.0), b: Tensor(2.0))   // [0.4054651]
    /// ```
    ///
    /// - Parameters:
    ///   - x: where to evaluate.
    ///   - a: the first shape parameter (positive).
    ///   - b: the second shape parameter (positive).
    ///   - loc: the location.
    ///   - scale: the scale.
    ///   - file: the caller's file, for error messages.
    ///   - line: the caller's line, for error messages.
    public static func logpdf(
      _ x: Tensor, a: Tensor, b: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
      if Numpy.anyInvalid(x, a, b, loc, scale) { return .invalid }
      let o = LinalgOps(file, line)
      let v = ScipySpecial.inexact([x, a, b, loc, scale], file: file, line: line)
      let (xv, av, bv, lv, sv) = (v[0], v[1], v[2], v[3], v[4])
      let d = xv.dtype
      let one = o.c(1, d), zero = o.c(0, d)
      let shapeTerm = o.neg(ScipySpecial.betaln(av, bv, file: file, line: line))
      let y = o.div(o.sub(xv, lv), sv)
      let logLinear = o.add(ScipySpecial.xlogy(o.sub(av, one), y, file: file, line: line), ScipySpecial.xlog1py(o.sub(bv, one), o.neg(y), file: file, line: line))
      let logProbs = o.sub(o.add(shapeTerm, logLinear), o.log(sv))
      let outside = Numpy.logicalOr(Numpy.greater(xv, o.add(lv, sv), file: file, line: line), Numpy.less(xv, lv, file: file, line: line), file: file, line: line)
      let result = o.where(outside, o.c(-.infinity, d), logProbs)
      let badParams = Numpy.logicalOr(
        Numpy.logicalOr(Numpy.lessEqual(av, zero, file: file, line: line), Numpy.lessEqual(bv, zero, file: file, line: line), file: file, line: line),
        Numpy.lessEqual(sv, zero, file: file, line: line), file: file, line: line)
      return o.where(badParams, o.c(.nan, d), result)
    }

    /// The density, `exp(logpdf)`.
    ///
    /// ```swift
    /// Scipy.stats.beta.pdf(jnp.array([0.5]), a: Tensor(2.0), b: Tensor(2.0))   // [1.5]
    /// ```
    ///
    /// - Parameters:
    ///   - x: where to evaluate.
    ///   - a: the first shape parameter (positive).
    ///   - b: the second shape parameter (positive).
    ///   - loc: the location.
    ///   - scale: the scale.
    ///   - file: the caller's file, for error messages.
    ///   - line: the caller's line, for error messages.
    public static func pdf(
      _ x: Tensor, a: Tensor, b: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
      Numpy.exp(logpdf(x, a: a, b: b, loc: loc, scale: scale, file: file, line: line), file: file, line: line)
    }
  }
}
