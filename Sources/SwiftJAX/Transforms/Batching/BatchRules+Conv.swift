// Batching rules of conv_general_dilated and reduce_window, after JAX's
// `_conv_general_dilated_batch_rule` and `_reduce_window_batch_rule`: the
// vmapped axis is folded into the batch dimension (mapped input only),
// the output features (mapped kernel only) or the feature groups (both).

func batchConv(_ xs: [Tensor], _ dims: [Int?], _ p: ConvParams, _ c: BatchContext) -> (Tensor, Int) {
  let dn = p.dimensionNumbers
  let size = c.size
  func conv(_ l: Tensor, _ r: Tensor, _ q: ConvParams) -> Tensor { c.bind1(.convGeneralDilated(q), [l, r]) }
  if let ld = dims[0], dims[1] == nil, p.batchGroupCount == 1 {
    let out = conv(reshapeAxisInto(ld, dn.lhsSpec[0], xs[0]), xs[1], p)
    return (reshapeAxisOutOf(dn.outSpec[0], size, out), dn.outSpec[0])
  }
  if let rd = dims[1], dims[0] == nil, p.batchGroupCount == 1, p.featureGroupCount == 1 {
    let out = conv(xs[0], reshapeAxisInto(rd, dn.rhsSpec[0], xs[1]), p)
    return (reshapeAxisOutOf(dn.outSpec[1], size, out), dn.outSpec[1])
  }
  // Both mapped (a missing axis is broadcast): one group per batch member.
  let lhs = c.atFront(xs[0], dims[0]), rhs = c.atFront(xs[1], dims[1])
  var q = p
  let newLhs: Tensor
  if p.batchGroupCount > 1 {
    newLhs = reshapeAxisInto(0, dn.lhsSpec[0], lhs)
    q.batchGroupCount *= size
  } else {
    newLhs = reshapeAxisInto(0, dn.lhsSpec[1], lhs)
    q.featureGroupCount *= size
  }
  let out = conv(newLhs, reshapeAxisInto(0, dn.rhsSpec[0], rhs), q)
  return (reshapeAxisOutOf(dn.outSpec[1], size, out), dn.outSpec[1])
}

/// A window of size 1 along the vmapped axis.
func batchReduceWindow(_ op: ReduceWindowOp, _ x: Tensor, _ d: Int, _ p: WindowParams, _ c: BatchContext) -> (Tensor, Int) {
  var q = p
  q.windowDimensions.insert(1, at: d)
  q.windowStrides.insert(1, at: d)
  q.padding.insert(WindowPadding(0, 0), at: d)
  q.baseDilation.insert(1, at: d)
  q.windowDilation.insert(1, at: d)
  return (c.bind1(.reduceWindow(op, q), [x]), d)
}
