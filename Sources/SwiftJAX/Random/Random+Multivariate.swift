import Foundation

/// Vector-valued samplers: the multivariate normal (Cholesky factor), the
/// generalized normal and uniform points in an Lp ball, as JAX 0.10.2
/// computes them.
extension Random {
  /// Multivariate normal samples (`jax.random.multivariate_normal`, method
  /// "cholesky"): `mean + L z` with `L L^T = cov` and `z` standard normal.
  /// `mean` is `[..., n]`, `cov` is `[..., n, n]`; the result has shape
  /// `shape + [n]`, `shape` defaulting to the broadcast of the batch
  /// dimensions. A covariance that is not positive definite gives NaN, as
  /// JAX's Cholesky does.
  ///
  /// ```swift
  /// let mean = Tensor([0, 1] as [Float])
  /// let cov = Tensor([1, 0.5, 0.5, 2] as [Float], shape: [2, 2])
  /// let x = Random.multivariateNormal(key, mean: mean, cov: cov, shape: [100])   // f32[100, 2]
  /// ```
  public static func multivariateNormal<K: RandomKey>(
    _ key: K, mean: Tensor, cov: Tensor, shape: [Int]? = nil, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let op = "multivariate_normal"
    guard !mean.isInvalid, !cov.isInvalid else { return .invalid }
    // promote_dtypes_inexact(mean, cov); the result dtype defaults to it.
    var promoted = DType.resultType([mean.aval.promotionType, cov.aval.promotionType]).dtype
    if !promoted.isFloatingPoint { promoted = .defaultFloat }
    guard let (k1, k2, d, info) = prologue(key, dtype ?? promoted, op, site) else { return .invalid }
    guard mean.rank >= 1 else {
      JAXError.raise(JAXError(.shape, op, "multivariate_normal requires mean.ndim >= 1, got mean.ndim == 0", site: site))
      return .invalid
    }
    let n = mean.shape.last!
    guard cov.rank >= 2 else {
      JAXError.raise(JAXError(.shape, op, "multivariate_normal requires cov.ndim >= 2, got cov.ndim == \(cov.rank)", site: site))
      return .invalid
    }
    guard Array(cov.shape.suffix(2)) == [n, n] else {
      JAXError.raise(JAXError(.shape, op, "multivariate_normal requires cov.shape == (..., n, n) for n=\(n), but got cov.shape == \(shapeString(cov.shape)).", site: site))
      return .invalid
    }
    guard let shape = sampleShape(op, shape, [Array(mean.shape.dropLast()), Array(cov.shape.dropLast(2))], site) else { return .invalid }
    // Everything is computed in the wider of the parameters' and the
    // samples' dtypes (what einsum's promotion gives).
    let work = DType.resultType([ShapedArray(shape: [], dtype: promoted).promotionType, ShapedArray(shape: [], dtype: d).promotionType]).dtype
    let factor = cholesky(Numpy.convert(cov, to: work, weak: false))
    let z = Numpy.convert(normalImpl(k1, k2, shape: shape + [n], d, info, site), to: work, weak: false)
    let r = shape.count
    // einsum('...ij,...j->...i'): broadcast L to shape + [n, n], z along i.
    let lFull = Lax.broadcastInDim(factor, shape: shape + [n, n], broadcastDimensions: Array((r + 2 - factor.rank)..<(r + 2)))
    // A batch of covariances makes JAX's einsum a dot_general with batch
    // axes, which XLA:CPU runs as its own loop of fused multiply-adds
    // (acc = fma(L[i, j], z[j], acc), j ascending) — SwiftJAX's GEMM
    // order; one covariance is a plain matrix product that XLA hands to
    // Eigen, whose sums here are separate products and adds. Both were
    // measured against JAX's samples bit for bit (RandomDistributionTests).
    let lz = factor.rank > 2
      ? Lax.dotGeneral(
        lFull, z,
        DotDimensionNumbers(lhsContracting: [r + 1], rhsContracting: [r], lhsBatch: Array(0..<r), rhsBatch: Array(0..<r)))
      : Lax.reduceSum(
        Lax.mul(lFull, Lax.broadcastInDim(z, shape: shape + [n, n], broadcastDimensions: Array(0..<r) + [r + 1])), axes: [r + 1])
    let m = Numpy.broadcastTo(Numpy.convert(mean, to: work, weak: false), shape + [n])
    return Lax.add(m, lz)
  }

