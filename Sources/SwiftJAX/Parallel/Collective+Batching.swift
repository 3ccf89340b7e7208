// Batching of the collectives (JAX's `fancy_primitive_batchers` for
// psum/pmax/pmin, all_gather, reduce_scatter, all_to_all, ppermute and
// axis_index). Under a `vmap` over another axis a collective passes
// through with its axis parameters moved past the batch axis; under the
// `vmap` whose axis it names, it becomes an ordinary array operation over
// the batch axis (`vmap(f, axisName:)` is how pmap's semantics are
// computed on one device).

extension Collective {
  /// The rule for a `vmap` over a different axis: `dims[0]` is mapped.
  func batchOtherAxis(_ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> ([Tensor], [Int?]) {
    guard let d = dims.first ?? nil else { return (SwiftJAX.bind(.collective(self), xs, site: c.site), [nil]) }
    let x = xs[0]
    switch op {
    case .psum, .pmax, .pmin, .ppermute, .axisIndex:
      return ([bind1(op, x, site: c.site)], [d])
    case .allGather(let g, let tiled):
      if d <= g { return ([bind1(.allGather(dimension: g + 1, tiled: tiled), x, site: c.site)], [d]) }
      return ([bind1(op, x, site: c.site)], [tiled ? d : d + 1])
    case .psumScatter(let s, let tiled):
      if d <= s { return ([bind1(.psumScatter(dimension: s + 1, tiled: tiled), x, site: c.site)], [d]) }
      return ([bind1(op, x, site: c.site)], [tiled ? d : d - 1])
    case .allToAll(let s, let k):
      let moved = CollectiveOp.allToAll(splitAxis: s + (d <= s ? 1 : 0), concatAxis: k + (d <= k ? 1 : 0))
      return ([bind1(moved, x, site: c.site)], [d])
    }
  }

  /// The rule for the `vmap` that binds this collective's axis: the batch
  /// axis is the named axis. `dims[0]` may be nil (a value that is the same
  /// for every member).
  func batchOwnAxis(_ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> ([Tensor], [Int?]) {
    let n = c.size
    if case .axisIndex = op { return ([Lax.iota(.int32, shape: [n])], [0]) }
    let x = xs[0]
    let d = dims[0]
    switch op {
    case .psum:
      guard let d else { return ([Lax.mul(x, adConst(x, Double(n)))], [nil]) }
      return ([Lax.reduceSum(x, axes: [d])], [nil])
    case .pmax, .pmin:
      guard let d else { return ([x], [nil]) }
      return ([Lax.reduce(x, op == .pmax ? .max : .min, axes: [d])], [nil])
    case .allGather(let g, let tiled):
      let y = c.materialize(x, d, at: g)
      guard tiled else { return ([y], [nil]) }
      var shape = y.shape
      shape[g] *= shape.remove(at: g + 1)
      return ([Lax.reshape(y, shape)], [nil])
    case .psumScatter(let s, let tiled):
      let sum = d.map { Lax.reduceSum(x, axes: [$0]) } ?? Lax.mul(x, adConst(x, Double(n)))
      guard tiled else { return ([sum], [s]) }
      var shape = sum.shape
      shape.replaceSubrange(s...s, with: [n, shape[s] / n])
      return ([Lax.reshape(sum, shape)], [s])
    case .allToAll(let s, let k):
      return batchAllToAll(c.atFront(x, d), s, k, n)
    case .ppermute(let perm):
      if d == nil && Set(perm.map(\.destination)).count == n { return ([x], [nil]) }
      let y = c.atFront(x, d)
      let zero = adZeros(y.aval.with(shape: [1] + Array(y.shape.dropFirst())))
      let rows = (0..<n).map { r -> Tensor in
        guard let p = perm.first(where: { $0.destination == r }) else { return zero }
        return Lax.sliceInDim(y, start: p.source, limit: p.source + 1, axis: 0)
      }
      return ([Lax.concatenate(rows, dimension: 0)], [0])
    case .axisIndex:
      return ([Lax.iota(.int32, shape: [n])], [0])
    }
  }

  /// all_to_all over the batch axis (at 0): member r's chunk j of
  /// `split` goes to member j, at position r of `concat` (JAX's
  /// `_all_to_all_batched_collective`, no major/minor axes).
  private func batchAllToAll(_ x: Tensor, _ split: Int, _ concat: Int, _ n: Int) -> ([Tensor], [Int?]) {
    // x: [n(batch), ...example]; example axis a is at a + 1.
    var shape = x.shape
    if split == concat {
      let a = split + 1
      shape.replaceSubrange(a...a, with: [n, shape[a] / n])
      var y = Lax.reshape(x, shape)               // [b, .., j, k, ..]
      var perm = Array(0..<y.rank)
      perm.swapAt(0, a)                           // [j, .., b, k, ..]
      y = Lax.transpose(y, perm)
      var folded = y.shape
      folded[a] *= folded.remove(at: a + 1)       // [j, .., b*k, ..]
      return ([Lax.reshape(y, folded)], [0])
    }
    // Move the batch axis just before the example's concat axis and fold
    // the two (member-major), then split the split axis into (member, rest).
    var perm = Array(1..<x.rank)
    perm.insert(0, at: concat)
    var y = Lax.transpose(x, perm)
    var s = y.shape
    s[concat] *= s.remove(at: concat + 1)
    y = Lax.reshape(y, s)
    s = y.shape
    s.replaceSubrange(split...split, with: [n, s[split] / n])
    return ([Lax.reshape(y, s)], [split])
  }
}
