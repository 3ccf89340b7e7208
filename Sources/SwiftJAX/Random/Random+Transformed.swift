import Foundation

/// Samplers that transform normal, uniform or chi-square draws with a
/// closed formula (`lognormal`, `rayleigh`, `maxwell`,
/// `double_sided_maxwell`, `triangular`, `wald`, `f`), with JAX 0.10.2's
/// formulas and operation order so the samples equal JAX's up to the last
/// bits of the transcendental functions.
extension Random {
  /// Log-normal samples (`jax.random.lognormal`): `exp(sigma · z)` for `z`
  /// standard normal.
  ///
  /// ```swift
  /// let x = Random.lognormal(key, sigma: 0.5, shape: [1000])   // all > 0
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - sigma: the standard deviation of the underlying normal; broadcast to `shape`.
  ///   - shape: the result shape; defaults to `sigma`'s shape.
  ///   - dtype: a floating-point dtype (float32 by default).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func lognormal<K: RandomKey>(
    _ key: K, sigma: Tensor = Tensor(Float(1)), shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "lognormal", site), !sigma.isInvalid,
          let shape = sampleShape("lognormal", shape, [sigma.shape], site),
          checkSafeCast("lognormal", d, [sigma], site) else { return .invalid }
    let z = normalImpl(k1, k2, shape: shape, d, info, site)
    return Lax.exp(Numpy.multiply(z, Numpy.convert(sigma, to: d, weak: false)))
  }

  /// Rayleigh samples with scale `scale` (`jax.random.rayleigh`):
  /// `scale · √(-2 log u)` for `u` uniform in [0, 1).
  ///
  /// ```swift
  /// let r = Random.rayleigh(key, scale: 2, shape: [1000])
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - scale: the scale parameter σ; broadcast to `shape`.
  ///   - shape: the result shape; defaults to `scale`'s shape.
  ///   - dtype: a floating-point dtype (float32 by default).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func rayleigh<K: RandomKey>(
    _ key: K, scale: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "rayleigh", site), !scale.isInvalid,
          let shape = sampleShape("rayleigh", shape, [scale.shape], site),
          checkSafeCast("rayleigh", d, [scale], site) else { return .invalid }
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(0, d), maxval: scalarConst(1, d), site)
    let root = Lax.sqrt(Lax.mul(Lax.log(u), scalarConst(-2, d)))
    return Lax.mul(paramAs(scale, d, shape), root)
  }

  /// One-sided Maxwell samples (`jax.random.maxwell`): the Euclidean norm
  /// of three standard normals, density ∝ x² e^(-x²/2).
  ///
  /// ```swift
  /// let speeds = Random.maxwell(key, shape: [1000])
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - shape: the result shape.
  ///   - dtype: a floating-point dtype (float32 by default).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func maxwell<K: RandomKey>(
    _ key: K, shape: [Int] = [], dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "maxwell", site),
          let shape = sampleShape("maxwell", shape, [], site) else { return .invalid }
    return maxwellImpl(k1, k2, shape, d, info, site)
  }

  /// `jnp.linalg.norm(normal(key, shape + (3,)), axis=-1)`.
  static func maxwellImpl(_ k1: Tensor, _ k2: Tensor, _ shape: [Int], _ d: DType, _ info: FloatInfo, _ site: CallSite) -> Tensor {
    let z = normalImpl(k1, k2, shape: shape + [3], d, info, site)
    return Lax.sqrt(Lax.reduceSum(Lax.mul(z, z), axes: [shape.count]))
  }

  /// Double-sided Maxwell samples (`jax.random.double_sided_maxwell`):
  /// a Maxwell sample with a random sign, scaled and shifted. As in JAX,
  /// the result shape is `shape + broadcast(loc, scale)`, where an empty
  /// `shape` stands for the parameters' broadcast shape.
  ///
  /// ```swift
  /// let x = Random.doubleSidedMaxwell(key, loc: 1, scale: 2, shape: [1000])
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - loc: the centre μ.
  ///   - scale: the scale σ.
  ///   - shape: the batch shape prepended to the parameters' shape.
  ///   - dtype: a floating-point dtype (float32 by default).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func doubleSidedMaxwell<K: RandomKey>(
    _ key: K, loc: Tensor, scale: Tensor, shape: [Int] = [], dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let op = "double_sided_maxwell"
    guard let (d, info) = floatDType(dtype, op, site), singleKey(key, op, site) != nil, !loc.isInvalid, !scale.isInvalid,
          let params = sampleShape(op, nil, [loc.shape, scale.shape], site),
          let batch = sampleShape(op, shape, [], site) else { return .invalid }
    let full = (batch.isEmpty ? params : batch) + params
    let (maxwellKey, signKey) = split(key)
    guard let (m1, m2) = singleKey(maxwellKey, op, site) else { return .invalid }
    let magnitude = maxwellImpl(m1, m2, full, d, info, site)
    let sign = rademacher(signKey, shape: full, dtype: d)
    return Numpy.add(Numpy.multiply(Lax.mul(sign, magnitude), scale), loc, file: file, line: line)
  }

  /// Triangular samples on [left, right] with peak `mode`
  /// (`jax.random.triangular`), by the inverse CDF.
  ///
  /// ```swift
  /// let x = Random.triangular(key, left: 0, mode: 1, right: 3, shape: [1000])
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - left: the lower limit a.
  ///   - mode: the peak b, with a ≤ b ≤ c.
  ///   - right: the upper limit c.
  ///   - shape: the result shape; defaults to the parameters' broadcast shape.
  ///   - dtype: a floating-point dtype (float32 by default).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func triangular<K: RandomKey>(
    _ key: K, left: Tensor, mode: Tensor, right: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "triangular", site), ![left, mode, right].contains(where: \.isInvalid),
          let shape = sampleShape("triangular", shape, [left.shape, mode.shape, right.shape], site),
          checkSafeCast("triangular", d, [left, mode, right], site) else { return .invalid }
    let (a, b, c) = (paramAs(left, d, shape), paramAs(mode, d, shape), paramAs(right, d, shape))
    let width = Lax.sub(c, a)
    let fc = Lax.div(Lax.sub(b, a), width)
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(0, d), maxval: scalarConst(1, d), site)
    let low = Lax.add(a, Lax.sqrt(Lax.mul(Lax.mul(u, width), Lax.sub(b, a))))
    let high = Lax.sub(c, Lax.sqrt(Lax.mul(Lax.mul(Lax.sub(scalarConst(1, d), u), width), Lax.sub(c, b))))
    return Lax.select(Lax.lt(u, fc), low, high)
  }

  /// Wald (inverse Gaussian) samples with mean `mean` (`jax.random.wald`),
  /// by Michael, Schucany and Haas's transformation of a normal and a
  /// uniform draw.
  ///
  /// ```swift
  /// let x = Random.wald(key, mean: 2, shape: [1000])
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - mean: the mean μ > 0; broadcast to `shape`.
  ///   - shape: the result shape; defaults to `mean`'s shape.
  ///   - dtype: a floating-point dtype (float32 by default).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func wald<K: RandomKey>(
    _ key: K, mean: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, info) = floatDType(dtype, "wald", site), singleKey(key, "wald", site) != nil, !mean.isInvalid,
          let shape = sampleShape("wald", shape, [mean.shape], site),
          checkSafeCast("wald", d, [mean], site) else { return .invalid }
    let (ka, kb) = split(key)
    guard let (a1, a2) = singleKey(ka, "wald", site), let (b1, b2) = singleKey(kb, "wald", site) else { return .invalid }
    func c(_ v: Double) -> Tensor { scalarConst(v, d) }
    let mu = paramAs(mean, d, shape)
    let v = normalImpl(a1, a2, shape: shape, d, info, site)
    let z = uniformImpl(b1, b2, shape: shape, d, info, minval: c(0), maxval: c(1), site)
    let y = Lax.integerPow(v, 2)
    let ySq = Lax.integerPow(y, 2)
    let muSq = Lax.integerPow(mu, 2)
    let root = Lax.sqrt(Lax.add(Lax.mul(Lax.mul(c(4), mu), y), Lax.mul(muSq, ySq)))
    let x = Lax.sub(Lax.add(mu, Lax.div(Lax.mul(muSq, y), c(2))), Lax.mul(Lax.div(mu, c(2)), root))
    return Lax.select(Lax.le(z, Lax.div(mu, Lax.add(mu, x))), x, Lax.div(muSq, x))
  }

  /// F-distribution samples (`jax.random.f`): the ratio of two chi-square
  /// samples, each divided by its degrees of freedom.
  ///
  /// ```swift
  /// let x = Random.f(key, dfnum: 5, dfden: 10, shape: [1000])
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - dfnum: the numerator's degrees of freedom.
  ///   - dfden: the denominator's degrees of freedom.
  ///   - shape: the result shape; defaults to the parameters' broadcast shape.
  ///   - dtype: a floating-point dtype (float32 by default).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func f<K: RandomKey>(
    _ key: K, dfnum: Tensor, dfden: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, _) = floatDType(dtype, "f", site), singleKey(key, "f", site) != nil, !dfnum.isInvalid, !dfden.isInvalid,
          let shape = sampleShape("f", shape, [dfnum.shape, dfden.shape], site),
          checkSafeCast("f", d, [dfnum, dfden], site) else { return .invalid }
    let num = Numpy.convert(dfnum, to: d, weak: false)
    let den = Numpy.convert(dfden, to: d, weak: false)
    // `key_dfd, key_dfn = _split(key)`: the denominator takes the first key.
    let (keyDen, keyNum) = split(key)
    let chiNum = chisquare(keyNum, df: num, shape: shape, dtype: d, file: file, line: line)
    let chiDen = chisquare(keyDen, df: den, shape: shape, dtype: d, file: file, line: line)
    return Numpy.divide(Numpy.divide(chiNum, num), Numpy.divide(chiDen, den))
  }
}