  /// The lower Cholesky factor of symmetric positive-definite matrices
  /// `a[..., n, n]` (`jnp.linalg.cholesky`): the input is symmetrised
  /// first and a non-positive pivot makes the whole factor NaN, as JAX
  /// does. Computed column by column (left-looking), each step one batched
  /// op over the batch dimensions and rows.
  static func cholesky(_ a: Tensor) -> Tensor {
    let n = a.shape.last!
    let batch = Array(a.shape.dropLast(2))
    let b = batch.count
    let d = a.dtype
    let perm = Array(0..<b) + [b + 1, b]
    let sym = Lax.div(Lax.add(a, Lax.transpose(a, perm)), scalarConst(2, d))
    func column(_ m: Tensor, _ j: Int) -> Tensor {
      Lax.reshape(Lax.slice(m, start: [Int](repeating: 0, count: b) + [0, j], limit: batch + [n, j + 1]), batch + [n])
    }
    func entry(_ v: Tensor, _ i: Int) -> Tensor {
      Lax.slice(v, start: [Int](repeating: 0, count: b) + [i], limit: batch + [i + 1])
    }
    let rows = Lax.iota(.int32, shape: batch + [n], dimension: b)
    let zero = filled(0, d, batch + [n])
    var cols: [Tensor] = []
    var ok = Lax.broadcastInDim(Tensor(true), shape: batch + [1], broadcastDimensions: [])
    for j in 0..<n {
      var acc = column(sym, j)
      for k in 0..<j { acc = Lax.sub(acc, Lax.mul(cols[k], entry(cols[k], j))) }
      let pivot = entry(acc, j)
      ok = Lax.and(ok, Lax.gt(pivot, scalarConst(0, d)))
      let ljj = Lax.sqrt(pivot)
      let jj = Tensor(Int32(j))
      let below = Lax.div(acc, ljj)
      let diag = Lax.broadcastInDim(ljj, shape: batch + [n], broadcastDimensions: Array(0...b))
      cols.append(Lax.select(Lax.lt(rows, jj), zero, Lax.select(Lax.eq(rows, jj), diag, below)))
    }
    let l = Lax.concatenate(cols.map { Lax.reshape($0, batch + [n, 1]) }, dimension: b + 1)
    let good = Lax.broadcastInDim(ok, shape: batch + [n, n], broadcastDimensions: Array(0...b))
    return Lax.select(good, l, filled(.nan, d, batch + [n, n]))
  }

  /// Generalized normal samples with shape parameter `p`
  /// (`jax.random.generalized_normal`): density ∝ exp(-|x|^p), as
  /// `±g^(1/p)` for `g ~ Gamma(1/p)` and a random sign.
  ///
  /// ```swift
  /// let x = Random.generalizedNormal(key, p: 1.5, shape: [1000])
  /// ```
  public static func generalizedNormal<K: RandomKey>(
    _ key: K, p: Double, shape: [Int] = [], dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (d, _) = floatDType(dtype, "generalized_normal", site), singleKey(key, "generalized_normal", site) != nil,
          let shape = sampleShape("generalized_normal", shape, [], site) else { return .invalid }
    return generalizedNormalImpl(key, p, shape, d, site)
  }

  static func generalizedNormalImpl<K: RandomKey>(_ key: K, _ p: Double, _ shape: [Int], _ d: DType, _ site: CallSite) -> Tensor {
    let keys = split(key, num: 2)
    guard let words = singleKey(K.fromKeyBits(keyAt(keys.keyBits, 0)), "generalized_normal", site) else { return .invalid }
    // 1 / p is a Python float: divided in double, then a weak float.
    let inv = 1.0 / p
    let g = gammaImpl(words, filled(inv, d, shape), logSpace: false, site)
    let r = rademacher(K.fromKeyBits(keyAt(keys.keyBits, 1)), shape: shape, dtype: d)
    return Lax.mul(r, Lax.pow(g, scalarConst(inv, d)))
  }

  /// Uniform samples from the unit Lp ball in `d` dimensions
  /// (`jax.random.ball`; Barthe, Guédon, Mendelson and Naor, 2005):
  /// generalized normal coordinates scaled by their Lp norm plus an
  /// exponential. The result has shape `shape + [d]`.
  ///
  /// ```swift
  /// let pts = Random.ball(key, d: 3, p: 2, shape: [500])   // f32[500, 3], all norms <= 1
  /// ```
  public static func ball<K: RandomKey>(
    _ key: K, d: Int, p: Double = 2, shape: [Int] = [], dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (dt, info) = floatDType(dtype, "ball", site), singleKey(key, "ball", site) != nil,
          let shape = sampleShape("ball", shape, [], site) else { return .invalid }
    guard d >= 0 else {
      JAXError.raise(JAXError(.value, "ball", "d must be a nonnegative int, got \(d)", site: site))
      return .invalid
    }
    let (ka, kb) = split(key)
    let g = generalizedNormalImpl(ka, p, shape + [d], dt, site)
    guard let (e1, e2) = singleKey(kb, "ball", site) else { return .invalid }
    let u = uniformImpl(e1, e2, shape: shape, dt, info, minval: scalarConst(0, dt), maxval: scalarConst(1, dt), site)
    let e = Lax.neg(Lax.log1p(Lax.neg(u)))
    let r = shape.count
    let norm = Lax.add(Lax.reduceSum(Lax.pow(Lax.abs(g), scalarConst(p, dt)), axes: [r]), e)
    // XLA's simplifier turns g / broadcast(norm ** (1/p)) into
    // g * broadcast(norm ** -(1/p)): one pow, no division (1/p itself is a
    // float division in the sample dtype, as JAX traces it).
    let inverseP = Lax.div(scalarConst(1, dt), scalarConst(p, dt))
    let scale = Lax.pow(norm, Lax.neg(inverseP))
    return Lax.mul(g, Lax.broadcastInDim(scale, shape: shape + [d], broadcastDimensions: Array(0..<r)))
  }
}
