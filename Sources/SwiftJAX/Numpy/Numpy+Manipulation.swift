// Padding, sorting, gathering along an axis, finite differences and 1-D
// convolution.

extension Numpy {
  /// How ``pad(_:_:mode:constantValue:file:line:)`` fills the border.
  public enum PadMode: Sendable {
    /// A constant value (`constantValue`, default 0).
    case constant
    /// Repeats the edge element.
    case edge
    /// Mirrors without repeating the edge element (`[1,2,3]` → `3 2 | 1 2 3 | 2 1`).
    case reflect
    /// Mirrors repeating the edge element (`2 1 | 1 2 3 | 3 2`).
    case symmetric
    /// Wraps around (`2 3 | 1 2 3 | 1 2`).
    case wrap
  }

  /// `jnp.pad`: pads each axis by `(before, after)` elements. One pair
  /// applies to every axis.
  ///
  /// ```swift
  /// jnp.pad(x, [(1, 2)])                       // zeros, all axes
  /// jnp.pad(m, [(0, 0), (1, 1)], mode: .edge)  // columns only
  /// jnp.pad(x, [(2, 2)], mode: .reflect)
  /// ```
  public static func pad(
    _ x: Tensor, _ padWidth: [(Int, Int)], mode: PadMode = .constant, constantValue: Tensor = 0,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let widths = padWidth.count == 1 ? [(Int, Int)](repeating: padWidth[0], count: x.rank) : padWidth
    if widths.count != x.rank || widths.contains(where: { $0.0 < 0 || $0.1 < 0 }) {
      return fail(.shape, "pad", "pad width must be one non-negative (before, after) pair or one per axis of shape \(shapeString(x.shape)), got \(padWidth)", file: file, line: line)
    }
    if mode == .constant {
      let v = convert(constantValue, to: x.dtype, weak: false, file: file, line: line)
      if v.rank != 0 { return fail(.shape, "pad", "constantValue must be a scalar, got shape \(shapeString(v.shape))", file: file, line: line) }
      return Lax.pad(x, v, config: widths.map { PadConfig(low: $0.0, high: $0.1) }, file: file, line: line)
    }
    var r = x
    for (a, (before, after)) in widths.enumerated() where before > 0 || after > 0 {
      let n = x.shape[a]
      if n == 0 { return fail(.shape, "pad", "can't extend empty axis \(a) using mode \(mode)", file: file, line: line) }
      // The source index of every output position is static: gather the
      // whole padded axis with constant indices.
      let src = (0..<(before + n + after)).map { i -> Int32 in
        let j = i - before
        switch mode {
        case .edge, .constant: return Int32(Swift.min(Swift.max(j, 0), n - 1))
        case .wrap: return Int32(((j % n) + n) % n)
        case .reflect:
          if n == 1 { return 0 }
          let p = 2 * (n - 1)
          let k = ((j % p) + p) % p
          return Int32(k < n ? k : p - k)
        case .symmetric:
          let p = 2 * n
          let k = ((j % p) + p) % p
          return Int32(k < n ? k : p - 1 - k)
        }
      }
      r = take(r, Tensor(src), axis: a, mode: .clip, file: file, line: line)
    }
    return r
  }

  /// `jnp.sort` along `axis` (default last; flattened when nil). NaNs sort
  /// to the end.
  ///
  /// ```swift
  /// jnp.sort(jnp.array([3, 1, 2]))              // [1, 2, 3]
  /// jnp.sort(m, axis: 0, descending: true)
  /// ```
  public static func sort(
    _ x: Tensor, axis: Int? = -1, descending: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let y = axis == nil ? ravel(x, file: file, line: line) : x
    if y.rank == 0 { return y }
    guard let a = normalizeAxis(axis ?? 0, rank: y.rank, "sort", file: file, line: line) else { return .invalid }
    let s = Lax.sort([y], dimension: a, file: file, line: line)[0]
    return descending ? Lax.rev(s, dimensions: [a], file: file, line: line) : s
  }

  /// `jnp.argsort`: indices that sort `x` along `axis` (stable: equal
  /// elements keep their order, also when `descending`).
  ///
  /// ```swift
  /// jnp.argsort(jnp.array([3, 1, 2]))   // [1, 2, 0]
  /// ```
  public static func argsort(
    _ x: Tensor, axis: Int? = -1, descending: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    var y = axis == nil ? ravel(x, file: file, line: line) : x
    guard let a = normalizeAxis(axis ?? 0, rank: y.rank, "argsort", file: file, line: line) else { return .invalid }
    let n = y.shape[a]
    // Descending and stable: sort the reversed array ascending, then
    // reverse and re-index (JAX's construction).
    if descending { y = Lax.rev(y, dimensions: [a], file: file, line: line) }
    let iota = Lax.iota(.defaultInt, shape: y.shape, dimension: a, file: file, line: line)
    var perm = Lax.sort([y, iota], dimension: a, isStable: true, numKeys: 1, file: file, line: line)[1]
    if descending {
      perm = Lax.sub(scalar(Double(n - 1), perm.dtype), Lax.rev(perm, dimensions: [a], file: file, line: line), file: file, line: line)
    }
    return perm
  }

