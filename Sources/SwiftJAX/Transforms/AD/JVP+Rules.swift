// The JVP rule of every primitive, as one exhaustive switch: adding a
// primitive makes the compiler ask for its rule here. Rules receive the
// primal operands and their tangents (nil = symbolic zero, never all nil)
// and return the primal outputs and their tangents. They are written with
// `Lax` calls, so the tangent computation is itself traceable: that is
// what makes higher-order derivatives and `linearize` work.

extension Primitive {
  func jvp(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    /// The primal output(s) of this very primitive.
    func primal() -> [Tensor] { bind(self, x, site: site) }
    /// Linear in the first operand: the tangent is the same primitive
    /// applied to the tangent (other operands, e.g. indices, are reused).
    func linearInFirst() -> ([Tensor], [Tensor?]) {
      let y = primal()
      return (y, [bind1(self, [instantiateTangent(t[0], x[0].aval)] + x.dropFirst(), site: site)])
    }

    switch self {
    case .unary(let op):
      let y = bind1(self, x, site: site)
      guard let g = t[0] else { return ([y], [nil]) }
      return ([y], [op.jvp(g, x: x[0], y: y)])
    case .integerPow(let n):
      return integerPowJVP(n, x[0], t[0], site: site)
    case .binary(let op):
      let y = bind1(self, x, site: site)
      return ([y], [op.jvp(x[0], x[1], t[0], t[1], y: y)])
    case .compare, .argReduce, .iota, .bitcastConvertType:
      // Outputs are integers/bools (or a reinterpretation of bits, which
      // JAX does not differentiate): zero tangents.
      return (primal(), [nil])
    case .selectN:
      return selectNJVP(x, t, site: site)
    case .clamp:
      return clampJVP(x, t, site: site)
    case .convertElementType(let d, let weak):
      let y = bind1(self, x, site: site)
      guard d.isDifferentiable, x[0].dtype.isDifferentiable, let g = t[0] else { return ([y], [nil]) }
      return ([y], [Lax.convertElementType(g, d, weakType: weak)])
    case .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .cumulative(.sum, _, _),
      .dynamicSlice, .reduceWindow(.sum, _), .fft:
      return linearInFirst()
    case .dynamicUpdateSlice:
      return dynamicUpdateSliceJVP(x, t, site: site)
    case .concatenate(let dim):
      // Linear in every operand.
      let y = bind1(self, x, site: site)
      return ([y], [Lax.concatenate(zip(t, x).map { instantiateTangent($0, $1.aval) }, dimension: dim)])
    case .pad(let config):
      // Linear in the operand and the padding value together.
      let y = bind1(self, x, site: site)
      let ts = zip(t, x).map { instantiateTangent($0, $1.aval) }
      return ([y], [Lax.pad(ts[0], ts[1], config: config)])
    case .gather(let dn, let sizes, let mode, let fill):
      return gatherJVP(dn, sizes, mode, fill, x, t, site: site)
    case .scatter(let op, let dn, let mode):
      return scatterJVP(op, dn, mode, x, t, site: site)
    case .reduce(let op, let axes):
      return reduceJVP(op, axes, x[0], t[0], site: site)
    case .cumulative(let op, let axis, let reverse):
      return cumulativeJVP(op, axis: axis, reverse: reverse, x[0], t[0], site: site)
    case .dotGeneral(let dn, let pref):
      let y = bind1(self, x, site: site)
      return ([y], [dotGeneralTangent(dn, pref, x, t)])
    case .convGeneralDilated(let p):
      return p.jvp(x, t, site: site)
    case .reduceWindow(.prod, let p):
      return p.productJVP(x[0], t[0], site: site)
    case .reduceWindow(let op, let p):
      return p.chooserJVP(op, x[0], t[0], site: site)
    case .sort(let dimension, let isStable, let numKeys):
      return sortJVP(dimension: dimension, isStable: isStable, numKeys: numKeys, x, t, site: site)
    case .scan, .whileLoop, .cond:
      return controlFlowJVP(x, t, site: site)
    case .custom(let call):
      return call.jvp(x, t, site: site)
    case .hostCallback(let h):
      return h.jvp(x, t, site: site)
    case .collective(let c):
      return c.jvp(x, t, site: site)
    }
  }
}

