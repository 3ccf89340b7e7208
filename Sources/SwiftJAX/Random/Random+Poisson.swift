import Foundation

/// Integer-valued samplers: Poisson (Knuth's method and Hörmann's
/// transformed rejection, as JAX 0.10.2 runs them) and geometric.
extension Random {
  /// Poisson samples with rate `lam` (`jax.random.poisson`). For `lam < 10`
  /// JAX multiplies uniforms until the product drops below `e^-lam`
  /// (Knuth); otherwise it uses transformed rejection (Hörmann, "The
  /// transformed rejection method for generating Poisson random
  /// variables", 1993). Both loops run over the whole sample at once with
  /// the same key, and each element takes its result from the loop its
  /// rate selects. As in JAX, `lam == 0` gives 0, negative or NaN rates
  /// give -1 and an infinite rate gives the dtype's maximum.
  ///
  /// ```swift
  /// let counts = Random.poisson(Random.PRNGKey(0), lam: 4, shape: [10])   // int32[10]
  /// let mixed = Random.poisson(key, lam: Tensor([0.5, 30] as [Float]))
  /// ```
  public static func poisson<K: RandomKey>(
    _ key: K, lam: Tensor, shape: [Int]? = nil, dtype: DType = .int32, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let d = dtype.canonical
    guard d.isInteger else {
      JAXError.raise(JAXError(.dtype, "poisson", "dtype argument to `poisson` must be an integer dtype, got \(dtype)", site: site))
      return .invalid
    }
    guard singleKey(key, "poisson", site) != nil, !lam.isInvalid,
          let shape = sampleShape("poisson", shape, [lam.shape], site) else { return .invalid }
    // JAX always computes the rates in float32.
    let rate = paramAs(lam, .float32, shape)
    let keyBits = key.keyBits
    func f(_ v: Double) -> Tensor { scalarConst(v, .float32) }
    let useKnuth = Lax.or(Lax.ne(rate, rate), Lax.lt(rate, f(10)))
    let lamKnuth = Lax.select(useKnuth, rate, filled(0, .float32, shape))
    // Rejection's acceptance rate tends to 89% as lam grows; elements that
    // use Knuth get a large placeholder rate there.
    let lamRejection = Lax.select(useKnuth, filled(1e5, .float32, shape), rate)
    let knuth = poissonKnuth(keyBits, lamKnuth, shape, d, site)
    let rejection = poissonRejection(keyBits, lamRejection, shape, d, site)
    let result = Lax.select(useKnuth, knuth, rejection)
    let zeros = Lax.broadcastInDim(Lax.convertElementType(Tensor(Int32(0)), d), shape: shape, broadcastDimensions: [])
    return Lax.select(Lax.eq(rate, f(0)), zeros, result)
  }

  /// The largest value of `d` as the loops' iteration bound (JAX's
  /// "insanely conservative" `iinfo(dtype).max`).
  private static func maxIterations(_ d: DType) -> Tensor { integerLimit(d, max: true) }

  /// Knuth: count uniforms until the running sum of their logs drops to
  /// `-lam`; the count minus one is Poisson(lam).
  static func poissonKnuth(_ key: Tensor, _ lam: Tensor, _ shape: [Int], _ d: DType, _ site: CallSite) -> Tensor {
    let negLam = Lax.neg(lam)
    let limit = maxIterations(d)
    let one = Lax.convertElementType(Tensor(Int32(1)), d)
    let k0 = Lax.broadcastInDim(Lax.convertElementType(Tensor(Int32(0)), d), shape: shape, broadcastDimensions: [])
    let (_, k, _, _) = Lax.whileLoop(
      cond: { (i: Tensor, _: Tensor, _: Tensor, logProd: Tensor) -> Tensor in
        Lax.and(anyTrue(Lax.gt(logProd, negLam)), Lax.lt(i, limit))
      },
      body: { (i: Tensor, k: Tensor, rng: Tensor, logProd: Tensor) -> (Tensor, Tensor, Tensor, Tensor) in
        let (next, sub) = split(rng)
        let kNew = Lax.select(Lax.gt(logProd, negLam), Lax.add(k, one), k)
        let u = uniform(sub, shape: shape, dtype: .float32)
        return (Lax.add(i, one), kNew, next, Lax.add(logProd, Lax.log(u)))
      },
      initial: (Lax.convertElementType(Tensor(Int32(0)), d), k0, key, filled(0, .float32, shape)))
    return Lax.sub(k, one)
  }

