import Foundation

// Reductions with NumPy's axis conventions (Int, [Int] or nil, negative
// axes, keepDims) and jnp's dtype rules: sum/prod/cumsum promote bool and
// small integers to the default int, mean/var/std promote integers to the
// default float.

extension Numpy {
  /// The accumulation dtype jnp uses for sum/prod/cumsum when no dtype is
  /// given: bool and narrow integers widen to the default (u)int.
  static func promotedIntegerDType(_ d: DType) -> DType {
    if d.isBool { return .defaultInt }
    if d.isSignedInteger && d.byteSize < DType.defaultInt.byteSize { return .defaultInt }
    if d.isUnsignedInteger && d.byteSize < DType.defaultUInt.byteSize { return .defaultUInt }
    return d
  }

  /// The dtype jnp accumulates a reduction of `d` in: float16 and
  /// bfloat16 sums are computed in float32 and rounded once at the end
  /// (JAX's `_upcast_f16`), so `var(arange(300, float16))` is 7500, not inf.
  static func upcastF16(_ d: DType) -> DType {
    d.isHalfPrecision ? .float32 : d
  }

  /// Re-inserts reduced axes as size 1 when `keepDims` is set.
  static func keep(_ r: Tensor, _ axes: [Int], _ keepDims: Bool, file: StaticString, line: UInt) -> Tensor {
    keepDims ? laxExpandDims(r, dimensions: axes, file: file, line: line) : r
  }

  /// Shared body of the plain reductions.
  static func reduction(
    _ op: ReduceOp, _ name: String, _ x: Tensor, axis: (any AxesConvertible)?, keepDims: Bool, dtype: DType?,
    file: StaticString, line: UInt
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let axes = normalizeAxes(axis, rank: x.rank, name, file: file, line: line) else { return .invalid }
    if op == .max || op == .min, let empty = axes.first(where: { x.shape[$0] == 0 }) {
      return fail(.shape, name, "zero-size array to reduction operation \(name) which has no identity (axis \(empty) of shape \(shapeString(x.shape)))", file: file, line: line)
    }
    var y = x
    if let dtype { y = convert(y, to: dtype.canonical, weak: false, file: file, line: line) }
    // A bool sum/prod without a dtype counts (sum) or multiplies as ints.
    if op == .sum || op == .prod, dtype == nil { y = convert(y, to: promotedIntegerDType(y.dtype), weak: false, file: file, line: line) }
    // As jnp: without an explicit dtype, half-precision sums and products
    // accumulate in float32 (max/min are exact in any precision).
    let resultDType = y.dtype
    if op == .sum || op == .prod, dtype == nil { y = convert(y, to: upcastF16(resultDType), weak: false, file: file, line: line) }
    var r = Lax.reduce(y, op, axes: axes, file: file, line: line)
    if r.dtype != resultDType { r = Lax.convertElementType(r, resultDType, file: file, line: line) }
    return keep(r, axes, keepDims, file: file, line: line)
  }

  /// `jnp.sum`: bool and narrow integer inputs accumulate in the default
  /// int type.
  ///
  /// ```swift
  /// let a = jnp.array([[1, 1, 1, 1, 1], [2, 2, 2, 2, 2]])
  /// jnp.sum(a, axis: 0)   // [3, 3, 3, 3, 3]
  /// jnp.sum(a, axis: 1)   // [5, 10]
  /// jnp.sum(a)            // 15
  /// ```
  public static func sum(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    reduction(.sum, "sum", x, axis: axis, keepDims: keepDims, dtype: dtype, file: file, line: line)
  }

  /// `jnp.prod`. Example: `jnp.prod(jnp.array([1, 2, 3]))  // 6`
  public static func prod(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    reduction(.prod, "prod", x, axis: axis, keepDims: keepDims, dtype: dtype, file: file, line: line)
  }

