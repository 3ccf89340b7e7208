import Foundation

/// Samplers that transform uniform samples (inverse CDFs), as JAX does.
extension Random {
  /// Shared prologue: a checked float dtype and the key words.
  static func prologue<K: RandomKey>(_ key: K, _ dtype: DType, _ op: String, _ site: CallSite) -> (Tensor, Tensor, DType, FloatInfo)? {
    guard let (d, info) = floatDType(dtype, op, site), let (k1, k2) = singleKey(key, op, site) else { return nil }
    return (k1, k2, d, info)
  }

  /// Exponential samples with rate 1 (`jax.random.exponential`).
  ///
  /// ```swift
  /// Random.exponential(Random.PRNGKey(0), shape: [3])  // [2.950128   3.8434246  0.40390354]
  /// ```
  public static func exponential<K: RandomKey>(_ key: K, shape: [Int] = [], dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "exponential", site) else { return .invalid }
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(0, d), maxval: scalarConst(1, d), site)
    return Lax.neg(Lax.log1p(Lax.neg(u)))
  }

  /// Laplace samples with scale 1 (`jax.random.laplace`).
  ///
  /// ```swift
  /// Random.laplace(Random.PRNGKey(0), shape: [3])  // [-2.2569816  -3.1502788   0.40859544]
  /// ```
  public static func laplace<K: RandomKey>(_ key: K, shape: [Int] = [], dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "laplace", site) else { return .invalid }
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(-1 + info.epsneg, d), maxval: scalarConst(1, d), site)
    return Lax.mul(Lax.sign(u), Lax.log1p(Lax.neg(Lax.abs(u))))
  }

  /// Logistic samples (`jax.random.logistic`).
  ///
  /// ```swift
  /// Random.logistic(Random.PRNGKey(0), shape: [3])  // ≈ [ 2.896376   3.8217716 -0.6978392]
  /// ```
  public static func logistic<K: RandomKey>(_ key: K, shape: [Int] = [], dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "logistic", site) else { return .invalid }
    let x = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(info.eps, d), maxval: scalarConst(1, d), site)
    return Lax.log(Lax.div(x, Lax.sub(scalarConst(1, d), x)))
  }

  /// Standard Cauchy samples (`jax.random.cauchy`).
  ///
  /// ```swift
  /// Random.cauchy(Random.PRNGKey(0), shape: [3])  // [ 6.0274944  14.837895   -0.58172226]
  /// ```
  public static func cauchy<K: RandomKey>(_ key: K, shape: [Int] = [], dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "cauchy", site) else { return .invalid }
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(info.eps, d), maxval: scalarConst(1, d), site)
    return Lax.tan(Lax.mul(scalarConst(Double.pi, d), Lax.sub(u, scalarConst(0.5, d))))
  }

  /// Standard Gumbel samples (`jax.random.gumbel`, mode "low").
  ///
  /// ```swift
  /// Random.gumbel(Random.PRNGKey(0), shape: [3])  // [ 2.9233725   3.8326178  -0.09689324]
  /// ```
  public static func gumbel<K: RandomKey>(_ key: K, shape: [Int] = [], dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "gumbel", site) else { return .invalid }
    return gumbelImpl(k1, k2, shape: shape, d, info, site)
  }

  static func gumbelImpl(_ k1: Tensor, _ k2: Tensor, shape: [Int], _ d: DType, _ info: FloatInfo, _ site: CallSite) -> Tensor {
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(info.tiny, d), maxval: scalarConst(1, d), site)
    return Lax.neg(Lax.log(Lax.neg(Lax.log(u))))
  }

  /// Rademacher samples: -1 or +1 with equal probability.
  ///
  /// ```swift
  /// Random.rademacher(Random.PRNGKey(0), shape: [3])  // [-1 -1  1]
  /// ```
  public static func rademacher<K: RandomKey>(_ key: K, shape: [Int] = [], dtype: DType = .int32, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let b = bernoulli(key, p: 0.5, shape: shape, file: file, line: line)
    let d = dtype.canonical
    let x = Lax.convertElementType(b, d)
    return Numpy.convert(Numpy.subtract(Numpy.multiply(Tensor(weak: 2), x), Tensor(weak: 1)), to: d, weak: false)
  }
}
