import Foundation

/// NaN-ignoring order statistics (`jnp.nanquantile`, `nanpercentile`,
/// `nanmedian`) with JAX's linear interpolation between the sorted
/// non-NaN values.
extension Numpy {
  /// `jnp.nanquantile`: the `q`-quantile along `axis` (all elements when
  /// nil) ignoring NaNs; a slice with no numbers gives NaN.
  ///
  /// ```swift
  /// jnp.nanquantile(jnp.array([1.0, .nan, 3.0, 2.0]), 0.5)   // 2.0
  /// ```
  /// - Parameters:
  ///   - x: the data.
  ///   - q: the quantile, in [0, 1].
  ///   - axis: the axis reduced; nil flattens first.
  ///   - keepDims: keep the reduced axis with size 1.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func nanquantile(
    _ x: Tensor, _ q: Double, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    nanQuantileImpl(x, q, axis, keepDims, "nanquantile", file, line)
  }

  /// `jnp.nanpercentile`: ``nanquantile(_:_:axis:keepDims:file:line:)`` with
  /// `q` in percent.
  ///
  /// ```swift
  /// jnp.nanpercentile(jnp.array([1.0, .nan, 3.0, 2.0]), 50)   // 2.0
  /// ```
  /// - Parameters:
  ///   - x: the data.
  ///   - q: the percentile, in [0, 100].
  ///   - axis: the axis reduced; nil flattens first.
  ///   - keepDims: keep the reduced axis with size 1.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func nanpercentile(
    _ x: Tensor, _ q: Double, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if !(0...100).contains(q) { return fail(.value, "nanpercentile", "q must be in [0, 100], got \(q)", file: file, line: line) }
    return nanQuantileImpl(x, q / 100, axis, keepDims, "nanpercentile", file, line)
  }

  /// `jnp.nanmedian`: the median ignoring NaNs.
  ///
  /// ```swift
  /// jnp.nanmedian(jnp.array([[1.0, .nan], [4.0, 2.0]]), axis: 1)   // [1. 3.]
  /// ```
  /// - Parameters:
  ///   - x: the data.
  ///   - axis: the axis reduced; nil flattens first.
  ///   - keepDims: keep the reduced axis with size 1.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func nanmedian(_ x: Tensor, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    nanQuantileImpl(x, 0.5, axis, keepDims, "nanmedian", file, line)
  }

  /// JAX's `_quantile(squash_nans=True)`: sort (NaNs last), count the
  /// numbers, interpolate at `q · (count - 1)` in the data's dtype.
  static func nanQuantileImpl(_ x: Tensor, _ q: Double, _ axis: Int?, _ keepDims: Bool, _ op: String, _ file: StaticString, _ line: UInt) -> Tensor {
    if x.isInvalid { return .invalid }
    // As JAX: its message names quantile for every variant.
    if x.dtype.isComplex { return fail(.dtype, op, "quantile does not support complex input, as the operation is poorly defined (got \(x.dtype.name) of shape \(shapeString(x.shape))); take jnp.real, jnp.imag or jnp.abs first", file: file, line: line) }
    if !(0...1).contains(q) { return fail(.value, op, "q must be in [0, 1], got \(q)", file: file, line: line) }
    let y = toInexact(axis == nil ? ravel(x, file: file, line: line) : x, file: file, line: line)
    guard let a = normalizeAxis(axis ?? 0, rank: y.rank, op, file: file, line: line) else { return .invalid }
    let d = y.dtype
    let sorted = Lax.sort([y], dimension: a, file: file, line: line)[0]
    let isNum = Lax.not(Lax.ne(sorted, sorted))
    let counts = Lax.reduceSum(Lax.convertElementType(isNum, d), axes: [a])
    let pos = Lax.mul(scalar(q, d), Lax.sub(counts, scalar(1, d)))
    let (low, high) = (Lax.floor(pos), Lax.ceil(pos))
    let highWeight = Lax.sub(pos, low)
    let lowWeight = Lax.sub(scalar(1, d), highWeight)
    let last = Lax.sub(counts, scalar(1, d))
    func pick(_ at: Tensor) -> Tensor {
      let clamped = Lax.max(scalar(0, d), Lax.min(at, last))
      let index = laxExpandDims(Lax.convertElementType(clamped, .int32), dimensions: [a])
      let v = takeAlongAxis(sorted, index, axis: a, file: file, line: line)
      return Lax.squeeze(v, dimensions: [a])
    }
    let r = Lax.add(Lax.mul(pick(low), lowWeight), Lax.mul(pick(high), highWeight))
    if !keepDims { return r }
    return axis == nil ? reshape(r, [Int](repeating: 1, count: x.rank), file: file, line: line) : laxExpandDims(r, dimensions: [a], file: file, line: line)
  }
}