  /// `jnp.max` (NaN-propagating; empty axes are an error).
  ///
  /// ```swift
  /// jnp.max(m, axis: -1, keepDims: true)
  /// ```
  public static func max(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    reduction(.max, "max", x, axis: axis, keepDims: keepDims, dtype: nil, file: file, line: line)
  }

  /// `jnp.min`. Example: `jnp.min(m, axis: 0)`
  public static func min(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    reduction(.min, "min", x, axis: axis, keepDims: keepDims, dtype: nil, file: file, line: line)
  }

  /// `jnp.any`: whether any element is non-zero.
  ///
  /// ```swift
  /// jnp.any(x > 3, axis: 0)
  /// ```
  public static func any(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    reduction(.or, "any", truthy(x, file: file, line: line), axis: axis, keepDims: keepDims, dtype: nil, file: file, line: line)
  }

  /// `jnp.all`: whether all elements are non-zero.
  ///
  /// ```swift
  /// jnp.all(x > 0)
  /// ```
  public static func all(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    reduction(.and, "all", truthy(x, file: file, line: line), axis: axis, keepDims: keepDims, dtype: nil, file: file, line: line)
  }

  /// `jnp.mean`: integer inputs are averaged in the default float type.
  ///
  /// ```swift
  /// jnp.mean(jnp.array([1, 2]))   // 1.5 (float32)
  /// ```
  public static func mean(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let axes = normalizeAxes(axis, rank: x.rank, "mean", file: file, line: line) else { return .invalid }
    let d = dtype?.canonical ?? inexactDType(x.aval)
    // Half precision is summed and divided in float32 unless a dtype is given.
    let cd = dtype == nil ? upcastF16(d) : d
    let n = axes.reduce(1) { $0 * x.shape[$1] }
    // As JAX: the (kept-dims) sum, then the division.
    let s = Lax.reduceSum(convert(x, to: cd, weak: false, file: file, line: line), axes: axes, file: file, line: line)
    let r = Lax.div(keep(s, axes, keepDims, file: file, line: line), scalar(Double(n), cd), file: file, line: line)
    return cd == d ? r : Lax.convertElementType(r, d, file: file, line: line)
  }

  /// `jnp.var`: the variance, dividing by `N - ddof` (NaN when that is
  /// not positive).
  ///
  /// ```swift
  /// jnp.var(x)              // population variance
  /// jnp.var(x, ddof: 1)     // sample variance
  /// ```
  public static func `var`(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, ddof: Int = 0, keepDims: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let axes = normalizeAxes(axis, rank: x.rank, "var", file: file, line: line) else { return .invalid }
    let d = inexactDType(x.aval)
    // JAX computes the variance of half-precision input in float32.
    let cd = upcastF16(d)
    let a = convert(x, to: cd, weak: false, file: file, line: line)
    let centered = Lax.sub(a, broadcastRanked(mean(a, axis: axes, keepDims: true, file: file, line: line), to: a.shape, file: file, line: line), file: file, line: line)
    let n = axes.reduce(1) { $0 * x.shape[$1] } - ddof
    let s = Lax.reduceSum(Lax.square(centered, file: file, line: line), axes: axes, file: file, line: line)
    var r = n > 0 ? Lax.div(s, scalar(Double(n), cd), file: file, line: line) : Lax.mul(s, scalar(.nan, cd), file: file, line: line)
    if cd != d { r = Lax.convertElementType(r, d, file: file, line: line) }
    return keep(r, axes, keepDims, file: file, line: line)
  }

  /// `jnp.std`: the square root of ``var(_:axis:ddof:keepDims:file:line:)``.
  ///
  /// ```swift
  /// jnp.std(x, axis: 0, ddof: 1)
  /// ```
  public static func std(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, ddof: Int = 0, keepDims: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    Lax.sqrt(`var`(x, axis: axis, ddof: ddof, keepDims: keepDims, file: file, line: line), file: file, line: line)
  }

