// NaN-ignoring reductions (`jnp.nansum` ... `jnp.nancumprod`), built as
// jax.numpy 0.10.2 builds them: NaNs are replaced by the reduction's
// identity before reducing, and the functions whose result is undefined
// for an all-NaN slice (nanmax, nanmin, nanmean, nanvar) give NaN there
// (nanargmax/nanargmin give -1). Integer and bool inputs have no NaNs and
// reduce as the plain functions do.

extension Numpy {
  /// `x` with its NaNs replaced by `value` (same dtype and shape).
  static func fillNaN(_ x: Tensor, _ value: Double, file: StaticString, line: UInt) -> Tensor {
    let fill = Lax.broadcastInDim(scalar(value, x.dtype), shape: x.shape, broadcastDimensions: [], file: file, line: line)
    return Lax.select(Lax.ne(x, x, file: file, line: line), fill, x, file: file, line: line)
  }

  /// JAX's `_nan_reduction`: reduce `x` with NaNs set to `identity`; with
  /// `nanIfAllNaN`, slices that were entirely NaN become NaN.
  static func nanReduction(
    _ x: Tensor, identity: Double, nanIfAllNaN: Bool, axis: (any AxesConvertible)?, keepDims: Bool,
    file: StaticString, line: UInt, _ reduce: (Tensor) -> Tensor
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    if !x.dtype.isFloatingPoint { return reduce(x) }
    let out = reduce(fillNaN(x, identity, file: file, line: line))
    if !nanIfAllNaN || out.isInvalid { return out }
    let allNaN = all(Lax.ne(x, x, file: file, line: line), axis: axis, keepDims: keepDims, file: file, line: line)
    return `where`(allNaN, scalar(.nan, out.dtype), out, file: file, line: line)
  }

  /// `jnp.nansum`: the sum, treating NaN as zero (an all-NaN slice sums
  /// to 0).
  ///
  /// ```swift
  /// jnp.nansum(jnp.array([1.0, .nan, 3.0]))   // 4.0
  /// ```
  public static func nansum(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    nanReduction(x, identity: 0, nanIfAllNaN: false, axis: axis, keepDims: keepDims, file: file, line: line) {
      reduction(.sum, "nansum", $0, axis: axis, keepDims: keepDims, dtype: dtype, file: file, line: line)
    }
  }

  /// `jnp.nanprod`: the product, treating NaN as one.
  ///
  /// ```swift
  /// jnp.nanprod(jnp.array([2.0, .nan, 3.0]))   // 6.0
  /// ```
  public static func nanprod(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    nanReduction(x, identity: 1, nanIfAllNaN: false, axis: axis, keepDims: keepDims, file: file, line: line) {
      reduction(.prod, "nanprod", $0, axis: axis, keepDims: keepDims, dtype: dtype, file: file, line: line)
    }
  }

  /// `jnp.nanmax`: the maximum ignoring NaNs; NaN where a slice is all
  /// NaN. Empty axes are an error, as for ``max(_:axis:keepDims:file:line:)``.
  ///
  /// ```swift
  /// jnp.nanmax(jnp.array([[1.0, .nan], [.nan, .nan]]), axis: 1)   // [1.0, nan]
  /// ```
  public static func nanmax(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    nanReduction(x, identity: -.infinity, nanIfAllNaN: true, axis: axis, keepDims: keepDims, file: file, line: line) {
      reduction(.max, "nanmax", $0, axis: axis, keepDims: keepDims, dtype: nil, file: file, line: line)
    }
  }

  /// `jnp.nanmin`: the minimum ignoring NaNs; NaN where a slice is all NaN.
  ///
  /// ```swift
  /// jnp.nanmin(jnp.array([3.0, .nan, 1.0]))   // 1.0
  /// ```
  public static func nanmin(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    nanReduction(x, identity: .infinity, nanIfAllNaN: true, axis: axis, keepDims: keepDims, file: file, line: line) {
      reduction(.min, "nanmin", $0, axis: axis, keepDims: keepDims, dtype: nil, file: file, line: line)
    }
  }

  /// `jnp.nanmean`: the mean of the non-NaN elements (NaN for an all-NaN
  /// slice, as 0/0). Integer inputs average like ``mean(_:axis:keepDims:dtype:file:line:)``.
  ///
  /// ```swift
  /// jnp.nanmean(jnp.array([1.0, .nan, 3.0]))   // 2.0
  /// ```
  public static func nanmean(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    if !x.dtype.isFloatingPoint { return mean(x, axis: axis, keepDims: keepDims, dtype: dtype, file: file, line: line) }
    let d = dtype?.canonical ?? x.dtype
    let notNaN = Lax.eq(x, x, file: file, line: line)
    let count = sum(notNaN, axis: axis, keepDims: keepDims, dtype: d, file: file, line: line)
    let total = nansum(x, axis: axis, keepDims: keepDims, dtype: d, file: file, line: line)
    if anyInvalid(count, total) { return .invalid }
    return Lax.div(total, count, file: file, line: line)
  }

