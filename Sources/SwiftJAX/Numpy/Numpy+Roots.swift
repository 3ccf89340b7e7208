// `jnp.roots`: polynomial roots as the eigenvalues of the companion matrix,
// with JAX's handling of leading zero coefficients (stripped when the
// coefficients are concrete; NaN roots with `stripZeros: false`, which
// also works under jit).

extension Numpy {
  /// `jnp.roots`: the (complex) roots of the polynomial with coefficients
  /// `p`, highest power first: the eigenvalues of its companion matrix.
  ///
  /// With `stripZeros` (the default, as NumPy) leading zero coefficients
  /// are dropped, which needs concrete coefficients (an error under
  /// `jit`); with `stripZeros: false` each leading zero yields a NaN root
  /// instead, listed last, and the function works under transformations.
  ///
  /// ```swift
  /// jnp.roots(jnp.array([1.0, -3.0, 2.0]))                      // [2+0j, 1+0j] (in some order)
  /// jnp.roots(jnp.array([0.0, 1.0, 2.0]), stripZeros: false)    // [-2+0j, nan+nanj]
  /// ```
  ///
  /// - Parameters:
  ///   - p: the coefficients, a 1-D array (a scalar counts as one coefficient).
  ///   - stripZeros: drop leading zero coefficients (needs concrete `p`).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func roots(_ p: Tensor, stripZeros: Bool = true, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if p.isInvalid { return .invalid }
    let a = atleast1d(toInexact(p, file: file, line: line), file: file, line: line)
    if a.rank != 1 { return fail(.shape, "roots", "input must be a rank-1 array, got shape \(shapeString(p.shape))", file: file, line: line) }
    if a.dtype.isHalfPrecision {
      return fail(.dtype, "roots", "unsupported dtype \(a.dtype) (the companion matrix's eigenvalues need float32 or float64)", file: file, line: line)
    }
    let cd = a.dtype.complexCounterpart ?? .complex64
    if a.count < 2 { return zeros([0], dtype: cd, file: file, line: line) }
    let isZero = Lax.eq(a, zerosLike(a, file: file, line: line), file: file, line: line)
    guard stripZeros else { return rootsWithZeros(a, isZero, file: file, line: line) }
    guard let mask = isZero.concrete else {
      return fail(
        .concretization, "roots",
        "leading zeros can only be stripped from concrete coefficients; to use roots under jit or another transformation pass stripZeros: false (leading zeros then give NaN roots)",
        file: file, line: line)
    }
    let flags = Tensor(value: mask).toArray(Bool.self)
    let leading = flags.firstIndex(of: false) ?? flags.count
    return rootsNoZeros(Lax.sliceInDim(a, start: leading, limit: a.count, axis: 0, file: file, line: line), file: file, line: line)
  }

  /// The eigenvalues of the companion matrix of `p` (first entry nonzero):
  /// first row `-p[1:] / p[0]`, ones on the subdiagonal.
  static func rootsNoZeros(_ p: Tensor, file: StaticString, line: UInt) -> Tensor {
    let cd = p.dtype.complexCounterpart ?? .complex64
    let m = p.count - 1
    if m < 1 { return zeros([0], dtype: cd, file: file, line: line) }
    let head = Lax.sliceInDim(p, start: 0, limit: 1, axis: 0, file: file, line: line)
    let tail = Lax.sliceInDim(p, start: 1, limit: m + 1, axis: 0, file: file, line: line)
    let first = Lax.reshape(negative(divide(tail, head, file: file, line: line), file: file, line: line), [1, m], file: file, line: line)
    var companion = first
    if m > 1 {
      let sub = concatenate([eye(m - 1, dtype: p.dtype, file: file, line: line), zeros([m - 1, 1], dtype: p.dtype, file: file, line: line)], axis: 1, file: file, line: line)
      companion = concatenate([first, sub], axis: 0, file: file, line: line)
    }
    return Linalg.eigvals(companion, file: file, line: line)
  }

  /// JAX's `_roots_with_zeros`: the leading zeros rolled to the end, the
  /// zero roots they produce sorted last and replaced by NaN.
  static func rootsWithZeros(_ p0: Tensor, _ isZero: Tensor, file: StaticString, line: UInt) -> Tensor {
    let n = p0.count
    let idx = DType.int32
    // Leading zeros: the first nonzero's index, n when all are zero.
    let firstNonzero = argmin(Lax.convertElementType(isZero, idx, file: file, line: line), file: file, line: line)
    let allZero = all(isZero, file: file, line: line)
    let lead = Lax.select(allZero, Numpy.scalar(Double(n), idx), Lax.convertElementType(firstNonzero, idx, file: file, line: line), file: file, line: line)
    // All zero: every root is undefined; use ones to keep the solver finite.
    let p = Lax.select(Lax.broadcastInDim(allZero, shape: [n], broadcastDimensions: [], file: file, line: line), onesLike(p0, file: file, line: line), p0, file: file, line: line)
    let positions = remainder(add(arange(n, dtype: idx, file: file, line: line), lead, file: file, line: line), Numpy.scalar(Double(n), idx), file: file, line: line)
    let rolled = take(p, positions, file: file, line: line)
    let r = rootsNoZeros(rolled, file: file, line: line)
    let m = r.count
    // Stable sort by (root == 0): zero roots last. lax.sort takes no
    // complex operands, so the parts ride along and are put back together.
    let zeroKey = Lax.convertElementType(Lax.eq(r, zerosLike(r, file: file, line: line), file: file, line: line), idx, file: file, line: line)
    let parts = Lax.sort([zeroKey, Lax.real(r, file: file, line: line), Lax.imag(r, file: file, line: line)], dimension: 0, numKeys: 1, file: file, line: line)
    let sorted = Lax.complex(parts[1], parts[2], file: file, line: line)
    let keep = Lax.lt(arange(m, dtype: idx, file: file, line: line), subtract(Numpy.scalar(Double(m), idx), lead, file: file, line: line), file: file, line: line)
    let nan = Lax.broadcastInDim(Lax.complex(Numpy.scalar(.nan, r.dtype.realPart), Numpy.scalar(.nan, r.dtype.realPart), file: file, line: line), shape: [m], broadcastDimensions: [], file: file, line: line)
    return Lax.select(keep, sorted, nan, file: file, line: line)
  }
}
