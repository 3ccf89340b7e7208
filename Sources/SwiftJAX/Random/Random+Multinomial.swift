import Foundation

/// Multinomial counts, as JAX 0.10.2 samples them: one binomial draw per
/// outcome, each on the trials the earlier outcomes left over.
extension Random {
  /// Multinomial samples (`jax.random.multinomial`): counts of `n` trials
  /// over the outcomes along the last axis of `p`. Outcome `i` draws
  /// `Binomial(remaining, p_i / Σ_{j>=i} p_j)` with its own key, as a scan
  /// over the outcomes. The result has shape `shape` (default `p`'s shape;
  /// its last axis is the outcomes) and holds whole numbers in `dtype`.
  ///
  /// ```swift
  /// let p = Tensor([0.2, 0.3, 0.5] as [Float])
  /// let counts = Random.multinomial(key, n: 100, p: p)   // e.g. [21. 28. 51.], sums to 100
  /// ```
  /// - Parameters:
  ///   - key: a PRNG key (raw or typed).
  ///   - n: the number of trials; broadcast to `shape` without its last axis.
  ///   - p: the outcome probabilities along the last axis.
  ///   - shape: the result shape, outcomes last; defaults to `p`'s shape.
  ///   - dtype: a floating-point dtype for the counts (float32 by default).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func multinomial<K: RandomKey>(
    _ key: K, n: Tensor, p: Tensor, shape: [Int]? = nil, dtype: DType = .float32,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let op = "multinomial"
    guard let (d, _) = floatDType(dtype, op, site), singleKey(key, op, site) != nil, !n.isInvalid, !p.isInvalid else { return .invalid }
    let full = shape ?? p.shape
    guard !full.isEmpty else {
      JAXError.raise(JAXError(.shape, op, "p must have at least one dimension (the outcomes), got shape \(shapeString(p.shape))", site: site))
      return .invalid
    }
    guard sampleShape(op, full, [p.shape], site) != nil, sampleShape(op, Array(full.dropLast()), [n.shape], site) != nil else { return .invalid }
    // promote_dtypes_inexact(n, p): the arithmetic runs in their common float type.
    var work = DType.resultType([n.aval.promotionType, p.aval.promotionType]).dtype
    if !work.isFloatingPoint { work = .defaultFloat }
    let trials = Numpy.broadcastTo(Numpy.convert(n, to: work, weak: false), Array(full.dropLast()))
    let probs = Numpy.moveaxis(Numpy.broadcastTo(Numpy.convert(p, to: work, weak: false), full), source: -1, destination: 0)
    let remaining = Lax.cumulative(probs, .sum, axis: 0, reverse: true)
    let zero = Numpy.convert(Tensor(weak: 0), to: work, weak: false)
    let one = Numpy.convert(Tensor(weak: 1), to: work, weak: false)
    let ratios = Numpy.divide(probs, Numpy.where(Numpy.equal(remaining, zero), one, remaining))
    let keys = split(key, num: full.last!).keyBits
    let (_, counts) = Lax.scan({ (left: Tensor, step: Tuple2Tree<Tensor, Tensor>) -> (Tensor, Tensor) in
      let count = binomial(step.b, n: left, p: Numpy.clip(step.a, min: zero, max: one), dtype: work)
      return (Lax.sub(left, count), count)
    }, initial: trials, xs: Tuple2Tree(ratios, keys), file: file, line: line)
    return Numpy.convert(Numpy.moveaxis(counts, source: 0, destination: -1), to: d, weak: false)
  }
}
