// Batching of indexing primitives. Mapped start indices turn dynamic
// slices into gathers and dynamic updates into scatters, and gather/scatter
// over a mapped operand *and* mapped indices use XLA's operand/indices
// batching dimensions, as JAX does since 0.4.31.

/// `dynamic_slice`: with shared start indices, slice the whole batch axis;
/// with mapped ones, each example reads its own window, which is a gather.
func batchDynamicSlice(_ xs: [Tensor], _ dims: [Int?], _ sizes: [Int], _ c: BatchContext) -> (Tensor, Int) {
  let (x, xd) = (xs[0], dims[0])
  let idx = Array(xs.dropFirst())
  let idxDims = Array(dims.dropFirst())
  if idxDims.allSatisfy({ $0 == nil }) {
    // Only the operand is mapped (some operand is).
    let d = xd!
    var starts = idx
    starts.insert(c.scalar(.int(0), idx.first?.dtype ?? .int32), at: d)
    var newSizes = sizes
    newSizes.insert(c.size, at: d)
    return (c.bind1(.dynamicSlice(sliceSizes: newSizes), [x] + starts), d)
  }
  let n = sizes.count
  let dn = GatherDimensionNumbers(offsetDims: Array(0..<n), collapsedSliceDims: [], startIndexMap: Array(0..<n))
  // dynamic_slice clamps its start indices so the window fits: gather's
  // `clip` mode does the same.
  return batchGather(x, xd, c.indexMatrix(idx, idxDims), 0, dn, sizes, .clip, nil, c)
}

/// `dynamic_update_slice`: with shared start indices, update the whole
/// batch axis; with mapped ones, each example writes its own window, which
/// is a scatter.
func batchDynamicUpdateSlice(_ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> (Tensor, Int) {
  let (x, xd, u, ud) = (xs[0], dims[0], xs[1], dims[1])
  let idx = Array(xs.dropFirst(2))
  let idxDims = Array(dims.dropFirst(2))
  if idxDims.allSatisfy({ $0 == nil }) {
    let zero = c.scalar(.int(0), idx.first?.dtype ?? .int32)
    return (c.bind1(.dynamicUpdateSlice, [c.atFront(x, xd), c.atFront(u, ud), zero] + idx), 0)
  }
  let n = u.rank - (ud == nil ? 0 : 1)
  let dn = ScatterDimensionNumbers(
    updateWindowDims: Array(0..<n), insertedWindowDims: [], scatterDimsToOperandDims: Array(0..<n))
  return batchScatter(.set, [x, c.indexMatrix(idx, idxDims), u], [xd, 0, ud], dn, .clip, c)
}

/// `gather` (JAX's `_gather_batching_rule`).
func batchGather(
  _ x: Tensor, _ xd: Int?, _ idx: Tensor, _ id: Int?, _ dn: GatherDimensionNumbers,
  _ sliceSizes: [Int], _ mode: GatherMode, _ fill: Double?, _ c: BatchContext
) -> (Tensor, Int) {
  switch (xd, id) {
  case (let xd?, nil):
    // Every example gathers at the same indices: take the whole batch axis
    // as an extra offset dimension, first in the output.
    let dn2 = GatherDimensionNumbers(
      offsetDims: [0] + dn.offsetDims.shifted,
      collapsedSliceDims: dn.collapsedSliceDims.shifted,
      startIndexMap: dn.startIndexMap.shifted,
      operandBatchingDims: dn.operandBatchingDims.shifted,
      startIndicesBatchingDims: dn.startIndicesBatchingDims)
    let x0 = c.moveAxis(x, from: xd, to: 0)
    return (c.bind1(.gather(dn2, sliceSizes: [c.size] + sliceSizes, mode: mode, fillValue: fill), [x0, idx]), 0)

  case (nil, let id?):
    // One operand, many index sets: the batch axis of the indices is one
    // more batch axis of the output.
    let dn2 = GatherDimensionNumbers(
      offsetDims: dn.offsetDims.shifted,
      collapsedSliceDims: dn.collapsedSliceDims,
      startIndexMap: dn.startIndexMap,
      operandBatchingDims: dn.operandBatchingDims,
      startIndicesBatchingDims: dn.startIndicesBatchingDims.shifted)
    let i0 = c.moveAxis(idx, from: id, to: 0)
    return (c.bind1(.gather(dn2, sliceSizes: sliceSizes, mode: mode, fillValue: fill), [x, i0]), 0)

  case (let xd?, let id?):
    // Example k gathers from operand k with indices k: pair the two batch
    // axes as batching dimensions.
    let dn2 = GatherDimensionNumbers(
      offsetDims: dn.offsetDims.shifted,
      collapsedSliceDims: dn.collapsedSliceDims.shifted,
      startIndexMap: dn.startIndexMap.shifted,
      operandBatchingDims: [0] + dn.operandBatchingDims.shifted,
      startIndicesBatchingDims: [0] + dn.startIndicesBatchingDims.shifted)
    let x0 = c.moveAxis(x, from: xd, to: 0)
    let i0 = c.moveAxis(idx, from: id, to: 0)
    let sizes = [c.size == 0 ? 0 : 1] + sliceSizes
    return (c.bind1(.gather(dn2, sliceSizes: sizes, mode: mode, fillValue: fill), [x0, i0]), 0)

  case (nil, nil):
    // Not reached: the trace binds directly when nothing is mapped.
    return (c.bind1(.gather(dn, sliceSizes: sliceSizes, mode: mode, fillValue: fill), [x, idx]), 0)
  }
}

/// `scatter` and friends (JAX's `_scatter_batching_rule`): the operand
/// always gets a batch axis in front, since every example updates its own
/// copy.
func batchScatter(
  _ op: ScatterOp, _ xs: [Tensor], _ dims: [Int?], _ dn: ScatterDimensionNumbers,
  _ mode: GatherMode, _ c: BatchContext
) -> (Tensor, Int) {
  let x0 = c.atFront(xs[0], dims[0])
  let u0 = c.atFront(xs[2], dims[2])
  let prim: Primitive
  let idx: Tensor
  if let id = dims[1] {
    idx = c.moveAxis(xs[1], from: id, to: 0)
    prim = .scatter(
      op,
      ScatterDimensionNumbers(
        updateWindowDims: dn.updateWindowDims.shifted,
        insertedWindowDims: dn.insertedWindowDims.shifted,
        scatterDimsToOperandDims: dn.scatterDimsToOperandDims.shifted,
        operandBatchingDims: [0] + dn.operandBatchingDims.shifted,
        scatterIndicesBatchingDims: [0] + dn.scatterIndicesBatchingDims.shifted),
      mode: mode)
  } else {
    // Shared indices: the batch axis is one more (full-size) window axis.
    idx = xs[1]
    prim = .scatter(
      op,
      ScatterDimensionNumbers(
        updateWindowDims: [0] + dn.updateWindowDims.shifted,
        insertedWindowDims: dn.insertedWindowDims.shifted,
        scatterDimsToOperandDims: dn.scatterDimsToOperandDims.shifted,
        operandBatchingDims: dn.operandBatchingDims.shifted,
        scatterIndicesBatchingDims: dn.scatterIndicesBatchingDims),
      mode: mode)
  }
  return (c.bind1(prim, [x0, idx, u0]), 0)
}
