// The CDFs and survival functions of jax.scipy.stats.gamma and .beta,
// built on the regularized incomplete gamma and beta functions as JAX
// 0.10.2 builds them (jax/_src/scipy/stats/gamma.py, beta.py). JAX's
// Student's t has no cdf, so neither has SwiftJAX's.

extension ScipyStats.Gamma {
  /// The shape parameter and the standardized value (x - loc)/scale, after
  /// promoting and broadcasting every argument (shared by cdf and sf).
  static func standardized(
    _ x: Tensor, _ a: Tensor, _ loc: Tensor, _ scale: Tensor, file: StaticString, line: UInt
  ) -> (shape: Tensor, y: Tensor) {
    let v = ScipySpecial.inexactBroadcast([x, a, loc, scale], file: file, line: line)
    return (v[1], Lax.div(Lax.sub(v[0], v[2], file: file, line: line), v[3], file: file, line: line))
  }

  /// The CDF, P(a, (x - loc)/scale) with the standardized value clamped
  /// to [0, inf).
  ///
  /// ```swift
  /// Scipy.stats.gamma.cdf(jnp.array([1.0, -1.0]), a: Tensor(1.0))   // [0.63212055, 0]
  /// ```
  ///
  /// - Parameters:
  ///   - x: where to evaluate.
  ///   - a: the shape parameter (positive).
  ///   - loc: the location.
  ///   - scale: the scale.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func cdf(
    _ x: Tensor, a: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if Numpy.anyInvalid(x, a, loc, scale) { return .invalid }
    let (shape, y) = standardized(x, a, loc, scale, file: file, line: line)
    let d = y.dtype
    let clamped = Lax.clamp(Numpy.scalar(0, d), y, Numpy.scalar(.infinity, d), file: file, line: line)
    return ScipySpecial.gammainc(shape, clamped, file: file, line: line)
  }

  /// The log CDF, `log(cdf)`.
  ///
  /// ```swift
  /// Scipy.stats.gamma.logcdf(jnp.array([1.0]), a: Tensor(1.0))   // [-0.45867515]
  /// ```
  ///
  /// - Parameters:
  ///   - x: where to evaluate.
  ///   - a: the shape parameter (positive).
  ///   - loc: the location.
  ///   - scale: the scale.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func logcdf(
    _ x: Tensor, a: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    Lax.log(cdf(x, a: a, loc: loc, scale: scale, file: file, line: line), file: file, line: line)
  }

  /// The survival function 1 - CDF, computed as Q(a, y) (1 below `loc`).
  ///
  /// ```swift
  /// Scipy.stats.gamma.sf(jnp.array([1.0, -1.0]), a: Tensor(1.0))   // [0.36787945, 1]
  /// ```
  ///
  /// - Parameters:
  ///   - x: where to evaluate.
  ///   - a: the shape parameter (positive).
  ///   - loc: the location.
  ///   - scale: the scale.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func sf(
    _ x: Tensor, a: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if Numpy.anyInvalid(x, a, loc, scale) { return .invalid }
    let (shape, y) = standardized(x, a, loc, scale, file: file, line: line)
    let d = y.dtype
    let below = Lax.lt(y, Numpy.scalar(0, d), file: file, line: line)
    return Numpy.where(below, Numpy.scalar(1, d), ScipySpecial.gammaincc(shape, y, file: file, line: line), file: file, line: line)
  }

  /// The log survival function, `log(sf)`.
  ///
  /// ```swift
  /// Scipy.stats.gamma.logsf(jnp.array([1.0]), a: Tensor(1.0))   // [-1]
  /// ```
  ///
  /// - Parameters:
  ///   - x: where to evaluate.
  ///   - a: the shape parameter (positive).
  ///   - loc: the location.
  ///   - scale: the scale.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func logsf(
    _ x: Tensor, a: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    Lax.log(sf(x, a: a, loc: loc, scale: scale, file: file, line: line), file: file, line: line)
  }
}

extension ScipyStats.Beta {
  /// The standardized value (x - loc)/scale clamped to [0, 1], after
  /// promoting and broadcasting every argument.
  static func standardized(_ args: [Tensor], file: StaticString, line: UInt) -> [Tensor] {
    let v = ScipySpecial.inexactBroadcast(args, file: file, line: line)
    let d = v[0].dtype
    let y = Lax.div(Lax.sub(v[0], v[3], file: file, line: line), v[4], file: file, line: line)
    return [Lax.clamp(Numpy.scalar(0, d), y, Numpy.scalar(1, d), file: file, line: line), v[1], v[2]]
  }

  /// The CDF, I_y(a, b) at y = (x - loc)/scale clamped to [0, 1].
  ///
  /// ```swift
  /// Scipy.stats.beta.cdf(jnp.array([0.5]), a: Tensor(2.0), b: Tensor(3.0))   // [0.6875]
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
  public static func cdf(
    _ x: Tensor, a: Tensor, b: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if Numpy.anyInvalid(x, a, b, loc, scale) { return .invalid }
    let v = standardized([x, a, b, loc, scale], file: file, line: line)
    return ScipySpecial.betainc(v[1], v[2], v[0], file: file, line: line)
  }

  /// The log CDF, `log(cdf)`.
  ///
  /// ```swift
  /// Scipy.stats.beta.logcdf(jnp.array([0.5]), a: Tensor(2.0), b: Tensor(3.0))   // [-0.37469345]
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
  public static func logcdf(
    _ x: Tensor, a: Tensor, b: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    Lax.log(cdf(x, a: a, b: b, loc: loc, scale: scale, file: file, line: line), file: file, line: line)
  }

  /// The survival function, I_{1-y}(b, a).
  ///
  /// ```swift
  /// Scipy.stats.beta.sf(jnp.array([0.5]), a: Tensor(2.0), b: Tensor(3.0))   // [0.3125]
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
  public static func sf(
    _ x: Tensor, a: Tensor, b: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if Numpy.anyInvalid(x, a, b, loc, scale) { return .invalid }
    let v = standardized([x, a, b, loc, scale], file: file, line: line)
    let oneMinus = Lax.sub(Numpy.scalar(1, v[0].dtype), v[0], file: file, line: line)
    return ScipySpecial.betainc(v[2], v[1], oneMinus, file: file, line: line)
  }

  /// The log survival function, `log(sf)`.
  ///
  /// ```swift
  /// Scipy.stats.beta.logsf(jnp.array([0.5]), a: Tensor(2.0), b: Tensor(3.0))   // [-1.1631508]
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
  public static func logsf(
    _ x: Tensor, a: Tensor, b: Tensor, loc: Tensor = Tensor(weak: 0.0), scale: Tensor = Tensor(weak: 1.0), file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    Lax.log(sf(x, a: a, b: b, loc: loc, scale: scale, file: file, line: line), file: file, line: line)
  }
}