  /// Fill value JAX uses for out-of-bounds `take` in fill mode: NaN for
  /// floats, the most negative value for signed integers.
  static func defaultFill(_ d: DType) -> Double? {
    if d.isFloatingPoint { return .nan }
    switch d {
    case .int8: return Double(Int8.min)
    case .int16: return Double(Int16.min)
    case .int32: return Double(Int32.min)
    case .int64: return Double(Int64.min)
    default: return nil
    }
  }

  /// Wraps negative indices once (`i < 0 → i + n`), as NumPy indexing does.
  static func wrapNegative(_ idx: Tensor, _ n: Int, file: StaticString, line: UInt) -> Tensor {
    if idx.dtype.isUnsignedInteger { return idx }
    let zero = scalar(0, idx.dtype)
    return Lax.select(Lax.lt(idx, zero, file: file, line: line), Lax.add(idx, scalar(Double(n), idx.dtype), file: file, line: line), idx, file: file, line: line)
  }

  /// How ``take(_:_:axis:mode:file:line:)`` treats indices outside
  /// `[0, n)` (the `mode` argument of `jnp.take`).
  public enum TakeMode: Sendable {
    /// JAX's default `"fill"`: indices in `[-n, 0)` count from the end;
    /// others read NaN (floats), the minimum (signed) or maximum
    /// (unsigned) integer, or `true`.
    case fillOrDrop
    /// `"clip"`: every index is clamped to `[0, n - 1]`, so `-1` reads
    /// element 0, as in JAX and NumPy.
    case clip
    /// `"wrap"`: indices are taken modulo `n` (`-1` is the last element,
    /// `n` the first).
    case wrap
  }

  /// `jnp.take`: elements of `x` at integer `indices` along `axis`
  /// (flattened when nil), with out-of-range indices handled by `mode`
  /// (default: fill).
  ///
  /// ```swift
  /// jnp.take(jnp.array([10, 20, 30]), jnp.array([2, 0]))   // [30, 10]
  /// jnp.take(m, jnp.array([1]), axis: 1)                   // column 1, kept 2-D
  /// ```
  public static func take(
    _ x: Tensor, _ indices: Tensor, axis: Int? = nil, mode: TakeMode = .fillOrDrop,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if anyInvalid(x, indices) { return .invalid }
    if !indices.dtype.isInteger { return fail(.dtype, "take", "indices must be integers, got \(indices.dtype)", file: file, line: line) }
    let y = axis == nil ? ravel(x, file: file, line: line) : x
    guard let a = normalizeAxis(axis ?? 0, rank: y.rank, "take", file: file, line: line) else { return .invalid }
    if y.shape[a] == 0 || indices.count == 0 {
      // JAX's special cases: gather cannot take a size-1 slice of an empty axis.
      if indices.count != 0 { return fail(.index, "take", "Cannot do a non-empty jnp.take() from an empty axis.", file: file, line: line) }
      if y.shape[a] == 0 { return y }  // JAX returns the (raveled) operand itself
      let outShape = Array(y.shape[..<a]) + indices.shape + Array(y.shape[(a + 1)...])
      return full(outShape, scalar(0, y.dtype, weak: y.weakType), file: file, line: line)
    }
    // JAX: fill wraps negative indices once, clip clamps them to 0, wrap
    // takes them modulo n and promises the gather they are in bounds.
    let n = y.shape[a]
    let idx: Tensor
    let gatherMode: GatherMode
    switch mode {
    case .fillOrDrop: (idx, gatherMode) = (wrapNegative(indices, n, file: file, line: line), .fillOrDrop)
    case .clip: (idx, gatherMode) = (indices, .clip)
    case .wrap: (idx, gatherMode) = (Numpy.mod(indices, scalar(Double(n), indices.dtype), file: file, line: line), .promiseInBounds)
    }
    let k = idx.rank
    let dn = GatherDimensionNumbers(
      offsetDims: Array(0..<a) + Array((a + k)..<(y.rank - 1 + k)), collapsedSliceDims: [a], startIndexMap: [a])
    var sizes = y.shape
    sizes[a] = 1
    return Lax.gather(
      y, laxExpandDims(idx, dimensions: [k], file: file, line: line), dimensionNumbers: dn, sliceSizes: sizes,
      mode: gatherMode, fillValue: gatherMode == .fillOrDrop ? defaultFill(y.dtype) : nil, file: file, line: line)
  }