  static func argReduce(_ op: ArgReduceOp, _ x: Tensor, axis: Int?, keepDims: Bool, file: StaticString, line: UInt) -> Tensor {
    if x.isInvalid { return .invalid }
    let y = axis == nil ? ravel(x, file: file, line: line) : x
    guard let a = normalizeAxis(axis ?? 0, rank: y.rank, op.name, file: file, line: line) else { return .invalid }
    if y.shape[a] == 0 {
      return fail(.shape, op.name, "attempt to get \(op.name) of an empty sequence (axis \(a) of shape \(shapeString(x.shape)))", file: file, line: line)
    }
    let r = bind1(.argReduce(op, axis: a, indexDType: .defaultInt), [y], site: CallSite(file: file, line: line))
    if !keepDims { return r }
    return axis == nil ? reshape(r, [Int](repeating: 1, count: x.rank), file: file, line: line) : laxExpandDims(r, dimensions: [a], file: file, line: line)
  }

  /// `jnp.argmax`: index of the first maximum (over the flattened tensor
  /// when `axis` is nil).
  ///
  /// ```swift
  /// jnp.argmax(jnp.array([1, 3, 2]))   // 1
  /// ```
  public static func argmax(_ x: Tensor, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    argReduce(.argmax, x, axis: axis, keepDims: keepDims, file: file, line: line)
  }

  /// `jnp.argmin`. Example: `jnp.argmin(m, axis: 1)`
  public static func argmin(_ x: Tensor, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    argReduce(.argmin, x, axis: axis, keepDims: keepDims, file: file, line: line)
  }

  static func cumulative(_ op: CumulativeOp, _ name: String, _ x: Tensor, axis: Int?, dtype: DType?, file: StaticString, line: UInt) -> Tensor {
    if x.isInvalid { return .invalid }
    var y = axis == nil ? ravel(x, file: file, line: line) : x
    guard let a = normalizeAxis(axis ?? 0, rank: y.rank, name, file: file, line: line) else { return .invalid }
    if let dtype { y = convert(y, to: dtype.canonical, weak: false, file: file, line: line) }
    // Unlike sum/prod, jnp.cumsum/cumprod keep narrow integer types; only
    // bool counts in the default int type.
    if (op == .sum || op == .prod) && dtype == nil && y.dtype.isBool { y = convert(y, to: .defaultInt, weak: false, file: file, line: line) }
    return Lax.cumulative(y, op, axis: a, file: file, line: line)
  }

  /// `jnp.cumsum` along `axis` (flattened when nil).
  ///
  /// ```swift
  /// jnp.cumsum(jnp.array([1, 2, 3, 4, 5]))   // [1, 3, 6, 10, 15]
  /// ```
  public static func cumsum(_ x: Tensor, axis: Int? = nil, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    cumulative(.sum, "cumsum", x, axis: axis, dtype: dtype, file: file, line: line)
  }

  /// `jnp.cumprod`. Example: `jnp.cumprod(jnp.array([1, 2, 3]))  // [1, 2, 6]`
  public static func cumprod(_ x: Tensor, axis: Int? = nil, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    cumulative(.prod, "cumprod", x, axis: axis, dtype: dtype, file: file, line: line)
  }

  /// `jax.lax.cummax` through the NumPy axis conventions. Example: `jnp.cummax(x, axis: 0)`
  public static func cummax(_ x: Tensor, axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    cumulative(.max, "cummax", x, axis: axis, dtype: nil, file: file, line: line)
  }

  /// `jax.lax.cummin` through the NumPy axis conventions. Example: `jnp.cummin(x, axis: 0)`
  public static func cummin(_ x: Tensor, axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    cumulative(.min, "cummin", x, axis: axis, dtype: nil, file: file, line: line)
  }

  // MARK: - logsumexp / softmax
  //
  // The shift is the maximum with identity -inf (JAX: `initial=-inf`), not
  // `jnp.max`, so that empty axes give -inf (logsumexp) and an empty
  // result (softmax) instead of an error.

