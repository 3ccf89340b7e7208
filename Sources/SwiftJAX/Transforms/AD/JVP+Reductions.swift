// JVP rules for reductions, cumulative reductions and sort.

extension Primitive {
  func reduceJVP(_ op: ReduceOp, _ axes: [Int], _ x: Tensor, _ g: Tensor?, site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = bind1(self, [x], site: site)
    guard let g, x.dtype.isDifferentiable else { return ([y], [nil]) }
    switch op {
    case .sum:
      return ([y], [Lax.reduceSum(g, axes: axes)])
    case .prod:
      return ([y], [reduceProdTangent(x, g, axes: axes)])
    case .max, .min:
      // JAX's chooser rule: the tangent at the chosen location, averaged
      // over ties.
      let keep = (0..<x.rank).filter { !axes.contains($0) }
      let yb = Lax.broadcastInDim(y, shape: x.shape, broadcastDimensions: keep)
      let loc = Lax.convertElementType(Lax.eq(x, yb), g.dtype)
      let counts = Lax.reduceSum(loc, axes: axes)
      return ([y], [Lax.div(Lax.reduceSum(Lax.mul(g, loc), axes: axes), counts)])
    case .and, .or, .xor:
      return ([y], [nil])
    }
  }

  func cumulativeJVP(_ op: CumulativeOp, axis: Int, reverse: Bool, _ x: Tensor, _ g: Tensor?, site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = bind1(self, [x], site: site)
    guard let g, x.dtype.isDifferentiable else { return ([y], [nil]) }
    let combine: (Tensor, Tensor, Tensor, Tensor) -> (Tensor, Tensor)
    switch op {
    case .sum: return ([y], [Lax.cumulative(g, .sum, axis: axis, reverse: reverse)])
    case .prod: combine = mulPair
    case .max: combine = { maxMinPair(.max, $0, $1, $2, $3) }
    case .min: combine = { maxMinPair(.min, $0, $1, $2, $3) }
    case .logsumexp: combine = logAddExpPair
    }
    let t = prefixScanTangent(x, g, axis: axis, reverse: reverse, combine: combine)
    return ([y], [t])
  }

  /// JAX's sort JVP: sort an iota along with the operands to learn the
  /// permutation, then gather every tangent with it.
  func sortJVP(dimension: Int, isStable: Bool, numKeys: Int, _ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    let shape = x[0].shape
    let rank = shape.count
    let iotas = (0..<rank).map { Lax.iota(.int32, shape: shape, dimension: $0) }
    let sorted = Lax.sort(x + [iotas[dimension]], dimension: dimension, isStable: isStable, numKeys: numKeys)
    let perm = sorted[sorted.count - 1]
    let index = Lax.concatenate(
      (0..<rank).map { Lax.expandDims($0 == dimension ? perm : iotas[$0], dimensions: [rank]) }, dimension: rank)
    let dn = GatherDimensionNumbers(offsetDims: [], collapsedSliceDims: Array(0..<rank), startIndexMap: Array(0..<rank))
    let sizes = [Int](repeating: 1, count: rank)
    let ts: [Tensor?] = t.map { g in
      g.map { Lax.gather($0, index, dimensionNumbers: dn, sliceSizes: sizes, mode: .promiseInBounds) }
    }
    return (Array(sorted.dropLast()), ts)
  }
}

/// The tangent of `reduce_prod` by JAX's pairwise tree (`_reduce_jvp`):
/// exact even when some factors are zero.
func reduceProdTangent(_ x: Tensor, _ g: Tensor, axes: [Int]) -> Tensor {
  let nonAxes = (0..<x.rank).filter { !axes.contains($0) }
  let rest = nonAxes.map { x.shape[$0] }
  let n = axes.reduce(1) { $0 * x.shape[$1] }
  if n == 0 { return adZeros(ShapedArray(shape: rest, dtype: g.dtype)) }
  let perm = axes + nonAxes
  var xs = Lax.reshape(Lax.transpose(x, perm), [n] + rest)
  var ts = Lax.reshape(Lax.transpose(g, perm), [n] + rest)
  var m = n
  while m > 1 {
    let m1 = (m + 1) / 2
    let x1 = Lax.sliceInDim(xs, start: 0, limit: m1, axis: 0)
    var x2 = Lax.sliceInDim(xs, start: m1, limit: m, axis: 0)
    let t1 = Lax.sliceInDim(ts, start: 0, limit: m1, axis: 0)
    var t2 = Lax.sliceInDim(ts, start: m1, limit: m, axis: 0)
    if m - m1 != m1 {
      var cfg = [PadConfig](repeating: PadConfig(low: 0, high: 0), count: x1.rank)
      cfg[0] = PadConfig(low: 0, high: 1)
      x2 = Lax.pad(x2, adConst(x2, 1), config: cfg)
      t2 = Lax.pad(t2, adConst(t2, 0), config: cfg)
    }
    (xs, ts) = mulPair(x1, t1, x2, t2)
    m = m1
  }
  return Lax.reshape(ts, rest)
}