  /// Hörmann's PTRS: propose k from a transformed uniform, accept by a
  /// squeeze or by comparing against the log pmf. Loops until every
  /// element has accepted once; like JAX, a later acceptance overwrites an
  /// earlier one while other elements are still looping.
  static func poissonRejection(_ key: Tensor, _ lam: Tensor, _ shape: [Int], _ d: DType, _ site: CallSite) -> Tensor {
    func f(_ v: Double) -> Tensor { scalarConst(v, .float32) }
    let logLam = Lax.log(lam)
    // XLA contracts these multiply-adds to FMAs.
    let root = Lax.sqrt(lam)
    let b = fusedMulAdd(f(2.53), root, f(0.931))
    let a = fusedMulAdd(f(0.02483), b, f(-0.059))
    // XLA's simplifier folds the constants of b - 3.4 and b - 2 into
    // 2.53 sqrt(lam) + (0.931 - 3.4) (in float32), then contracted: not
    // the rounded b minus a constant.
    let invAlpha = Lax.add(f(1.1239), Lax.div(f(1.1328), fusedMulAdd(f(2.53), root, f(Double(Float(0.931) - Float(3.4))))))
    let vR = Lax.sub(f(0.9277), Lax.div(f(3.6224), fusedMulAdd(f(2.53), root, f(Double(Float(0.931) - Float(2))))))
    let negLam = Lax.neg(lam)
    let limit = maxIterations(d)
    let one = Lax.convertElementType(Tensor(Int32(1)), d)
    let (_, kOut, _, _) = Lax.whileLoop(
      cond: { (i: Tensor, _: Tensor, accepted: Tensor, _: Tensor) -> Tensor in
        Lax.and(anyTrue(Lax.not(accepted)), Lax.lt(i, limit))
      },
      body: { (i: Tensor, kOut: Tensor, accepted: Tensor, rng: Tensor) -> (Tensor, Tensor, Tensor, Tensor) in
        let keys = split(rng, num: 3)
        let u = Lax.sub(uniform(keyAt(keys, 1), shape: shape, dtype: .float32), f(0.5))
        let v = uniform(keyAt(keys, 2), shape: shape, dtype: .float32)
        let us = Lax.sub(f(0.5), Lax.abs(u))
        let slope = Lax.add(Lax.div(Lax.mul(f(2), a), us), b)
        let k = Lax.floor(Lax.add(fusedMulAdd(slope, u, lam), f(0.43)))
        let s = Lax.log(Lax.div(Lax.mul(v, invAlpha), Lax.add(Lax.div(a, Lax.mul(us, us)), b)))
        let t = Lax.sub(fusedMulAdd(k, logLam, negLam), Lax.lgamma(Lax.add(k, f(1))))
        let accept1 = Lax.and(Lax.ge(us, f(0.07)), Lax.le(v, vR))
        let reject = Lax.or(Lax.lt(k, f(0)), Lax.and(Lax.lt(us, f(0.013)), Lax.gt(v, us)))
        let accept = Lax.or(accept1, Lax.and(Lax.not(reject), Lax.le(s, t)))
        return (Lax.add(i, one), Lax.select(accept, k, kOut), Lax.or(accepted, accept), keyAt(keys, 0))
      },
      initial: (Lax.convertElementType(Tensor(Int32(0)), d), filled(-1, .float32, shape),
                Lax.broadcastInDim(Tensor(false), shape: shape, broadcastDimensions: []), key))
    return Lax.convertElementType(kOut, d)
  }

  /// Geometric samples: the number of Bernoulli(p) trials up to and
  /// including the first success (`jax.random.geometric`), as
  /// `floor(log u / log1p(-p)) + 1`.
  ///
  /// ```swift
  /// let trials = Random.geometric(key, p: 0.3, shape: [5])   // int32[5], all >= 1
  /// ```
  public static func geometric<K: RandomKey>(
    _ key: K, p: Tensor, shape: [Int]? = nil, dtype: DType = .int32, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let d = dtype.canonical
    guard d.isInteger else {
      JAXError.raise(JAXError(.dtype, "geometric", "dtype argument to `geometric` must be an integer dtype, got \(dtype)", site: site))
      return .invalid
    }
    let pd = p.dtype.isFloatingPoint ? p.dtype.canonical : DType.defaultFloat
    guard let info = FloatInfo(pd), let (k1, k2) = singleKey(key, "geometric", site), !p.isInvalid,
          let shape = sampleShape("geometric", shape, [p.shape], site) else { return .invalid }
    var u = uniformImpl(k1, k2, shape: shape, pd, info, minval: scalarConst(0, pd), maxval: scalarConst(1, pd), site)
    // JAX maps u == 0 to 1 so log(u) stays finite.
    u = Lax.select(Lax.eq(u, scalarConst(0, pd)), filled(1, pd, shape), u)
    let logOneMinusP = Numpy.broadcastTo(Lax.log1p(Lax.neg(Numpy.convert(p, to: pd, weak: false))), shape)
    let g = Lax.add(Lax.floor(Lax.div(Lax.log(u), logOneMinusP)), scalarConst(1, pd))
    return Lax.convertElementType(g, d)
  }