  /// `jnp.take_along_axis`: picks `x[..., indices[..., j, ...], ...]`
  /// along `axis`, where `indices` has `x`'s rank (other axes broadcast).
  ///
  /// ```swift
  /// let i = jnp.argsort(m, axis: 1)
  /// jnp.takeAlongAxis(m, i, axis: 1)   // == jnp.sort(m, axis: 1)
  /// ```
  public static func takeAlongAxis(
    _ x: Tensor, _ indices: Tensor, axis: Int?, mode: GatherMode? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if anyInvalid(x, indices) { return .invalid }
    if !indices.dtype.isInteger { return fail(.dtype, "take_along_axis", "indices must be integers, got \(indices.dtype)", file: file, line: line) }
    guard let axis else { return takeAlongAxis(ravel(x, file: file, line: line), ravel(indices, file: file, line: line), axis: 0, mode: mode, file: file, line: line) }
    if indices.rank != x.rank {
      return fail(.shape, "take_along_axis", "indices and array must have the same number of dimensions; \(indices.rank) vs. \(x.rank)", file: file, line: line)
    }
    guard let a = normalizeAxis(axis, rank: x.rank, "take_along_axis", file: file, line: line) else { return .invalid }
    // Broadcast every axis except `axis` between x and indices.
    var xs = x.shape, ishape = indices.shape
    for d in 0..<x.rank where d != a {
      guard let b = broadcastShapes([[x.shape[d]], [indices.shape[d]]]) else {
        return fail(.shape, "take_along_axis", "shapes \(shapeString(x.shape)) and \(shapeString(indices.shape)) are not broadcast-compatible outside axis \(axis)", file: file, line: line)
      }
      xs[d] = b[0]
      ishape[d] = b[0]
    }
    if x.shape[a] == 0 {
      // JAX: an empty axis gives zeros of the broadcast index shape.
      var outShape = xs
      outShape[a] = indices.shape[a]
      return full(outShape, scalar(0, x.dtype), file: file, line: line)
    }
    let xb = broadcastTo(x, xs, file: file, line: line)
    // JAX wraps negative indices in every mode but promise_in_bounds.
    let ib = broadcastTo(indices, ishape, file: file, line: line)
    let idx = mode == .promiseInBounds ? ib : wrapNegative(ib, x.shape[a], file: file, line: line)
    let others = (0..<x.rank).filter { $0 != a }
    let dn = GatherDimensionNumbers(
      offsetDims: [], collapsedSliceDims: [a], startIndexMap: [a], operandBatchingDims: others, startIndicesBatchingDims: others)
    let m = mode ?? .fillOrDrop
    return Lax.gather(
      xb, laxExpandDims(idx, dimensions: [x.rank], file: file, line: line), dimensionNumbers: dn,
      sliceSizes: [Int](repeating: 1, count: x.rank), mode: m, fillValue: m == .fillOrDrop ? defaultFill(x.dtype) : nil,
      file: file, line: line)
  }

  /// `jnp.diff`: the `n`-th forward difference along `axis`.
  ///
  /// ```swift
  /// jnp.diff(jnp.array([1, 4, 9, 16]))         // [3, 5, 7]
  /// jnp.diff(jnp.array([1, 4, 9, 16]), n: 2)   // [2, 2]
  /// ```
  public static func diff(_ x: Tensor, n: Int = 1, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    if n < 0 { return fail(.value, "diff", "order must be non-negative but got \(n)", file: file, line: line) }
    guard let a = normalizeAxis(axis, rank: x.rank, "diff", file: file, line: line) else { return .invalid }
    var r = x
    for _ in 0..<n {
      let len = r.shape[a]
      if len == 0 { break }
      let hi = Lax.sliceInDim(r, start: 1, limit: len, axis: a, file: file, line: line)
      let lo = Lax.sliceInDim(r, start: 0, limit: len - 1, axis: a, file: file, line: line)
      r = r.dtype.isBool ? Lax.ne(hi, lo, file: file, line: line) : Lax.sub(hi, lo, file: file, line: line)
    }
    return r
  }

