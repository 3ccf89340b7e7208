/// Sorting conveniences over `lax.sort`: key/value sorts and the k largest
/// (or smallest) entries.
extension Lax {
  /// `lax.sort_key_val`: sorts `keys` along `dimension` and permutes
  /// `values` the same way (stable by default).
  ///
  /// ```swift
  /// let (k, v) = Lax.sortKeyVal(jnp.array([3, 1, 2]), jnp.array([30, 10, 20]))   // [1 2 3], [10 20 30]
  /// ```
  /// - Parameters:
  ///   - keys: the sort keys.
  ///   - values: permuted with the keys; same shape.
  ///   - dimension: the axis sorted (negative counts from the end).
  ///   - isStable: keep equal keys in their original order.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func sortKeyVal(_ keys: Tensor, _ values: Tensor, dimension: Int = -1, isStable: Bool = true, file: StaticString = #fileID, line: UInt = #line) -> (keys: Tensor, values: Tensor) {
    guard !keys.isInvalid, !values.isInvalid, let d = checkedAxis(dimension, keys, "sort_key_val", CallSite(file: file, line: line)) else { return (.invalid, .invalid) }
    let out = sort([keys, values], dimension: d, isStable: isStable, numKeys: 1, file: file, line: line)
    return out.count == 2 ? (out[0], out[1]) : (.invalid, .invalid)
  }

  /// `lax.top_k`: the `k` largest entries along `axis` (default the last)
  /// in descending order, with their int32 indices; equal entries keep
  /// index order, NaN counts as the largest and +0.0 as larger than -0.0
  /// (XLA's total order, as its TopK uses).
  ///
  /// ```swift
  /// let (v, i) = Lax.topK(jnp.array([1.0, 4.0, 2.0, 4.0]), k: 2)   // [4 4], [1 3]
  /// ```
  /// - Parameters:
  ///   - x: the operand (integer or floating point).
  ///   - k: how many entries to keep, `0 <= k <= x.shape[axis]`.
  ///   - axis: the axis searched (negative counts from the end).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func topK(_ x: Tensor, k: Int, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, indices: Tensor) {
    extremeK(x, k: k, axis: axis, largest: true, "top_k", file, line)
  }

  /// `lax.approx_max_k`: on CPU JAX computes this exactly, so it is
  /// ``topK(_:k:axis:file:line:)`` along `reductionDimension`.
  ///
  /// ```swift
  /// let (v, i) = Lax.approxMaxK(scores, k: 10)
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - k: how many entries to keep.
  ///   - reductionDimension: the axis searched (negative counts from the end).
  ///   - recallTarget: accepted for JAX compatibility; the result is exact.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func approxMaxK(_ x: Tensor, k: Int, reductionDimension: Int = -1, recallTarget: Double = 0.95, file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, indices: Tensor) {
    extremeK(x, k: k, axis: reductionDimension, largest: true, "approx_max_k", file, line)
  }

  /// `lax.approx_min_k`: the `k` smallest entries in ascending order (exact,
  /// as JAX computes it on CPU), with their int32 indices.
  ///
  /// ```swift
  /// let (v, i) = Lax.approxMinK(distances, k: 5)
  /// ```
  /// - Parameters:
  ///   - x: the operand.
  ///   - k: how many entries to keep.
  ///   - reductionDimension: the axis searched (negative counts from the end).
  ///   - recallTarget: accepted for JAX compatibility; the result is exact.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func approxMinK(_ x: Tensor, k: Int, reductionDimension: Int = -1, recallTarget: Double = 0.95, file: StaticString = #fileID, line: UInt = #line) -> (values: Tensor, indices: Tensor) {
    extremeK(x, k: k, axis: reductionDimension, largest: false, "approx_min_k", file, line)
  }

  /// XLA's total order on floats as a signed integer key: -NaN < -inf <
  /// ... < -0.0 < +0.0 < ... < inf < NaN (flip the magnitude bits of
  /// negatives). Integers are their own key.
  static func totalOrderKey(_ x: Tensor) -> Tensor {
    let int: DType
    switch x.dtype {
    case .float16, .bfloat16: int = .int16
    case .float32: int = .int32
    case .float64: int = .int64
    default: return x
    }
    let bits = bitcastConvertType(x, int)
    let magnitude = Numpy.convert(Tensor(weak: int == .int16 ? Int(Int16.max) : int == .int32 ? Int(Int32.max) : Int(Int64.max)), to: int, weak: false)
    let zero = Numpy.convert(Tensor(weak: 0), to: int, weak: false)
    return select(lt(bits, zero), xor(bits, magnitude), bits)
  }

  /// Sorts `(total-order key, ±index)` with two keys, so equal entries keep index order
  /// whichever way the result is read: ascending for the smallest, reversed
  /// (with the index key negated) for the largest.
  static func extremeK(_ x: Tensor, k: Int, axis: Int, largest: Bool, _ op: String, _ file: StaticString, _ line: UInt) -> (values: Tensor, indices: Tensor) {
    let site = CallSite(file: file, line: line)
    guard !x.isInvalid, let a = checkedAxis(axis, x, op, site) else { return (.invalid, .invalid) }
    let n = x.shape[a]
    guard k >= 0, k <= n else {
      JAXError.raise(JAXError(.value, op, "k must be in [0, \(n)] for axis \(axis) of shape \(shapeString(x.shape)), got k=\(k)", site: site))
      return (.invalid, .invalid)
    }
    let index = iota(.int32, shape: x.shape, dimension: a)
    let key2 = largest ? neg(index) : index
    let sorted = sort([totalOrderKey(x), key2, x], dimension: a, isStable: true, numKeys: 2, file: file, line: line)
    guard sorted.count == 3 else { return (.invalid, .invalid) }
    var (v, i) = (sorted[2], largest ? neg(sorted[1]) : sorted[1])
    if largest { (v, i) = (rev(v, dimensions: [a]), rev(i, dimensions: [a])) }
    return (sliceInDim(v, start: 0, limit: k, axis: a), sliceInDim(i, start: 0, limit: k, axis: a))
  }
}