  /// Binomial samples: successes in `n` trials of probability `p`
  /// (`jax.random.binomial`), as floats. JAX's algorithm: for `n·q <= 10`
  /// (q = min(p, 1-p)) it counts geometric waiting times (inversion);
  /// otherwise it uses Hörmann's BTRS transformed rejection. Negative or
  /// NaN `n` and NaN or negative `p` give NaN; infinite `n` gives infinity.
  ///
  /// ```swift
  /// let k = Random.binomial(key, n: 20, p: 0.3, shape: [5])   // f32[5], integers in [0, 20]
  /// ```
  public static func binomial<K: RandomKey>(
    _ key: K, n: Tensor, p: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, _) = floatDType(dtype, "binomial", site), singleKey(key, "binomial", site) != nil,
          !n.isInvalid, !p.isInvalid,
          let shape = sampleShape("binomial", shape, [n.shape, p.shape], site) else { return .invalid }
    // promote_dtypes_inexact(p); the count follows p's dtype.
    let pd = p.dtype.isFloatingPoint ? p.dtype.canonical : DType.defaultFloat
    guard let info = FloatInfo(pd) else { return .invalid }
    func c(_ v: Double) -> Tensor { scalarConst(v, pd) }
    func full(_ v: Double) -> Tensor { filled(v, pd, shape) }
    var count = paramAs(n, pd, shape)
    let prob = paramAs(p, pd, shape)
    let pLtHalf = Lax.lt(prob, c(0.5))
    var q = Lax.select(pLtHalf, prob, Lax.sub(c(1), prob))
    let countNaNOrNeg = Lax.or(Lax.ne(count, count), Lax.lt(count, c(0)))
    let countInf = Lax.eq(Lax.abs(count), c(.infinity))
    let qNaN = Lax.ne(q, q)
    let qNeg = Lax.lt(q, c(0))
    q = Lax.select(Lax.or(qNaN, qNeg), full(0.01), q)
    let useInversion = Lax.or(countNaNOrNeg, Lax.le(Lax.mul(count, q), c(10)))
    count = Lax.floor(count)
    let countInv = Lax.select(useInversion, count, full(0))
    let countBTRS = Lax.select(useInversion, full(1e4), count)
    let qBTRS = Lax.select(useInversion, full(0.5), q)
    let keyBits = key.keyBits
    var samples = Lax.select(useInversion, binomialInversion(keyBits, countInv, q, info, site),
                             binomialBTRS(keyBits, countBTRS, qBTRS, info, site))
    let invalid = Lax.or(Lax.or(qNeg, qNaN), countNaNOrNeg)
    samples = Lax.select(invalid, full(.nan), samples)
    samples = Lax.select(Lax.and(countInf, Lax.not(invalid)), full(.infinity), samples)
    let keep = Lax.or(Lax.or(pLtHalf, countNaNOrNeg), Lax.or(qNaN, countInf))
    samples = Lax.select(keep, samples, Lax.sub(count, samples))
    return Lax.convertElementType(samples, d)
  }

  /// Sums geometric waiting times until they pass `count`; the number of
  /// waits minus one is Binomial(count, q).
  static func binomialInversion(_ key: Tensor, _ count: Tensor, _ q: Tensor, _ info: FloatInfo, _ site: CallSite) -> Tensor {
    let d = q.dtype, shape = q.shape
    let log1MinusQ = Lax.log1p(Lax.neg(q))
    let one = scalarConst(1, d)
    let (_, num, _, _) = Lax.whileLoop(
      cond: { (i: Tensor, _: Tensor, sum: Tensor, _: Tensor) -> Tensor in
        Lax.and(anyTrue(Lax.le(sum, count)), Lax.lt(i, Tensor(Int32.max)))
      },
      body: { (i: Tensor, num: Tensor, sum: Tensor, rng: Tensor) -> (Tensor, Tensor, Tensor, Tensor) in
        // `subkey, key = split(key)`: the first half is the subkey here.
        let (sub, next) = split(rng)
        let numNew = Lax.select(Lax.le(sum, count), Lax.add(num, one), num)
        let u = uniform(sub, shape: shape, dtype: d)
        let geom = Lax.ceil(Lax.div(Lax.log(u), log1MinusQ))
        return (Lax.add(i, Tensor(Int32(1))), numNew, Lax.add(sum, geom), next)
      },
      initial: (Tensor(Int32(0)), filled(0, d, shape), filled(0, d, shape), key))
    return Lax.sub(num, one)
  }

  /// log(k!) - Stirling's approximation: a table for k <= 9, else the
  /// series; as in JAX the series is evaluated at k clamped to [0, 9].
  static func stirlingTail(_ k: Tensor) -> Tensor {
    let d = k.dtype
    func c(_ v: Double) -> Tensor { scalarConst(v, d) }
    let table: [Double] = [0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
                           0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
                           0.00925546218271273, 0.00833056343336287]
    let useTable = Lax.le(k, c(9))
    let kc = Lax.clamp(c(0), k, c(9))
    let kp1 = Lax.add(kc, c(1))
    let kp1sq = Lax.mul(kp1, kp1)
    let inner = Lax.div(Lax.sub(c(1.0 / 360), Lax.div(c(1.0 / 1260), kp1sq)), kp1sq)
    let approx = Lax.div(Lax.sub(c(1.0 / 12), inner), kp1)
    let values = Numpy.convert(Tensor(table), to: d, weak: false)
    let looked = take(values, Lax.convertElementType(Lax.floor(kc), .int32), axis: 0)
    return Lax.select(useTable, looked, approx)
  }

  /// Hörmann's BTRS ("The generation of binomial random variates", 1993).
  static func binomialBTRS(_ key: Tensor, _ count: Tensor, _ prob: Tensor, _ info: FloatInfo, _ site: CallSite) -> Tensor {
    let d = prob.dtype, shape = prob.shape
    func c(_ v: Double) -> Tensor { scalarConst(v, d) }
    let oneMinusP = Lax.sub(c(1), prob)
    let stddev = Lax.sqrt(Lax.mul(Lax.mul(count, prob), oneMinusP))
    // XLA contracts these multiply-adds to FMAs.
    let b = fusedMulAdd(c(2.53), stddev, c(1.15))
    let a = fusedMulAdd(c(0.01), prob, fusedMulAdd(c(0.0248), b, c(-0.0873)))
    let cc = fusedMulAdd(count, prob, c(0.5))
    let vR = Lax.sub(c(0.92), Lax.div(c(4.2), b))
    let r = Lax.div(prob, oneMinusP)
    let alpha = Lax.mul(Lax.add(c(2.83), Lax.div(c(5.1), b)), stddev)
    let m = Lax.floor(Lax.mul(Lax.add(count, c(1)), prob))
    let tailM = stirlingTail(m)
    let tailNM = stirlingTail(Lax.sub(count, m))
    let bound1 = Lax.log(Lax.div(Lax.add(m, c(1)), Lax.mul(r, Lax.add(Lax.sub(count, m), c(1)))))
    let (_, kOut, _, _) = Lax.whileLoop(
      cond: { (i: Tensor, _: Tensor, accepted: Tensor, _: Tensor) -> Tensor in
        Lax.and(anyTrue(Lax.not(accepted)), Lax.lt(i, Tensor(Int32.max)))
      },
      body: { (i: Tensor, kOut: Tensor, accepted: Tensor, rng: Tensor) -> (Tensor, Tensor, Tensor, Tensor) in
        let keys = split(rng, num: 3)
        let u = Lax.sub(uniform(keyAt(keys, 1), shape: shape, dtype: d), c(0.5))
        let v = uniform(keyAt(keys, 2), shape: shape, dtype: d)
        let us = Lax.sub(c(0.5), Lax.abs(u))
        let accept1 = Lax.and(Lax.ge(us, c(0.07)), Lax.le(v, vR))
        let k = Lax.floor(fusedMulAdd(Lax.add(Lax.div(Lax.mul(c(2), a), us), b), u, cc))
        let reject = Lax.or(Lax.lt(k, c(0)), Lax.gt(k, count))
        let logV = Lax.log(Lax.div(Lax.mul(v, alpha), Lax.add(Lax.div(a, Lax.mul(us, us)), b)))
        let nk1 = Lax.add(Lax.sub(count, k), c(1))
        let t2 = Lax.log(Lax.div(Lax.add(Lax.sub(count, m), c(1)), nk1))
        let t3 = Lax.log(Lax.div(Lax.mul(r, nk1), Lax.add(k, c(1))))
        var ub = fusedMulAdd(Lax.add(m, c(0.5)), bound1, Lax.mul(Lax.add(count, c(1)), t2))
        ub = fusedMulAdd(Lax.add(k, c(0.5)), t3, ub)
        ub = Lax.add(Lax.add(ub, tailM), tailNM)
        ub = Lax.sub(Lax.sub(ub, stirlingTail(k)), stirlingTail(Lax.sub(count, k)))
        let accept = Lax.or(accept1, Lax.and(Lax.not(reject), Lax.le(logV, ub)))
        return (Lax.add(i, Tensor(Int32(1))), Lax.select(accept, k, kOut), Lax.or(accepted, accept), keyAt(keys, 0))
      },
      initial: (Tensor(Int32(0)), filled(-1, d, shape), Lax.broadcastInDim(Tensor(false), shape: shape, broadcastDimensions: []), key))
    return kOut
  }
}