  /// The maximum along `axes` with kept dims, -inf over empty axes.
  static func shiftMax(_ a: Tensor, _ axes: [Int], file: StaticString, line: UInt) -> Tensor {
    keep(Lax.reduce(a, .max, axes: axes, file: file, line: line), axes, true, file: file, line: line)
  }
  //
  // AD hook: JAX gives `logsumexp`, `softmax` and `log_softmax` custom
  // JVPs (the max-subtraction is not differentiated and the derivative of
  // softmax is written in terms of its output). The `...Primal` functions
  // below are the forward computations; the AD layer wraps each public
  // function's body with `customJVP(primal, jvp)` when that exists,
  // without changing these signatures.

  /// `jax.nn.logsumexp` / `jax.scipy.special.logsumexp`:
  /// `log(sum(exp(x)))`, computed stably by subtracting the maximum.
  ///
  /// ```swift
  /// jnp.logsumexp(jnp.array([1000.0, 1000.0]))   // 1000.6931
  /// ```
  public static func logsumexp(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    logsumexpPrimal(x, axis: axis, keepDims: keepDims, file: file, line: line)
  }

  static func logsumexpPrimal(_ x: Tensor, axis: (any AxesConvertible)?, keepDims: Bool, file: StaticString, line: UInt) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = toInexact(x, file: file, line: line)
    guard let axes = normalizeAxes(axis, rank: a.rank, "logsumexp", file: file, line: line) else { return .invalid }
    // The shift must be finite, or inf - inf would give NaN for all-(-inf)
    // slices.
    let mx = shiftMax(a, axes, file: file, line: line)
    let shift = Lax.select(Lax.isFinite(mx, file: file, line: line), mx, Lax.broadcastInDim(scalar(0, a.dtype), shape: mx.shape, broadcastDimensions: [], file: file, line: line), file: file, line: line)
    let e = Lax.exp(Lax.sub(a, broadcastRanked(shift, to: a.shape, file: file, line: line), file: file, line: line), file: file, line: line)
    let s = Lax.log(Lax.reduceSum(e, axes: axes, file: file, line: line), file: file, line: line)
    let r = Lax.add(s, Lax.reshape(shift, s.shape, file: file, line: line), file: file, line: line)
    return keep(r, axes, keepDims, file: file, line: line)
  }

  /// `jax.nn.softmax` along `axis` (default: the last).
  ///
  /// ```swift
  /// jnp.softmax(jnp.array([1.0, 2.0, 3.0]))   // [0.09003057, 0.24472848, 0.66524094]
  /// ```
  public static func softmax(_ x: Tensor, axis: any AxesConvertible = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    softmaxPrimal(x, axis: axis, file: file, line: line)
  }

  static func softmaxPrimal(_ x: Tensor, axis: any AxesConvertible, file: StaticString, line: UInt) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = toInexact(x, file: file, line: line)
    guard let axes = normalizeAxes(axis, rank: a.rank, "softmax", file: file, line: line) else { return .invalid }
    let mx = broadcastRanked(shiftMax(a, axes, file: file, line: line), to: a.shape, file: file, line: line)
    let e = Lax.exp(Lax.sub(a, mx, file: file, line: line), file: file, line: line)
    let s = broadcastRanked(laxExpandDims(Lax.reduceSum(e, axes: axes, file: file, line: line), dimensions: axes, file: file, line: line), to: a.shape, file: file, line: line)
    return Lax.div(e, s, file: file, line: line)
  }

  /// `jax.nn.log_softmax` along `axis` (default: the last).
  ///
  /// ```swift
  /// jnp.logSoftmax(logits)   // logits - logsumexp(logits, axis: -1, keepDims: true)
  /// ```
  public static func logSoftmax(_ x: Tensor, axis: any AxesConvertible = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    logSoftmaxPrimal(x, axis: axis, file: file, line: line)
  }

  static func logSoftmaxPrimal(_ x: Tensor, axis: any AxesConvertible, file: StaticString, line: UInt) -> Tensor {
    if x.isInvalid { return .invalid }
    let a = toInexact(x, file: file, line: line)
    guard let axes = normalizeAxes(axis, rank: a.rank, "log_softmax", file: file, line: line) else { return .invalid }
    let shifted = Lax.sub(a, broadcastRanked(shiftMax(a, axes, file: file, line: line), to: a.shape, file: file, line: line), file: file, line: line)
    let lse = Lax.log(Lax.reduceSum(Lax.exp(shifted, file: file, line: line), axes: axes, file: file, line: line), file: file, line: line)
    return Lax.sub(shifted, broadcastRanked(laxExpandDims(lse, dimensions: axes, file: file, line: line), to: a.shape, file: file, line: line), file: file, line: line)
  }

  // MARK: - Order statistics

  /// `jnp.quantile` with linear interpolation (NumPy's default method):
  /// sorts along `axis` (flattened when nil) and interpolates between the
  /// two neighbouring order statistics. `q` is static, in `[0, 1]`.
  ///
  /// ```swift
  /// jnp.quantile(jnp.array([1.0, 2.0, 3.0, 4.0]), 0.25)   // 1.75
  /// ```
  public static func quantile(
    _ x: Tensor, _ q: Double, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    // As JAX (median and percentile included).
    if x.dtype.isComplex { return fail(.dtype, "quantile", "quantile does not support complex input, as the operation is poorly defined (got \(x.dtype.name) of shape \(shapeString(x.shape))); take jnp.real, jnp.imag or jnp.abs first", file: file, line: line) }
    if !(0...1).contains(q) { return fail(.value, "quantile", "q must be in [0, 1], got \(q)", file: file, line: line) }
    let y = toInexact(axis == nil ? ravel(x, file: file, line: line) : x, file: file, line: line)
    guard let a = normalizeAxis(axis ?? 0, rank: y.rank, "quantile", file: file, line: line) else { return .invalid }
    let n = y.shape[a]
    if n == 0 { return fail(.shape, "quantile", "cannot take the quantile of an empty axis", file: file, line: line) }
    let sorted = sort(y, axis: a, file: file, line: line)
    let pos = q * Double(n - 1)
    let (lo, hi) = (Int(Foundation.floor(pos)), Int(Foundation.ceil(pos)))
    let frac = pos - Double(lo)
    let low = Lax.squeeze(Lax.sliceInDim(sorted, start: lo, limit: lo + 1, axis: a, file: file, line: line), dimensions: [a], file: file, line: line)
    let high = Lax.squeeze(Lax.sliceInDim(sorted, start: hi, limit: hi + 1, axis: a, file: file, line: line), dimensions: [a], file: file, line: line)
    // low * (1 - frac) + high * frac, as NumPy's linear method computes it.
    var r = Lax.add(Lax.mul(low, scalar(1 - frac, y.dtype), file: file, line: line), Lax.mul(high, scalar(frac, y.dtype), file: file, line: line), file: file, line: line)
    // A NaN anywhere along the axis makes the result NaN (NaNs sort last).
    let last = Lax.squeeze(Lax.sliceInDim(sorted, start: n - 1, limit: n, axis: a, file: file, line: line), dimensions: [a], file: file, line: line)
    r = Lax.select(Lax.ne(last, last, file: file, line: line), last, r, file: file, line: line)
    if !keepDims { return r }
    return axis == nil ? reshape(r, [Int](repeating: 1, count: x.rank), file: file, line: line) : laxExpandDims(r, dimensions: [a], file: file, line: line)
  }

  /// `jnp.median`: the 0.5 quantile.
  ///
  /// ```swift
  /// jnp.median(jnp.array([3.0, 1.0, 2.0]))   // 2.0
  /// ```
  public static func median(_ x: Tensor, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    quantile(x, 0.5, axis: axis, keepDims: keepDims, file: file, line: line)
  }
}
