import Foundation

/// Samplers that transform a uniform or exponential draw through an inverse
/// CDF, with JAX 0.10.2's formulas.
extension Random {
  /// Pareto samples with shape `b` on [1, ∞) (`jax.random.pareto`):
  /// `exp(e / b)` for `e` standard exponential.
  ///
  /// ```swift
  /// let x = Random.pareto(key, b: 3, shape: [4])   // all >= 1
  /// ```
  public static func pareto<K: RandomKey>(
    _ key: K, b: Tensor, shape: [Int]? = nil, dtype: DType = .float32, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "pareto", site), !b.isInvalid,
          let shape = sampleShape("pareto", shape, [b.shape], site),
          checkSafeCast("pareto", d, [b], site) else { return .invalid }
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(0, d), maxval: scalarConst(1, d), site)
    let e = Lax.neg(Lax.log1p(Lax.neg(u)))
    return Lax.exp(divideByParam(e, b, d))
  }

  /// Weibull samples (`jax.random.weibull_min`): density
  /// ∝ (x/scale)^(c-1) e^(-(x/scale)^c) for concentration `c`, by the
  /// inverse CDF `scale · (-log1p(-u))^(1/c)`.
  ///
  /// ```swift
  /// let w = Random.weibullMin(key, scale: 2, concentration: 1.5, shape: [1000])
  /// ```
  public static func weibullMin<K: RandomKey>(
    _ key: K, scale: Tensor, concentration: Tensor, shape: [Int] = [], dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    guard let (k1, k2, d, info) = prologue(key, dtype, "weibull_min", site), !scale.isInvalid, !concentration.isInvalid else { return .invalid }
    if shape.contains(where: { $0 < 0 }) {
      JAXError.raise(JAXError(.shape, "weibull_min", "shape must have nonnegative dimensions, got \(shapeString(shape))", site: site))
      return .invalid
    }
    let u = uniformImpl(k1, k2, shape: shape, d, info, minval: scalarConst(0, d), maxval: scalarConst(1, d), site)
    let e = Lax.neg(Lax.log1p(Lax.neg(u)))
    // `1.0 / concentration`: a Python float divides in double precision
    // before becoming a weak float32, so a Swift literal does too.
    let inverse: Tensor
    if concentration.weakType, concentration.rank == 0, let c = concentration.value as? ConcreteArray {
      inverse = Tensor(weak: 1.0 / c.element(0).asDouble)
    } else {
      inverse = Numpy.divide(Tensor(weak: 1.0), concentration)
    }
    return Numpy.multiply(Numpy.power(e, inverse), scale, file: file, line: line)
  }
}
