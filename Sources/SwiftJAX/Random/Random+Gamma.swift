import Foundation

/// Gamma variates and the distributions JAX builds on them (`loggamma`,
/// `beta`, `dirichlet`, `chisquare`, `t`), following JAX 0.10.2's
/// algorithms: Marsaglia–Tsang rejection with one key per element.
extension Random {
  /// Standard gamma samples with shape parameter `a` (`jax.random.gamma`):
  /// density ∝ x^(a-1) e^(-x). Divide by a rate (or multiply by a scale)
  /// for other parameterisations. Invalid `a` (negative, NaN) gives NaN.
  ///
  /// ```swift
  /// let g = Random.gamma(Random.PRNGKey(0), a: 2.5, shape: [1000])
  /// let h = Random.gamma(key, a: Tensor([0.5, 1, 4] as [Float]))   // one per alpha
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - a: the shape parameter; broadcast to `shape`.
  ///   - shape: the result shape; defaults to `a`'s shape.
  ///   - dtype: a floating-point dtype (float32 by default).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func gamma<K: RandomKey>(
    _ key: K, a: Tensor, shape: [Int]? = nil, dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    gammaSample(key, a, shape, dtype, logSpace: false, "gamma", CallSite(file: file, line: line))
  }

  /// Logarithms of standard gamma samples, computed in log space
  /// (`jax.random.loggamma`): `exp(loggamma(...))` matches `gamma(...)`,
  /// but small `a` keeps its precision instead of underflowing to 0.
  ///
  /// ```swift
  /// let lg = Random.loggamma(key, a: 0.01, shape: [4])   // finite, very negative
  /// ```
  public static func loggamma<K: RandomKey>(
    _ key: K, a: Tensor, shape: [Int]? = nil, dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    gammaSample(key, a, shape, dtype, logSpace: true, "loggamma", CallSite(file: file, line: line))
  }

  static func gammaSample<K: RandomKey>(
    _ key: K, _ a: Tensor, _ shape: [Int]?, _ dtype: DType, logSpace: Bool, _ op: String, _ site: CallSite
  ) -> Tensor {
    guard let (d, _) = floatDType(dtype, op, site), let words = singleKey(key, op, site), !a.isInvalid,
          let shape = sampleShape(op, shape, [a.shape], site) else { return .invalid }
    return gammaImpl(words, paramAs(a, d, shape), logSpace: logSpace, site)
  }

  /// JAX's `_gamma_impl`: split the key once per element, then run
  /// `_gamma_one` on every (key, alpha) pair. `alpha` already has the
  /// sample's dtype and shape.
  static func gammaImpl(_ key: (Tensor, Tensor), _ alpha: Tensor, logSpace: Bool, _ site: CallSite) -> Tensor {
    let d = alpha.dtype
    guard let info = FloatInfo(d) else { return .invalid }
    let n = alpha.count
    if n == 0 { return filled(0, d, alpha.shape) }
    // split(key, n): element i's key is threefry(key, counter i).
    let (b1, b2) = threefryBits(key.0, key.1, shape: [n], site)
    let keys = KeyBatch(k1: b1, k2: b2)
    let out = gammaOne(keys, Lax.reshape(alpha, [n]), logSpace: logSpace, d, info, site)
    return Lax.reshape(out, alpha.shape)
  }

  /// `vmap(_gamma_one)`: Marsaglia and Tsang's method ("A simple method for
  /// generating gamma variables", 2000) on a batch of keys and alphas. Each
  /// rejection loop is a `whileLoop` over the whole batch that runs while
  /// any element is still rejecting and only updates those elements, as
  /// the batched while loop vmap makes, so every element sees exactly its
  /// own key stream. Alpha < 1 is boosted to alpha + 1 and corrected by
  /// `U^(1/alpha)` (or, in log space, `log U / alpha`).
  static func gammaOne(_ keys: KeyBatch, _ alpha: Tensor, logSpace: Bool, _ d: DType, _ info: FloatInfo, _ site: CallSite) -> Tensor {
    let n = keys.count
    func c(_ v: Double) -> Tensor { scalarConst(v, d) }
    let boostMask = Lax.ge(alpha, c(1))
    let boosted = Lax.select(boostMask, alpha, Lax.add(alpha, c(1)))
    let dd = Lax.sub(boosted, c(1.0 / 3.0))
    // XLA rewrites (1/3) / sqrt(d) to (1/3) * rsqrt(d), with its rsqrt
    // (the hardware estimate and a Newton step in float32, 1 / sqrt(d) in
    // float64), which Lax.rsqrt computes as XLA does.
    let cc = Lax.mul(c(1.0 / 3.0), Lax.rsqrt(dd))

    // Keep looping while U >= 1 - 0.0331 X² and log U >= X/2 + d(1 - V + log V).
    func rejected(_ x2: Tensor, _ v3: Tensor, _ u: Tensor) -> Tensor {
      let squeeze = Lax.ge(u, Lax.sub(c(1), Lax.mul(c(0.0331), Lax.mul(x2, x2))))
      let bound = Lax.add(Lax.mul(x2, c(0.5)), Lax.mul(dd, Lax.add(Lax.sub(c(1), v3), Lax.log(v3))))
      return Lax.and(squeeze, Lax.ge(Lax.log(u), bound))
    }

    // A normal x with v = 1 + c·x > 0, drawn from `start` until it is.
    func nextXV(_ start: KeyBatch) -> (Tensor, Tensor) {
      let (_, _, x, v) = Lax.whileLoop(
        cond: { (_: Tensor, _: Tensor, _: Tensor, v: Tensor) -> Tensor in anyTrue(Lax.le(v, c(0))) },
        body: { (k1: Tensor, k2: Tensor, x: Tensor, v: Tensor) -> (Tensor, Tensor, Tensor, Tensor) in
          let live = Lax.le(v, c(0))
          let ks = splitEach(KeyBatch(k1: k1, k2: k2), num: 2)
          let xNew = normalEach(ks[1], d, info, site)
          let vNew = fusedMulAdd(xNew, cc, c(1))
          return (Lax.select(live, ks[0].k1, k1), Lax.select(live, ks[0].k2, k2),
                  Lax.select(live, xNew, x), Lax.select(live, vNew, v))
        },
        initial: (start.k1, start.k2, filled(0, d, [n]), filled(-1, d, [n])))
      return (x, v)
    }

    let top = splitEach(keys, num: 2)
    // The initial state (X, V, U) = (0, 1, 2) is rejected, so every element
    // draws at least once.
    let (_, _, _, v3, _) = Lax.whileLoop(
      cond: { (_: Tensor, _: Tensor, x2: Tensor, v3: Tensor, u: Tensor) -> Tensor in anyTrue(rejected(x2, v3, u)) },
      body: { (k1: Tensor, k2: Tensor, x2: Tensor, v3: Tensor, u: Tensor) -> (Tensor, Tensor, Tensor, Tensor, Tensor) in
        let live = rejected(x2, v3, u)
        let ks = splitEach(KeyBatch(k1: k1, k2: k2), num: 3)
        let (x, v) = nextXV(ks[1])
        let x2New = Lax.mul(x, x)
        let v3New = Lax.mul(Lax.mul(v, v), v)
        let uNew = uniformEach(ks[2], d, info, site)
        return (Lax.select(live, ks[0].k1, k1), Lax.select(live, ks[0].k2, k2), Lax.select(live, x2New, x2),
                Lax.select(live, v3New, v3), Lax.select(live, uNew, u))
      },
      initial: (top[0].k1, top[0].k2, filled(0, d, [n]), filled(1, d, [n]), filled(2, d, [n])))

    let zero = filled(0, d, [n])
    let u = uniformEach(top[1], d, info, site)
    if logSpace {
      // -exponential(subkey) = log1p(-u): log of a uniform in (0, 1].
      let logSamples = Lax.log1p(Lax.neg(u))
      let logBoost = Lax.select(Lax.or(boostMask, Lax.eq(logSamples, c(0))), zero,
                                Lax.mul(logSamples, Lax.div(c(1), alpha)))
      return Lax.add(Lax.add(Lax.log(dd), Lax.log(v3)), logBoost)
    }
    let samples = Lax.sub(c(1), u)
    let boost = Lax.select(boostMask, filled(1, d, [n]), Lax.pow(samples, Lax.div(c(1), alpha)))
    return Lax.mul(Lax.mul(dd, v3), boost)
  }

  /// Beta samples on [0, 1] with density ∝ x^(a-1) (1-x)^(b-1)
  /// (`jax.random.beta`), as a ratio of two log-space gamma samples.
  ///
  /// ```swift
  /// let p = Random.beta(key, a: 2, b: 5, shape: [3])
  /// ```
  public static func beta<K: RandomKey>(
    _ key: K, a: Tensor, b: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, _) = floatDType(dtype, "beta", site), singleKey(key, "beta", site) != nil, !a.isInvalid, !b.isInvalid,
          checkSafeCast("beta", d, [a, b], site),
          let shape = sampleShape("beta", shape, [a.shape, b.shape], site) else { return .invalid }
    let (keyA, keyB) = split(key)
    guard let wa = singleKey(keyA, "beta", site), let wb = singleKey(keyB, "beta", site) else { return .invalid }
    let logA = gammaImpl(wa, paramAs(a, d, shape), logSpace: true, site)
    let logB = gammaImpl(wb, paramAs(b, d, shape), logSpace: true, site)
    // gamma_a / (gamma_a + gamma_b) without losing precision.
    let logMax = Lax.max(logA, logB)
    let ga = Lax.exp(Lax.sub(logA, logMax))
    let gb = Lax.exp(Lax.sub(logB, logMax))
    return Lax.div(ga, Lax.add(ga, gb))
  }

  /// Dirichlet samples (`jax.random.dirichlet`): for `alpha` of shape
  /// `[..., k]`, points on the simplex of shape `shape + [k]` (default
  /// `alpha.shape`), as a softmax of log-space gamma samples.
  ///
  /// ```swift
  /// let w = Random.dirichlet(key, alpha: Tensor([1, 2, 3] as [Float]), shape: [5])  // f32[5, 3]
  /// ```
  public static func dirichlet<K: RandomKey>(
    _ key: K, alpha: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, _) = floatDType(dtype, "dirichlet", site), let words = singleKey(key, "dirichlet", site), !alpha.isInvalid else { return .invalid }
    guard alpha.rank >= 1 else {
      JAXError.raise(JAXError(.shape, "dirichlet", "dirichlet requires alpha.ndim >= 1, got alpha.ndim == 0", site: site))
      return .invalid
    }
    let batch = Array(alpha.shape.dropLast())
    guard let shape = sampleShape("dirichlet", shape, [batch], site) else { return .invalid }
    let full = shape + [alpha.shape.last!]
    let logG = gammaImpl(words, paramAs(alpha, d, full), logSpace: true, site)
    // softmax along the last axis: exp(x - max) / sum(exp(x - max)).
    let axis = full.count - 1
    let keep = Array(0..<axis)
    let maxv = Lax.max(Lax.reduceMax(logG, axes: [axis]), scalarConst(-.infinity, d))
    let e = Lax.exp(Lax.sub(logG, Lax.broadcastInDim(maxv, shape: full, broadcastDimensions: keep)))
    // XLA's simplifier turns e / broadcast(total) into e * broadcast(1 / total)
    // (two roundings: 260 of 1500 samples were 1 ulp off as a division).
    let total = Lax.reduceSum(e, axes: [axis])
    let inverse = Lax.div(scalarConst(1, d), total)
    return Lax.mul(e, Lax.broadcastInDim(inverse, shape: full, broadcastDimensions: keep))
  }

  /// Chi-square samples with `df` degrees of freedom
  /// (`jax.random.chisquare`): `2 · exp(loggamma(df / 2))`.
  ///
  /// ```swift
  /// let x = Random.chisquare(key, df: 3, shape: [100])
  /// ```
  public static func chisquare<K: RandomKey>(
    _ key: K, df: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, _) = floatDType(dtype, "chisquare", site), let words = singleKey(key, "chisquare", site), !df.isInvalid,
          checkSafeCast("chisquare", d, [df], site),
          let shape = sampleShape("chisquare", shape, [df.shape], site) else { return .invalid }
    let halfDF = Lax.div(Numpy.convert(df, to: d, weak: false), scalarConst(2, d))
    let logG = gammaImpl(words, Numpy.broadcastTo(halfDF, shape), logSpace: true, site)
    return Lax.mul(Lax.exp(logG), scalarConst(2, d))
  }

  /// Student's t samples with `df` degrees of freedom (`jax.random.t`):
  /// `n · √(df/2 / g)` with `n` standard normal and `g ~ Gamma(df/2)`.
  ///
  /// ```swift
  /// let k = Random.key(42)
  /// let (_, k2) = Random.split(Random.split(k).0)
  /// Random.t(k2, df: 1)     // Array(-1.8834321, dtype=float32)
  /// ```
  public static func t<K: RandomKey>(
    _ key: K, df: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, info) = floatDType(dtype, "t", site), singleKey(key, "t", site) != nil, !df.isInvalid,
          checkSafeCast("t", d, [df], site),
          let shape = sampleShape("t", shape, [df.shape], site) else { return .invalid }
    let (keyN, keyG) = split(key)
    guard let (n1, n2) = singleKey(keyN, "t", site), let wg = singleKey(keyG, "t", site) else { return .invalid }
    let n = normalImpl(n1, n2, shape: shape, d, info, site)
    let halfDF = Lax.div(Numpy.convert(df, to: d, weak: false), scalarConst(2, d))
    let g = gammaImpl(wg, Numpy.broadcastTo(halfDF, shape), logSpace: false, site)
    return Lax.mul(n, Lax.sqrt(Lax.div(Numpy.broadcastTo(halfDF, shape), g)))
  }
}
