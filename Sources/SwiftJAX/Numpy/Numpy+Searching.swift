import Foundation

// Searching and counting in sorted data: `jnp.searchsorted`, `digitize`,
// `interp`, `bincount`. Every shape is static, so all of them work under
// `jit` and `vmap`.

/// Which insertion point ``Numpy/searchsorted(_:_:side:file:line:)``
/// returns among equal elements (NumPy's `side=`).
public enum SearchSide: Sendable {
  /// The first position where the value could be inserted (`a[i-1] < v <= a[i]`).
  case left
  /// The last such position (`a[i-1] <= v < a[i]`).
  case right
}

extension Numpy {
  /// `p < q` in the order `lax.sort` uses: NaN after every number and
  /// equal to itself, so searching agrees with sorting. Complex numbers
  /// compare by real part, then imaginary part (each in that float order).
  static func sortLess(_ p: Tensor, _ q: Tensor, file: StaticString, line: UInt) -> Tensor {
    if p.dtype.isComplex {
      let (pr, qr) = (Lax.real(p, file: file, line: line), Lax.real(q, file: file, line: line))
      let (pi, qi) = (Lax.imag(p, file: file, line: line), Lax.imag(q, file: file, line: line))
      let reLess = sortLess(pr, qr, file: file, line: line)
      let reSame = Lax.not(Lax.or(reLess, sortLess(qr, pr, file: file, line: line), file: file, line: line), file: file, line: line)
      return Lax.or(reLess, Lax.and(reSame, sortLess(pi, qi, file: file, line: line), file: file, line: line), file: file, line: line)
    }
    let lt = Lax.lt(p, q, file: file, line: line)
    if !p.dtype.isFloatingPoint { return lt }
    let pNum = Lax.eq(p, p, file: file, line: line), qNaN = Lax.ne(q, q, file: file, line: line)
    return Lax.or(lt, Lax.and(pNum, qNaN, file: file, line: line), file: file, line: line)
  }

  /// `jnp.searchsorted`: for each value of `v`, the index at which it
  /// would be inserted into the sorted 1-D `a` to keep it sorted. The
  /// result has `v`'s shape and dtype int32. Computed by comparing every
  /// value with every element (JAX's `method='compare_all'`), which is
  /// exact and differentiable-free but uses `a.count * v.count` memory.
  ///
  /// ```swift
  /// let a = jnp.array([1.0, 2.0, 2.0, 3.0])
  /// jnp.searchsorted(a, jnp.array([2.0, 0.5, 4.0]))                // [1, 0, 4]
  /// jnp.searchsorted(a, jnp.array([2.0]), side: .right)            // [3]
  /// ```
  public static func searchsorted(
    _ a: Tensor, _ v: Tensor, side: SearchSide = .left, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if anyInvalid(a, v) { return .invalid }
    if a.rank != 1 {
      return fail(.shape, "searchsorted", "a should be 1-dimensional, got shape \(shapeString(a.shape))", file: file, line: line)
    }
    let pv = promoteDTypes([a, v], file: file, line: line)
    let n = a.shape[0]
    let shape = v.shape + [n]
    let ab = Lax.broadcastInDim(pv[0], shape: shape, broadcastDimensions: [v.rank], file: file, line: line)
    let vb = Lax.broadcastInDim(pv[1], shape: shape, broadcastDimensions: Array(0..<v.rank), file: file, line: line)
    // left: how many elements are < v; right: how many are <= v (= not v < a).
    let before: Tensor
    switch side {
    case .left: before = sortLess(ab, vb, file: file, line: line)
    case .right: before = Lax.not(sortLess(vb, ab, file: file, line: line), file: file, line: line)
    }
    return sum(before, axis: v.rank, dtype: .int32, file: file, line: line)
  }

