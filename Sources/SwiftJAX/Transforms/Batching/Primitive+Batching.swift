// The batching rule of every primitive (JAX's `primitive_batchers`), as one
// exhaustive switch: adding a primitive makes the compiler ask for its rule.
// Rules receive the batched operands and their batch axes (nil: unmapped;
// at least one is mapped) and bind primitives on them.

extension Primitive {
  /// Applies this primitive to batched operands `xs` whose batch axes are
  /// `dims`, returning the batched outputs and their batch axes.
  func batch(_ xs: [Tensor], _ dims: [Int?], size: Int, axisName: String? = nil, site: CallSite?) -> ([Tensor], [Int?]) {
    let c = BatchContext(size: size, site: site, axisName: axisName)
    func one(_ x: Tensor, _ d: Int?) -> ([Tensor], [Int?]) { ([x], [d]) }
    func one(contentsOf r: (Tensor, Int)) -> ([Tensor], [Int?]) { ([r.0], [r.1]) }

    switch self {
    // Elementwise on one operand: the batch axis stays where it is.
    case .unary, .integerPow, .convertElementType: return one(c.bind1(self, xs), dims[0])
    // Several operands: brought to one batch axis, which the result keeps.
    case .binary, .compare:
      let (ys, d) = c.matchBroadcasting(xs, dims)
      return one(c.bind1(self, ys), d)
    case .selectN:
      let (ys, d) = selectNOperands(xs, dims, c)
      return one(c.bind1(self, ys), d)
    case .clamp:
      let (ys, d) = c.matchElementwise(xs, dims, mayStayScalar: [true, false, true])
      return one(c.bind1(self, ys), d)
    case .bitcastConvertType(let to): return batchBitcast(to, xs[0], dims[0], c)
    // No operands, so never mapped; kept for exhaustiveness.
    case .iota: return (bind(self, xs, site: site), [nil])

    // Moving elements: the same move around the batch axis.
    case .broadcastInDim(let shape, let bdims):
      let x = c.atFront(xs[0], dims[0])
      return one(c.bind1(.broadcastInDim(shape: [size] + shape, broadcastDimensions: [0] + bdims.shifted), [x]), 0)
    case .reshape(let newSizes):
      return one(c.bind1(.reshape(newSizes: [size] + newSizes), [c.atFront(xs[0], dims[0])]), 0)
    case .transpose(let perm):
      let d = dims[0]!
      return one(c.bind1(.transpose(permutation: [d] + perm.bumped(past: d)), xs), 0)
    case .squeeze(let sq):
      let d = dims[0]!
      return one(c.bind1(.squeeze(dimensions: sq.bumped(past: d)), xs), d - sq.filter { $0 < d }.count)
    case .expandDims(let ed):
      return one(c.bind1(.expandDims(dimensions: ed.shifted), [c.atFront(xs[0], dims[0])]), 0)
    case .rev(let rd):
      return one(c.bind1(.rev(dimensions: rd.bumped(past: dims[0]!)), xs), dims[0]!)
    case .slice(let start, let limit, let strides):
      return one(c.bind1(batchedSlice(start, limit, strides, at: dims[0]!, size: size), xs), dims[0]!)
    case .concatenate(let dim):
      let ys = zip(xs, dims).map { c.atFront($0, $1) }
      return one(c.bind1(.concatenate(dimension: dim + 1), ys), 0)
    case .dynamicSlice(let sizes): return one(contentsOf: batchDynamicSlice(xs, dims, sizes, c))
    case .dynamicUpdateSlice: return one(contentsOf: batchDynamicUpdateSlice(xs, dims, c))
    case .pad(let config): return one(contentsOf: batchPad(xs, dims, config, c))
    case .gather(let dn, let sliceSizes, let mode, let fill):
      return one(contentsOf: batchGather(xs[0], dims[0], xs[1], dims[1], dn, sliceSizes, mode, fill, c))
    case .scatter(let op, let dn, let mode): return one(contentsOf: batchScatter(op, xs, dims, dn, mode, c))

    // Along axes: the axes renumbered around the batch axis.
    case .reduce(let op, let axes):
      let d = dims[0]!
      return one(c.bind1(.reduce(op, axes: axes.bumped(past: d)), xs), d - axes.filter { $0 < d }.count)
    case .argReduce(let op, let axis, let indexDType):
      let d = dims[0]!
      return one(c.bind1(.argReduce(op, axis: axis < d ? axis : axis + 1, indexDType: indexDType), xs), axis < d ? d - 1 : d)
    case .cumulative(let op, let axis, let reverse):
      let d = dims[0]!
      return one(c.bind1(.cumulative(op, axis: axis < d ? axis : axis + 1, reverse: reverse), xs), d)
    case .dotGeneral(let dn, let preferred): return one(contentsOf: batchDotGeneral(xs, dims, dn, preferred, c))
    // fft acts on trailing axes: a leading batch axis is left alone.
    case .fft: return one(c.bind1(self, [c.atFront(xs[0], dims[0])]), 0)
    case .convGeneralDilated(let p): return one(contentsOf: batchConv(xs, dims, p, c))
    case .reduceWindow(let op, let p): return one(contentsOf: batchReduceWindow(op, xs[0], dims[0]!, p, c))
    case .sort(let dimension, let isStable, let numKeys): return batchSort(dimension, isStable, numKeys, xs, dims, c)

    case .scan(let p): return batchScan(p, xs, dims, c)
    case .whileLoop(let p): return batchWhile(p, xs, dims, c)
    case .cond(let p): return batchCond(p, xs, dims, c)
    case .custom(let call): return batchCustom(call, xs, dims, c)
    case .hostCallback(let h): return h.batch(xs, dims, c)
    case .collective(let coll): return coll.batchOtherAxis(xs, dims, c)
    }
  }
}

