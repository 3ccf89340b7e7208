// The softmax family, `oneHot` and `standardize` of `jax.nn`. JAX 0.10.2
// computes softmax with `jax_softmax_custom_jvp` off: the max shift is
// wrapped in `stop_gradient` and the rest is differentiated normally; the
// same holds for `log_softmax` and `logsumexp` (jax.scipy.special).

extension NN {
  /// `x` with masked-out entries replaced by `fill` (JAX's `x_safe`).
  static func masked(_ x: Tensor, _ mask: Tensor?, _ fill: Double, file: StaticString, line: UInt) -> Tensor {
    guard let mask else { return x }
    return Numpy.where(mask, x, w(fill), file: file, line: line)
  }

  /// The maximum along `axis` (kept dims), ignoring masked-out entries,
  /// with its gradient stopped.
  static func shift(_ x: Tensor, _ axis: any AxesConvertible, _ mask: Tensor?, file: StaticString, line: UInt) -> Tensor {
    stopGradient(Numpy.max(masked(x, mask, -.infinity, file: file, line: line), axis: axis, keepDims: true, file: file, line: line), file: file, line: line)
  }

  /// `jax.nn.softmax`: `exp(x) / sum(exp(x))` along `axis` (default the
  /// last), stable by subtracting the maximum. Entries where `where` is
  /// false are excluded and come out as 0.
  ///
  /// ```swift
  /// nn.softmax(jnp.array([1.0, 2.0, 3.0]))   // [0.09003057, 0.24472848, 0.66524094]
  /// ```
  public static func softmax(
    _ x: Tensor, axis: any AxesConvertible = -1, where mask: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = inexact(x, file: file, line: line)
    let xMax = shift(a, axis, mask, file: file, line: line)
    let unnormalized = Numpy.exp(masked(a, mask, -.infinity, file: file, line: line) - xMax, file: file, line: line)
    let total = Numpy.sum(masked(unnormalized, mask, 0, file: file, line: line), axis: axis, keepDims: true, file: file, line: line)
    let result = unnormalized / total
    return masked(result, mask, 0, file: file, line: line)
  }

  /// `jax.nn.log_softmax`: `x - logsumexp(x)` along `axis`; masked-out
  /// entries (where `where` is false) are `-inf`.
  public static func logSoftmax(
    _ x: Tensor, axis: any AxesConvertible = -1, where mask: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = inexact(x, file: file, line: line)
    let shifted = masked(a, mask, -.infinity, file: file, line: line) - shift(a, axis, mask, file: file, line: line)
    let e = masked(Numpy.exp(shifted, file: file, line: line), mask, 0, file: file, line: line)
    let result = shifted - Numpy.log(Numpy.sum(e, axis: axis, keepDims: true, file: file, line: line), file: file, line: line)
    return masked(result, mask, -.infinity, file: file, line: line)
  }

  /// `jax.nn.logsumexp` (`jax.scipy.special.logsumexp`): `log(sum(exp(x)))`
  /// over `axis` (all axes when nil), stable for large inputs and for
  /// all-`-inf` slices; the max shift is not differentiated.
  ///
  /// ```swift
  /// nn.logsumexp(jnp.array([1000.0, 1000.0]))   // 1000.6931
  /// ```
  public static func logsumexp(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, where mask: Tensor? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = inexact(x, file: file, line: line)
    let axes: any AxesConvertible = axis ?? Array(0..<a.rank)
    let mx = Numpy.max(masked(a, mask, -.infinity, file: file, line: line), axis: axes, keepDims: true, file: file, line: line)
    // A non-finite maximum (all -inf, or inf) shifts by 0 so that the
    // result is -inf or inf rather than NaN.
    let amax = stopGradient(Numpy.where(Numpy.isfinite(mx, file: file, line: line), mx, zeros(like: mx), file: file, line: line), file: file, line: line)
    let e = masked(Numpy.exp(a - amax, file: file, line: line), mask, 0, file: file, line: line)
    let r = Numpy.log(Numpy.sum(e, axis: axes, keepDims: true, file: file, line: line), file: file, line: line) + amax
    return keepDims ? r : Numpy.squeeze(r, axis: axes, file: file, line: line)
  }

  /// `jax.nn.logmeanexp`: `logsumexp(x) - log(count)` over `axis`.
  public static func logmeanexp(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let lse = logsumexp(x, axis: axis, keepDims: keepDims, file: file, line: line)
    let axes = (axis?.axesList ?? Array(0..<x.rank)).map { $0 < 0 ? $0 + x.rank : $0 }
    let count = axes.reduce(1) { $1 >= 0 && $1 < x.rank ? $0 * x.shape[$1] : $0 }
    return lse - Numpy.log(Numpy.scalar(Double(count), lse.dtype), file: file, line: line)
  }

  /// `jax.nn.one_hot`: a new axis (at `axis`, default last) of size
  /// `numClasses` with 1 where the index equals `x`, else 0. Out-of-range
  /// indices give all zeros.
  ///
  /// ```swift
  /// nn.oneHot(jnp.array([0, 2]), numClasses: 3)   // [[1, 0, 0], [0, 0, 1]]
  /// ```
  public static func oneHot(
    _ x: Tensor, numClasses: Int, dtype: DType = .float32, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let outAxis = axis < 0 ? axis + x.rank + 1 : axis
    guard outAxis >= 0, outAxis <= x.rank, numClasses >= 0 else {
      JAXError.raise(JAXError(
        .value, "one_hot", "axis \(axis) is out of range for a result of rank \(x.rank + 1), or numClasses \(numClasses) < 0",
        site: CallSite(file: file, line: line)))
      return .invalid
    }
    let lhs = Numpy.expandDims(x, axis: outAxis, file: file, line: line)
    var rhsShape = [Int](repeating: 1, count: x.rank)
    rhsShape.insert(numClasses, at: outAxis)
    let rhs = Lax.iota(x.dtype, shape: rhsShape, dimension: outAxis, file: file, line: line)
    return Numpy.convert(lhs == rhs, to: dtype.canonical, weak: false, file: file, line: line)
  }

  /// `jax.nn.standardize`: `(x - mean) / sqrt(variance + epsilon)` along
  /// `axis`, with JAX's default "fast" variance `mean(x²) - mean(x)²`
  /// (clipped at 0). Pass `mean`/`variance` to use given statistics.
  public static func standardize(
    _ x: Tensor, axis: any AxesConvertible = -1, mean: Tensor? = nil, variance: Tensor? = nil,
    epsilon: Tensor = 1e-5, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let m = mean ?? Numpy.mean(x, axis: axis, keepDims: true, file: file, line: line)
    let v = variance ?? Numpy.clip(
      Numpy.mean(Numpy.square(x, file: file, line: line), axis: axis, keepDims: true, file: file, line: line)
        - Numpy.square(m, file: file, line: line), min: w(0), file: file, line: line)
    return (x - m) * Lax.rsqrt(v + epsilon, file: file, line: line)
  }
}