  /// `jnp.digitize`: the index of the bin of each value of `x`, for
  /// monotonically increasing or decreasing 1-D `bins` (`right` puts a
  /// value equal to an edge in the bin to its left). Empty `bins` give zeros.
  ///
  /// ```swift
  /// jnp.digitize(jnp.array([0.5, 1.0, 2.5]), jnp.array([1.0, 2.0, 3.0]))               // [0, 1, 2]
  /// jnp.digitize(jnp.array([0.5, 1.0, 2.5]), jnp.array([1.0, 2.0, 3.0]), right: true)  // [0, 0, 2]
  /// ```
  public static func digitize(_ x: Tensor, _ bins: Tensor, right: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(x, bins) { return .invalid }
    if bins.rank != 1 {
      return fail(.shape, "digitize", "bins must be a 1-dimensional array, got shape \(shapeString(bins.shape))", file: file, line: line)
    }
    let n = bins.shape[0]
    if n == 0 { return zerosLike(x, dtype: .int32, file: file, line: line) }
    let side: SearchSide = right ? .left : .right
    let first = Lax.sliceInDim(bins, start: 0, limit: 1, axis: 0, file: file, line: line)
    let last = Lax.sliceInDim(bins, start: n - 1, limit: n, axis: 0, file: file, line: line)
    let increasing = Lax.reshape(compare(.ge, last, first, file: file, line: line), [], file: file, line: line)
    let up = searchsorted(bins, x, side: side, file: file, line: line)
    let down = Lax.sub(scalar(Double(n), .int32), searchsorted(Lax.rev(bins, dimensions: [0], file: file, line: line), x, side: side, file: file, line: line), file: file, line: line)
    return `where`(increasing, up, down, file: file, line: line)
  }

  /// `x` gathered at integer positions `i` along its only axis.
  private static func at1D(_ x: Tensor, _ i: Tensor, file: StaticString, line: UInt) -> Tensor {
    take(x, i, axis: 0, mode: .clip, file: file, line: line)
  }

  /// `jnp.interp`: piecewise-linear interpolation of the points
  /// `(xp, fp)` (`xp` increasing) at `x`. Outside `[xp[0], xp[-1]]` the
  /// result is `left`/`right` (default: `fp[0]`/`fp[-1]`).
  ///
  /// ```swift
  /// let xp = jnp.array([0.0, 1.0, 2.0]), fp = jnp.array([0.0, 10.0, 0.0])
  /// jnp.interp(jnp.array([0.5, 1.5, 3.0]), xp, fp)             // [5.0, 5.0, 0.0]
  /// jnp.interp(jnp.array([-1.0]), xp, fp, left: -1)            // [-1.0]
  /// ```
  public static func interp(
    _ x: Tensor, _ xp: Tensor, _ fp: Tensor, left: Double? = nil, right: Double? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if anyInvalid(x, xp, fp) { return .invalid }
    if x.dtype.isComplex {
      return fail(.dtype, "interp", "jnp.interp: complex x values not supported (got \(x.dtype.name) of shape \(shapeString(x.shape)))", file: file, line: line)
    }
    if xp.rank != 1 || xp.shape != fp.shape || xp.shape[0] == 0 {
      return fail(.shape, "interp", "xp and fp must be non-empty one-dimensional arrays of equal size, got xp \(shapeString(xp.shape)) and fp \(shapeString(fp.shape))", file: file, line: line)
    }
    let xs = promoteDTypes([toInexact(x, file: file, line: line), toInexact(xp, file: file, line: line)], file: file, line: line)
    let (xa, xpa) = (xs[0], xs[1])
    let fpa = toInexact(fp, file: file, line: line)
    let n = xp.shape[0]
    let i = clip(searchsorted(xpa, xa, side: .right, file: file, line: line), min: Tensor(weak: 1), max: Tensor(weak: n - 1), file: file, line: line)
    let im1 = subtract(i, Tensor(weak: 1), file: file, line: line)
    let f0 = at1D(fpa, im1, file: file, line: line), x0 = at1D(xpa, im1, file: file, line: line)
    let df = subtract(at1D(fpa, i, file: file, line: line), f0, file: file, line: line)
    let dx = subtract(at1D(xpa, i, file: file, line: line), x0, file: file, line: line)
    let delta = subtract(xa, x0, file: file, line: line)
    // A zero-width interval (repeated xp) takes fp[i-1]; dividing by 1
    // there keeps NaN out of the gradient.
    let tiny = Lax.le(Lax.abs(dx, file: file, line: line), scalar(spacingOfEpsilon(xpa.dtype), xpa.dtype), file: file, line: line)
    let safeDx = `where`(tiny, Tensor(weak: 1.0), dx, file: file, line: line)
    var f = `where`(tiny, f0, add(f0, multiply(trueDivide(delta, safeDx, file: file, line: line), df, file: file, line: line), file: file, line: line), file: file, line: line)
    let first = Lax.sliceInDim(xpa, start: 0, limit: 1, axis: 0, file: file, line: line)
    let last = Lax.sliceInDim(xpa, start: n - 1, limit: n, axis: 0, file: file, line: line)
    let leftValue = left.map { Tensor(weak: $0) } ?? Lax.reshape(Lax.sliceInDim(fpa, start: 0, limit: 1, axis: 0, file: file, line: line), [], file: file, line: line)
    let rightValue = right.map { Tensor(weak: $0) } ?? Lax.reshape(Lax.sliceInDim(fpa, start: n - 1, limit: n, axis: 0, file: file, line: line), [], file: file, line: line)
    f = `where`(compare(.lt, xa, Lax.reshape(first, [], file: file, line: line), file: file, line: line), leftValue, f, file: file, line: line)
    f = `where`(compare(.gt, xa, Lax.reshape(last, [], file: file, line: line), file: file, line: line), rightValue, f, file: file, line: line)
    return f
  }