/// A size-changing bitcast adds or drops the last axis; the batch axis is
/// kept out of its way.
private func batchBitcast(_ to: DType, _ x: Tensor, _ d: Int?, _ c: BatchContext) -> ([Tensor], [Int?]) {
  if x.dtype.byteSize == to.byteSize { return ([c.bind1(.bitcastConvertType(to), [x])], [d]) }
  return ([c.bind1(.bitcastConvertType(to), [c.atFront(x, d)])], [0])
}

/// select_n's operands brought to one batch axis: the cases must end up
/// with identical shapes; `which` may stay a scalar only if it is shared
/// by the whole batch.
private func selectNOperands(_ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> ([Tensor], Int?) {
  let stay = [true] + Array(repeating: false, count: xs.count - 1)
  if dims[0] == nil && xs[0].rank == 0 {
    let (cases, d) = c.matchElementwise(Array(xs.dropFirst()), Array(dims.dropFirst()), mayStayScalar: Array(stay.dropFirst()))
    return ([xs[0]] + cases, d)
  }
  return c.matchElementwise(xs, dims, mayStayScalar: stay)
}

/// The slice with the whole batch axis `d` (of length `size`) inserted.
private func batchedSlice(_ start: [Int], _ limit: [Int], _ strides: [Int]?, at d: Int, size: Int) -> Primitive {
  var (start, limit, strides) = (start, limit, strides)
  start.insert(0, at: d)
  limit.insert(size, at: d)
  strides?.insert(1, at: d)
  return .slice(start: start, limit: limit, strides: strides)
}

/// Sorts every operand along the same axis: they get one batch axis.
private func batchSort(
  _ dimension: Int, _ isStable: Bool, _ numKeys: Int, _ xs: [Tensor], _ dims: [Int?], _ c: BatchContext
) -> ([Tensor], [Int?]) {
  let d = dims.first { $0 != nil }!!
  let ys = zip(xs, dims).map { c.materialize($0, $1, at: d) }
  let sort = Primitive.sort(dimension: dimension < d ? dimension : dimension + 1, isStable: isStable, numKeys: numKeys)
  let outs = bind(sort, ys, site: c.site)
  return (outs, Array(repeating: d, count: outs.count))
}