// Rules too long to sit in the switch: each is a function of its primitive.
extension Primitive {
  fileprivate func integerPowJVP(_ n: Int, _ x: Tensor, _ t: Tensor?, site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = bind1(self, [x], site: site)
    guard let g = t else { return ([y], [nil]) }
    switch n {
    case 0: return ([y], [nil])
    case 1: return ([y], [g])
    case 2: return ([y], [Lax.mul(g, Lax.mul(adConst(x, 2), x))])
    default: return ([y], [Lax.mul(g, Lax.mul(adConst(x, Double(n)), Lax.integerPow(x, n - 1)))])
    }
  }

  fileprivate func selectNJVP(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = bind1(self, x, site: site)
    let cases = Array(x.dropFirst())
    let ts = Array(t.dropFirst())
    if ts.allSatisfy({ $0 == nil }) { return ([y], [nil]) }
    let tcases = zip(ts, cases).map { instantiateTangent($0, $1.aval) }
    return ([y], [Lax.selectN(x[0], tcases)])
  }

  /// JAX's clamp JVP: each operand's tangent flows where it is the result
  /// (strictly inside the bounds for `x`).
  fileprivate func clampJVP(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    let (lo, v, hi) = (x[0], x[1], x[2])
    let y = bind1(self, x, site: site)
    let zeros = adZeros(v.aval)
    var out: Tensor? = nil
    if let g = t[0] {
      out = addTangents(out, Lax.select(Lax.and(Lax.gt(lo, v), Lax.lt(lo, hi)), broadcastTo(g, v.shape), zeros))
    }
    if let g = t[1] {
      out = addTangents(out, Lax.select(Lax.and(Lax.gt(v, lo), Lax.lt(v, hi)), g, zeros))
    }
    if let g = t[2] {
      out = addTangents(out, Lax.select(Lax.lt(hi, v), broadcastTo(g, v.shape), zeros))
    }
    return ([y], [out])
  }

  fileprivate func dynamicUpdateSliceJVP(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = bind1(self, x, site: site)
    let idx = Array(x.dropFirst(2))
    let to = instantiateTangent(t[0], x[0].aval)
    let tu = instantiateTangent(t[1], x[1].aval)
    return ([y], [Lax.dynamicUpdateSlice(to, tu, startIndices: idx)])
  }

  fileprivate func gatherJVP(
    _ dn: GatherDimensionNumbers, _ sizes: [Int], _ mode: GatherMode, _ fill: Double?, _ x: [Tensor], _ t: [Tensor?],
    site: CallSite?
  ) -> ([Tensor], [Tensor?]) {
    let y = bind1(self, x, site: site)
    guard let g = t[0] else { return ([y], [nil]) }
    // Out-of-bounds slices read the fill value, a constant: tangent 0.
    let fillT: Double? = fill == nil ? nil : 0
    return ([y], [Lax.gather(g, x[1], dimensionNumbers: dn, sliceSizes: sizes, mode: mode, fillValue: fillT)])
  }

  /// Bilinear: the sum of each operand's tangent times the other operand.
  fileprivate func dotGeneralTangent(_ dn: DotDimensionNumbers, _ pref: DType?, _ x: [Tensor], _ t: [Tensor?]) -> Tensor? {
    var out: Tensor? = nil
    if let ta = t[0] { out = addTangents(out, Lax.dotGeneral(ta, x[1], dn, preferredElementType: pref)) }
    if let tb = t[1] { out = addTangents(out, Lax.dotGeneral(x[0], tb, dn, preferredElementType: pref)) }
    return out
  }
}