  /// `jnp.nanvar`: the variance of the non-NaN elements, dividing by
  /// `count - ddof` (NaN where that is not positive).
  ///
  /// ```swift
  /// jnp.nanvar(jnp.array([1.0, .nan, 3.0]))   // 1.0
  /// ```
  public static func nanvar(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, ddof: Int = 0, keepDims: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let d = inexactDType(x.aval)
    // As JAX (`_var_promote_types`): half precision is computed in float32.
    let cd = upcastF16(d)
    let a = convert(x, to: cd, weak: false, file: file, line: line)
    let m = nanmean(a, axis: axis, keepDims: true, file: file, line: line)
    if m.isInvalid { return .invalid }
    let isNaN = Lax.ne(a, a, file: file, line: line)
    // The double-where keeps NaN out of the gradient of the masked terms.
    let zeros = Lax.broadcastInDim(scalar(0, cd), shape: a.shape, broadcastDimensions: [], file: file, line: line)
    let centered = Lax.select(isNaN, zeros, Lax.sub(a, broadcastRanked(m, to: a.shape, file: file, line: line), file: file, line: line), file: file, line: line)
    let s = sum(Lax.square(centered, file: file, line: line), axis: axis, keepDims: keepDims, file: file, line: line)
    let count = sum(Lax.not(isNaN, file: file, line: line), axis: axis, keepDims: keepDims, file: file, line: line)
    let n = Lax.sub(count, scalar(Double(ddof), count.dtype), file: file, line: line)
    let bad = Lax.le(n, scalar(0, n.dtype), file: file, line: line)
    let nanFill = Lax.broadcastInDim(scalar(.nan, cd), shape: s.shape, broadcastDimensions: [], file: file, line: line)
    let one = Lax.broadcastInDim(scalar(1, n.dtype), shape: n.shape, broadcastDimensions: [], file: file, line: line)
    let divisor = Lax.convertElementType(Lax.select(bad, one, n, file: file, line: line), cd, file: file, line: line)
    let r = Lax.div(Lax.select(bad, nanFill, s, file: file, line: line), divisor, file: file, line: line)
    return cd == d ? r : Lax.convertElementType(r, d, file: file, line: line)
  }

  /// `jnp.nanstd`: the square root of ``nanvar(_:axis:ddof:keepDims:file:line:)``.
  ///
  /// ```swift
  /// jnp.nanstd(jnp.array([1.0, .nan, 3.0]))   // 1.0
  /// ```
  public static func nanstd(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, ddof: Int = 0, keepDims: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let v = nanvar(x, axis: axis, ddof: ddof, keepDims: keepDims, file: file, line: line)
    return v.isInvalid ? v : Lax.sqrt(v, file: file, line: line)
  }

  /// Shared body of nanargmax/nanargmin: NaNs lose (are set to the
  /// worst value), and an all-NaN slice gives -1.
  static func nanArgReduce(_ op: ArgReduceOp, _ x: Tensor, axis: Int?, keepDims: Bool, file: StaticString, line: UInt) -> Tensor {
    if x.isInvalid { return .invalid }
    if !x.dtype.isFloatingPoint { return argReduce(op, x, axis: axis, keepDims: keepDims, file: file, line: line) }
    let r = argReduce(op, fillNaN(x, op == .argmax ? -.infinity : .infinity, file: file, line: line), axis: axis, keepDims: keepDims, file: file, line: line)
    if r.isInvalid { return r }
    let allNaN = all(Lax.ne(x, x, file: file, line: line), axis: axis.map { [$0] }, keepDims: keepDims, file: file, line: line)
    return `where`(allNaN, scalar(-1, r.dtype), r, file: file, line: line)
  }

  /// `jnp.nanargmax`: the index of the maximum ignoring NaNs (-1 for an
  /// all-NaN slice).
  ///
  /// ```swift
  /// jnp.nanargmax(jnp.array([1.0, .nan, 3.0]))   // 2
  /// ```
  public static func nanargmax(_ x: Tensor, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    nanArgReduce(.argmax, x, axis: axis, keepDims: keepDims, file: file, line: line)
  }

  /// `jnp.nanargmin`: the index of the minimum ignoring NaNs (-1 for an
  /// all-NaN slice).
  ///
  /// ```swift
  /// jnp.nanargmin(jnp.array([.nan, 2.0, 1.0]))   // 2
  /// ```
  public static func nanargmin(_ x: Tensor, axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    nanArgReduce(.argmin, x, axis: axis, keepDims: keepDims, file: file, line: line)
  }

  /// `jnp.nancumsum`: the cumulative sum treating NaN as zero.
  ///
  /// ```swift
  /// jnp.nancumsum(jnp.array([1.0, .nan, 3.0]))   // [1.0, 1.0, 4.0]
  /// ```
  public static func nancumsum(_ x: Tensor, axis: Int? = nil, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let y = x.dtype.isFloatingPoint ? fillNaN(x, 0, file: file, line: line) : x
    return cumulative(.sum, "nancumsum", y, axis: axis, dtype: dtype, file: file, line: line)
  }

  /// `jnp.nancumprod`: the cumulative product treating NaN as one.
  ///
  /// ```swift
  /// jnp.nancumprod(jnp.array([2.0, .nan, 3.0]))   // [2.0, 2.0, 6.0]
  /// ```
  public static func nancumprod(_ x: Tensor, axis: Int? = nil, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let y = x.dtype.isFloatingPoint ? fillNaN(x, 1, file: file, line: line) : x
    return cumulative(.prod, "nancumprod", y, axis: axis, dtype: dtype, file: file, line: line)
  }
}