/// (a, ta) ⊗ (b, tb) for a product.
func mulPair(_ a: Tensor, _ ta: Tensor, _ b: Tensor, _ tb: Tensor) -> (Tensor, Tensor) {
  (Lax.mul(a, b), Lax.add(Lax.mul(ta, b), Lax.mul(a, tb)))
}

/// max/min of pairs with JAX's balanced tie rule.
func maxMinPair(_ op: BinaryOp, _ a: Tensor, _ ta: Tensor, _ b: Tensor, _ tb: Tensor) -> (Tensor, Tensor) {
  let m = op == .max ? Lax.max(a, b) : Lax.min(a, b)
  let t = op.jvp(a, b, ta, tb, y: m)!
  return (m, t)
}

/// logaddexp of pairs with JAX's custom JVP (weights exp(x − out), with
/// +inf replaced by 0 to avoid inf − inf).
func logAddExpPair(_ a: Tensor, _ ta: Tensor, _ b: Tensor, _ tb: Tensor) -> (Tensor, Tensor) {
  if a.dtype.isComplex { return complexLogAddExpPair(a, ta, b, tb) }
  let m = Lax.max(a, b)
  let d = Lax.neg(Lax.abs(Lax.sub(a, b)))
  let out = Lax.select(Lax.isFinite(m), Lax.add(m, Lax.log1p(Lax.exp(d))), m)
  func replaceInf(_ v: Tensor) -> Tensor {
    Lax.select(Lax.eq(v, adConst(v, .infinity)), adZeros(v.aval), v)
  }
  let ro = replaceInf(out)
  let t = Lax.add(Lax.mul(ta, Lax.exp(Lax.sub(replaceInf(a), ro))), Lax.mul(tb, Lax.exp(Lax.sub(replaceInf(b), ro))))
  return (out, t)
}

/// JAX's complex logaddexp and its custom JVP (`_logaddexp_jvp`, where
/// `_replace_inf` zeroes a value whose real part is +inf).
func complexLogAddExpPair(_ a: Tensor, _ ta: Tensor, _ b: Tensor, _ tb: Tensor) -> (Tensor, Tensor) {
  let out = Numpy.complexLogAddExp(a, b)
  func replaceInf(_ v: Tensor) -> Tensor {
    Lax.select(Lax.eq(Lax.real(v), adConst(Lax.real(v), .infinity)), adZeros(v.aval), v)
  }
  let ro = replaceInf(out)
  let t = Lax.add(Lax.mul(ta, Lax.exp(Lax.sub(replaceInf(a), ro))), Lax.mul(tb, Lax.exp(Lax.sub(replaceInf(b), ro))))
  return (out, t)
}

/// Tangent of an inclusive prefix scan with an associative `combine` on
/// (value, tangent) pairs, by Hillis–Steele doubling (log₂ n steps of
/// slices, combines and concatenations: all differentiable and, in the
/// tangent, linear). JAX differentiates its `associative_scan` the same way.
func prefixScanTangent(
  _ x: Tensor, _ g: Tensor, axis: Int, reverse: Bool,
  combine: (Tensor, Tensor, Tensor, Tensor) -> (Tensor, Tensor)
) -> Tensor {
  var xs = reverse ? Lax.rev(x, dimensions: [axis]) : x
  var ts = reverse ? Lax.rev(g, dimensions: [axis]) : g
  let n = x.shape[axis]
  var k = 1
  while k < n {
    let headX = Lax.sliceInDim(xs, start: 0, limit: k, axis: axis)
    let headT = Lax.sliceInDim(ts, start: 0, limit: k, axis: axis)
    let (p, t) = combine(
      Lax.sliceInDim(xs, start: 0, limit: n - k, axis: axis), Lax.sliceInDim(ts, start: 0, limit: n - k, axis: axis),
      Lax.sliceInDim(xs, start: k, limit: n, axis: axis), Lax.sliceInDim(ts, start: k, limit: n, axis: axis))
    xs = Lax.concatenate([headX, p], dimension: axis)
    ts = Lax.concatenate([headT, t], dimension: axis)
    k *= 2
  }
  return reverse ? Lax.rev(ts, dimensions: [axis]) : ts
}