  /// `jnp.gradient` along one axis: second-order central differences in
  /// the interior and first-order one-sided differences at the edges, for
  /// uniform `spacing` (as in the seed advection example).
  ///
  /// ```swift
  /// let gradN = jnp.gradient(density, axis: 0)
  /// jnp.gradient(jnp.array([1.0, 2.0, 4.0, 7.0]))   // [1., 1.5, 2.5, 3.]
  /// ```
  public static func gradient(
    _ x: Tensor, axis: Int, spacing: Double = 1, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let f = toInexact(x, file: file, line: line)
    guard let a = normalizeAxis(axis, rank: f.rank, "gradient", file: file, line: line) else { return .invalid }
    let n = f.shape[a]
    if n < 2 {
      return fail(.shape, "gradient", "shape of the array along axis \(axis) is \(n); at least 2 samples are required", file: file, line: line)
    }
    func s(_ lo: Int, _ hi: Int) -> Tensor { Lax.sliceInDim(f, start: lo, limit: hi, axis: a, file: file, line: line) }
    let upper = Lax.sub(s(1, 2), s(0, 1), file: file, line: line)
    let lower = Lax.sub(s(n - 1, n), s(n - 2, n - 1), file: file, line: line)
    var parts = [upper]
    if n > 2 {
      parts.append(Lax.mul(Lax.sub(s(2, n), s(0, n - 2), file: file, line: line), scalar(0.5, f.dtype), file: file, line: line))
    }
    parts.append(lower)
    let g = Lax.concatenate(parts, dimension: a, file: file, line: line)
    return spacing == 1 ? g : Lax.div(g, scalar(spacing, f.dtype), file: file, line: line)
  }

  /// `jnp.gradient` along every axis: one tensor per axis.
  ///
  /// ```swift
  /// let (gy, gx) = { let g = jnp.gradient(image); return (g[0], g[1]) }()
  /// ```
  public static func gradient(_ x: Tensor, spacing: Double = 1, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    (0..<x.rank).map { gradient(x, axis: $0, spacing: spacing, file: file, line: line) }
  }

  /// Output size of ``convolve(_:_:mode:file:line:)``.
  public enum ConvolveMode: Sendable { case full, same, valid }

  /// `jnp.convolve`: the discrete 1-D convolution of `a` and `v`.
  ///
  /// ```swift
  /// jnp.convolve(jnp.array([1.0, 2.0, 3.0]), jnp.array([0.0, 1.0, 0.5]))   // [0., 1., 2.5, 4., 1.5]
  /// jnp.convolve(a, v, mode: .same)   // length max(len(a), len(v)), centred
  /// ```
  public static func convolve(_ a: Tensor, _ v: Tensor, mode: ConvolveMode = .full, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, v) { return .invalid }
    if a.rank != 1 || v.rank != 1 {
      return fail(.shape, "convolve", "only 1-D inputs are supported, got shapes \(shapeString(a.shape)) and \(shapeString(v.shape))", file: file, line: line)
    }
    if a.count == 0 || v.count == 0 { return fail(.shape, "convolve", "inputs cannot be empty, got shapes \(shapeString(a.shape)) and \(shapeString(v.shape))", file: file, line: line) }
    // jnp.convolve computes in an inexact type, even for integer inputs.
    let pr = promoteDTypes([a, v], file: file, line: line).map { toInexact($0, file: file, line: line) }
    // The longer input slides under the shorter one (NumPy swaps them).
    let (x, k) = pr[0].count >= pr[1].count ? (pr[0], pr[1]) : (pr[1], pr[0])
    let (n, m) = (x.count, k.count)
    let len = n + m - 1
    let xp = Lax.pad(x, scalar(0, x.dtype), config: [PadConfig(low: m - 1, high: m - 1)], file: file, line: line)
    // Row j holds x shifted by j: full[t] = Σ_j k[j] * x[t - j].
    let rows = (0..<m).map { j in Lax.sliceInDim(xp, start: m - 1 - j, limit: m - 1 - j + len, axis: 0, file: file, line: line) }
    let shifted = Lax.concatenate(rows.map { laxExpandDims($0, dimensions: [0], file: file, line: line) }, dimension: 0, file: file, line: line)
    let full = x.dtype.isBool
      ? Lax.reduce(Lax.and(shifted, Lax.broadcastInDim(k, shape: [m, len], broadcastDimensions: [0], file: file, line: line), file: file, line: line), .or, axes: [0], file: file, line: line)
      : Lax.dotGeneral(k, shifted, DotDimensionNumbers(lhsContracting: [0], rhsContracting: [0]), file: file, line: line)
    switch mode {
    case .full: return full
    case .same:
      let start = (m - 1) / 2
      return Lax.sliceInDim(full, start: start, limit: start + n, axis: 0, file: file, line: line)
    case .valid:
      return Lax.sliceInDim(full, start: m - 1, limit: n, axis: 0, file: file, line: line)
    }
  }
}