  /// `np.spacing(np.finfo(dtype).eps)`: the gap above machine epsilon,
  /// which is epsilon squared for binary floating point.
  static func spacingOfEpsilon(_ d: DType) -> Double {
    // Fraction bits of the (inexact) dtype; interp only sees floats.
    let mantissaBits: Double = d == .float16 ? 10 : d == .bfloat16 ? 7 : d == .float64 ? 52 : 23
    return Foundation.pow(2, -2 * mantissaBits)
  }

  /// `jnp.bincount`: how many times each non-negative integer occurs in
  /// the 1-D `x` (or the sum of `weights` at those positions). `length`
  /// fixes the output size, which `jit` needs; without it `x` must be
  /// concrete and the size is `max(minLength, max(x) + 1)`. Negative
  /// values count in bin 0 and values `>= length` are dropped, as in JAX.
  ///
  /// ```swift
  /// jnp.bincount(jnp.array([0, 1, 1, 3]))                                      // [1, 2, 0, 1]
  /// jnp.bincount(jnp.array([0, 1, 1]), weights: jnp.array([0.5, 1.0, 2.0]), length: 3)   // [0.5, 3.0, 0.0]
  /// ```
  public static func bincount(
    _ x: Tensor, weights: Tensor? = nil, minLength: Int = 0, length: Int? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid || weights?.isInvalid == true { return .invalid }
    let xi = x.dtype.isBool ? convert(x, to: .int32, weak: false, file: file, line: line) : x
    if !xi.dtype.isInteger { return fail(.dtype, "bincount", "x must have an integer type, got \(x.dtype)", file: file, line: line) }
    if xi.rank != 1 { return fail(.shape, "bincount", "only 1-dimensional input is supported, got shape \(shapeString(x.shape))", file: file, line: line) }
    if let weights, weights.shape != x.shape {
      return fail(.shape, "bincount", "weights must have the shape of x: x \(shapeString(x.shape)), weights \(shapeString(weights.shape))", file: file, line: line)
    }
    guard let size = length ?? bincountLength(xi, minLength: minLength, file: file, line: line) else { return .invalid }
    let w = weights ?? Lax.broadcastInDim(scalar(1, .defaultInt), shape: x.shape, broadcastDimensions: [], file: file, line: line)
    let empty = zeros([size], dtype: w.dtype, file: file, line: line)
    // Nothing to scatter (and a scatter into or from zero elements is not
    // a valid gather/scatter shape).
    if size == 0 || x.shape[0] == 0 { return empty }
    let idx = maximum(xi, Tensor(weak: 0), file: file, line: line)
    return empty.at[idx].add(w, file: file, line: line)
  }

  /// The output size of a bincount without `length`: needs concrete `x`.
  private static func bincountLength(_ x: Tensor, minLength: Int, file: StaticString, line: UInt) -> Int? {
    guard let c = x.concrete else {
      report(.value, "bincount", "x is traced, so the output size is unknown: pass a static `length:` to use bincount under jit or vmap", file: file, line: line)
      return nil
    }
    let top = (0..<c.aval.count).map { c.element($0).asInt64 }.max() ?? -1
    return Swift.max(minLength, x.shape[0] == 0 ? 0 : Int(Swift.max(0, top)) + 1)
  }
}
