/// `jnp.histogram_bin_edges`, `histogram`, `histogram2d` and `histogramdd`
/// with JAX's algorithm: edges from `linspace` over the data range (or the
/// given range), bin indices by `searchsorted(side: .right)` with the last
/// edge closed, and counts by a scatter-add. The number of bins is static,
/// so all of them work under `jit`.
extension Numpy {
  /// `jnp.histogram_bin_edges`: `bins + 1` evenly spaced edges over
  /// `range` (default: the data's min and max; a zero-width range is
  /// widened by 0.5 on each side), in `a`'s inexact dtype.
  ///
  /// ```swift
  /// jnp.histogramBinEdges(jnp.array([1.0, 2.0, 4.0]), bins: 3)   // [1. 2. 3. 4.]
  /// ```
  /// - Parameters:
  ///   - a: the data (any shape).
  ///   - bins: the number of bins (at least 1).
  ///   - range: the lower and upper edge; nil uses the data's min and max.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func histogramBinEdges(
    _ a: Tensor, bins: Int = 10, range: (Double, Double)? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    histogramEdges(a, bins: bins, range: range, "histogram_bin_edges", file: file, line: line)
  }

  static func histogramEdges(_ a: Tensor, bins: Int, range: (Double, Double)?, _ op: String, file: StaticString, line: UInt) -> Tensor {
    if a.isInvalid { return .invalid }
    if bins < 1 { return fail(.value, op, "bins must be a positive number of bins, got \(bins)", file: file, line: line) }
    let x = toInexact(a, file: file, line: line)
    let d = x.dtype
    if range == nil && x.count == 0 {
      return fail(.value, op, "the data range of a zero-size array is undefined, got shape \(shapeString(a.shape)); pass range:", file: file, line: line)
    }
    var lo = range.map { scalar($0.0, d) } ?? min(x, file: file, line: line)
    var hi = range.map { scalar($0.1, d) } ?? max(x, file: file, line: line)
    if let range, !(range.0 <= range.1) {
      return fail(.value, op, "max must be larger than min in range, got (\(range.0), \(range.1))", file: file, line: line)
    }
    // A zero-width range becomes one unit wide, centred on the value.
    let flat = Lax.eq(lo, hi, file: file, line: line)
    lo = Lax.select(flat, Lax.sub(lo, scalar(0.5, d), file: file, line: line), lo, file: file, line: line)
    hi = Lax.select(flat, Lax.add(hi, scalar(0.5, d), file: file, line: line), hi, file: file, line: line)
    return linspaceFormula(lo, hi, num: bins + 1, endpoint: true, file: file, line: line)
  }

  /// `jnp.histogram`: the counts (or summed `weights`) of `a`'s values in
  /// `bins` equal-width bins, and the bin edges. Every bin is half-open
  /// `[e_i, e_i+1)` except the last, which includes its right edge; values
  /// outside the range are ignored. With `density` the result integrates to 1.
  /// Complex data is ordered as JAX orders it (real part, then imaginary
  /// part), between complex edges, and its counts are complex too.
  ///
  /// ```swift
  /// let (counts, edges) = jnp.histogram(jnp.array([1.0, 2.0, 2.0, 4.0]), bins: 3)
  /// // counts [1. 2. 1.], edges [1. 2. 3. 4.]
  /// ```
  /// - Parameters:
  ///   - a: the data (any shape; flattened).
  ///   - bins: the number of bins.
  ///   - range: the lower and upper edge; nil uses the data's min and max.
  ///   - weights: one weight per element of `a` (same shape), or nil for counts.
  ///   - density: normalise so that the histogram integrates to 1.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func histogram(
    _ a: Tensor, bins: Int = 10, range: (Double, Double)? = nil, weights: Tensor? = nil, density: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> (counts: Tensor, binEdges: Tensor) {
    let bad = (Tensor.invalid, Tensor.invalid)
    if a.isInvalid || weights?.isInvalid == true { return bad }
    if let weights, weights.shape != a.shape {
      report(.shape, "histogram", "weights should have the same shape as a: a \(shapeString(a.shape)), weights \(shapeString(weights.shape))", file: file, line: line)
      return bad
    }
    let ins = weights.map { promoteDTypes([a, $0], file: file, line: line) } ?? [a]
    let x = toInexact(ins[0], file: file, line: line)
    let w = ins.count > 1 ? convert(ins[1], to: x.dtype, weak: false, file: file, line: line) : onesLike(x, file: file, line: line)
    let edges = histogramEdges(x, bins: bins, range: range, "histogram", file: file, line: line)
    if edges.isInvalid { return bad }
    let n = bins + 1
    let xf = ravel(x, file: file, line: line)
    var idx = searchsorted(edges, xf, side: .right, file: file, line: line)
    // The last bin is closed: a value equal to the last edge lands in it.
    let last = Lax.sliceInDim(edges, start: n - 1, limit: n, axis: 0, file: file, line: line)
    idx = `where`(equal(xf, Lax.reshape(last, []), file: file, line: line), Tensor(weak: n - 1), idx, file: file, line: line)
    var counts = Lax.sliceInDim(scatterAddCounts(idx, ravel(w, file: file, line: line), n, file: file, line: line), start: 1, limit: n, axis: 0, file: file, line: line)
    if density {
      let widths = diff(edges, file: file, line: line)
      counts = divide(divide(counts, widths, file: file, line: line), sum(counts, file: file, line: line), file: file, line: line)
    }
    return (counts, edges)
  }

  /// `zeros(n).at[idx].add(w)`; out-of-range indices are dropped (JAX's
  /// scatter mode), and an empty `idx` gives the zeros.
  static func scatterAddCounts(_ idx: Tensor, _ w: Tensor, _ n: Int, file: StaticString, line: UInt) -> Tensor {
    let empty = zeros([n], dtype: w.dtype, file: file, line: line)
    if idx.count == 0 { return empty }
    return empty.at[idx].add(w, file: file, line: line)
  }

  /// `jnp.histogramdd`: the histogram of `N` points in `D` dimensions
  /// (`sample` of shape `[N, D]`), with `bins[i]` bins along dimension `i`.
  /// Returns the `D`-dimensional counts (integers without weights) and
  /// the edges per dimension. Each dimension's last bin is closed.
  ///
  /// ```swift
  /// let pts = jnp.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0]])
  /// let (h, edges) = jnp.histogramdd(pts, bins: [2, 2])   // h [[1 0] [1 1]]
  /// ```
  /// - Parameters:
  ///   - sample: the points, `[N, D]`.
  ///   - bins: the number of bins per dimension (`D` entries, or one for all).
  ///   - ranges: per dimension, the lower and upper edge or nil for the data's range.
  ///   - weights: one weight per point (`[N]`), or nil for counts.
  ///   - density: normalise so that the histogram integrates to 1.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func histogramdd(
    _ sample: Tensor, bins: [Int] = [10], ranges: [(Double, Double)?]? = nil, weights: Tensor? = nil, density: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> (hist: Tensor, binEdges: [Tensor]) {
    let bad = (Tensor.invalid, [Tensor]())
    if sample.isInvalid || weights?.isInvalid == true { return bad }
    guard sample.rank == 2 else {
      report(.shape, "histogramdd", "sample must have shape [N, D], got \(shapeString(sample.shape))", file: file, line: line)
      return bad
    }
    let (count, dims) = (sample.shape[0], sample.shape[1])
    if let weights, weights.shape != [count] {
      report(.shape, "histogramdd", "should have one weight for each sample: sample \(shapeString(sample.shape)), weights \(shapeString(weights.shape))", file: file, line: line)
      return bad
    }
    if bins.count != 1 && bins.count != dims {
      report(.value, "histogramdd", "should be a bin count for each of the \(dims) dimensions, got \(bins)", file: file, line: line)
      return bad
    }
    if let ranges, ranges.count != dims {
      report(.value, "histogramdd", "for sample shape \(shapeString(sample.shape)), ranges must have \(dims) entries, got \(ranges.count)", file: file, line: line)
      return bad
    }
    let ins = weights.map { promoteDTypes([sample, $0], file: file, line: line) } ?? [sample]
    let x = toInexact(ins[0], file: file, line: line)
    let w = ins.count > 1 ? convert(ins[1], to: x.dtype, weak: false, file: file, line: line) : nil
    var indices: [Tensor] = [], edges: [Tensor] = []
    for i in 0..<dims {
      let column = Lax.squeeze(Lax.sliceInDim(x, start: i, limit: i + 1, axis: 1, file: file, line: line), dimensions: [1], file: file, line: line)
      let e = histogramEdges(column, bins: bins.count == 1 ? bins[0] : bins[i], range: ranges?[i] ?? nil, "histogramdd", file: file, line: line)
      if e.isInvalid { return bad }
      let n = e.count
      let idx = searchsorted(e, column, side: .right, file: file, line: line)
      let last = Lax.reshape(Lax.sliceInDim(e, start: n - 1, limit: n, axis: 0, file: file, line: line), [])
      indices.append(`where`(equal(column, last, file: file, line: line), subtract(idx, Tensor(weak: 1), file: file, line: line), idx, file: file, line: line))
      edges.append(e)
    }
    let nbins = edges.map { $0.count + 1 }
    let flat = ravelMultiIndex(indices, dims: nbins, mode: .clip, file: file, line: line)
    var hist = reshape(bincount(flat, weights: w, length: nbins.reduce(1, *), file: file, line: line), nbins, file: file, line: line)
    for (axis, n) in nbins.enumerated() { hist = Lax.sliceInDim(hist, start: 1, limit: n - 1, axis: axis, file: file, line: line) }
    if density {
      hist = astype(hist, x.dtype, file: file, line: line)
      hist = divide(hist, sum(hist, file: file, line: line), file: file, line: line)
      for (k, norm) in ix_(edges.map { diff($0, file: file, line: line) }, file: file, line: line).enumerated() where k < dims {
        hist = divide(hist, norm, file: file, line: line)
      }
    }
    return (hist, edges)
  }

  /// `jnp.histogram2d`: the 2-D histogram of points `(x[i], y[i])`, with
  /// `bins[0]` bins along x and `bins[1]` along y (one entry: both).
  ///
  /// ```swift
  /// let (h, xe, ye) = jnp.histogram2d(jnp.array([0.0, 1.0, 1.0]), jnp.array([0.0, 1.0, 0.0]), bins: [2])
  /// // h [[1 0] [1 1]]
  /// ```
  /// - Parameters:
  ///   - x: the first coordinates, 1-D.
  ///   - y: the second coordinates, 1-D, as long as `x`.
  ///   - bins: the number of bins (one entry for both axes, or two).
  ///   - ranges: the x and y ranges, or nil for the data's.
  ///   - weights: one weight per point, or nil for counts.
  ///   - density: normalise so that the histogram integrates to 1.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func histogram2d(
    _ x: Tensor, _ y: Tensor, bins: [Int] = [10], ranges: [(Double, Double)?]? = nil, weights: Tensor? = nil, density: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> (hist: Tensor, xEdges: Tensor, yEdges: Tensor) {
    if anyInvalid(x, y) { return (.invalid, .invalid, .invalid) }
    if x.rank != 1 || x.shape != y.shape {
      report(.shape, "histogram2d", "x and y must be 1-D arrays of the same length, got \(shapeString(x.shape)) and \(shapeString(y.shape))", file: file, line: line)
      return (.invalid, .invalid, .invalid)
    }
    let xy = promoteDTypes([x, y], file: file, line: line)
    let sample = Lax.stack(xy, axis: 1, file: file, line: line)
    let (h, e) = histogramdd(sample, bins: bins, ranges: ranges, weights: weights, density: density, file: file, line: line)
    if h.isInvalid { return (.invalid, .invalid, .invalid) }
    return (h, e[0], e[1])
  }
}
