// Batching of `dot_general` and `pad`, the two rules with real arithmetic
// on dimension numbers.

/// `dot_general` (JAX's `_dot_general_batch_dim_nums`): two mapped operands
/// pair their batch axes as a new dot batch dimension (first in the
/// output); one mapped operand keeps its batch axis as a free dimension,
/// which lands among that operand's free dimensions in the output.
func batchDotGeneral(
  _ xs: [Tensor], _ dims: [Int?], _ dn: DotDimensionNumbers, _ preferred: DType?, _ c: BatchContext
) -> (Tensor, Int) {
  var dn2 = dn
  let outDim: Int
  switch (dims[0], dims[1]) {
  case (let ld?, let rd?):
    dn2.lhsBatch = [ld] + dn.lhsBatch.bumped(past: ld)
    dn2.rhsBatch = [rd] + dn.rhsBatch.bumped(past: rd)
    dn2.lhsContracting = dn.lhsContracting.bumped(past: ld)
    dn2.rhsContracting = dn.rhsContracting.bumped(past: rd)
    outDim = 0
  case (let ld?, nil):
    let lhsRank = xs[0].rank - 1
    let free = (0..<lhsRank).filter { !dn.lhsBatch.contains($0) && !dn.lhsContracting.contains($0) }
    dn2.lhsBatch = dn.lhsBatch.bumped(past: ld)
    dn2.lhsContracting = dn.lhsContracting.bumped(past: ld)
    outDim = dn.lhsBatch.count + free.filter { $0 < ld }.count
  case (nil, let rd?):
    let lhsRank = xs[0].rank
    let rhsRank = xs[1].rank - 1
    let free = (0..<rhsRank).filter { !dn.rhsBatch.contains($0) && !dn.rhsContracting.contains($0) }
    dn2.rhsBatch = dn.rhsBatch.bumped(past: rd)
    dn2.rhsContracting = dn.rhsContracting.bumped(past: rd)
    outDim = lhsRank - dn.lhsContracting.count + free.filter { $0 < rd }.count
  case (nil, nil):
    outDim = 0  // not reached: nothing mapped binds directly
  }
  return (c.bind1(.dotGeneral(dn2, preferredElementType: preferred), xs), outDim)
}

/// `pad`: a shared padding value pads every example alike; a mapped one
/// pads with zeros and then selects, per example, its own value wherever
/// the padded result is padding.
func batchPad(_ xs: [Tensor], _ dims: [Int?], _ config: [PadConfig], _ c: BatchContext) -> (Tensor, Int) {
  let (x, xd, v, vd) = (xs[0], dims[0], xs[1], dims[1])
  guard let vd else {
    let d = xd!
    var cfg = config
    cfg.insert(PadConfig(low: 0, high: 0), at: d)
    return (c.bind1(.pad(config: cfg), [x, v]), d)
  }
  let x0 = c.atFront(x, xd)
  let cfg = [PadConfig(low: 0, high: 0)] + config
  let allTrue = c.bind1(.broadcastInDim(shape: x0.shape, broadcastDimensions: []), [c.scalar(.bool(true), .bool)])
  let isData = c.bind1(.pad(config: cfg), [allTrue, c.scalar(.bool(false), .bool)])
  let padded = c.bind1(.pad(config: cfg), [x0, c.scalar(.int(0), x.dtype)])
  let values = c.bind1(.broadcastInDim(shape: padded.shape, broadcastDimensions: [0]), [c.moveAxis(v, from: vd, to: 0)])
  // select_n picks case 0 where the predicate is false (padding).
  return (c.bind1(.selectN, [isData, values, padded]), 0)
}
