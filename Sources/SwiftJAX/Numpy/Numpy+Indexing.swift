// Lowering of NumPy indexing to primitives, as JAX does: static ints and
// slices become `slice` (+ `rev` for negative steps) and `squeeze`; traced
// scalar indices become `dynamic_slice`; integer arrays (and concrete bool
// masks, converted to the integer arrays of their true positions) become
// one `gather`, with NumPy's rule for where the broadcast index dimensions
// go (in place when the array indices are adjacent, else first).

extension Numpy {
  /// A resolved Python slice along an axis of size `n`: the elements
  /// `start, start + step, ...` (`count` of them).
  struct ResolvedSlice {
    var start: Int, step: Int, count: Int
  }

  /// Python's `slice.indices(n)` plus the element count.
  static func resolveSlice(_ start: Int?, _ stop: Int?, _ step: Int?, n: Int) -> ResolvedSlice? {
    let st = step ?? 1
    if st == 0 { return nil }
    func clampIdx(_ v: Int, _ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(v, lo), hi) }
    let s: Int, e: Int
    if st > 0 {
      s = start.map { clampIdx($0 < 0 ? $0 + n : $0, 0, n) } ?? 0
      e = stop.map { clampIdx($0 < 0 ? $0 + n : $0, 0, n) } ?? n
    } else {
      s = start.map { clampIdx($0 < 0 ? $0 + n : $0, -1, n - 1) } ?? n - 1
      e = stop.map { clampIdx($0 < 0 ? $0 + n : $0, -1, n - 1) } ?? -1
    }
    let count = st > 0 ? Swift.max(0, (e - s + st - 1) / st) : Swift.max(0, (s - e - st - 1) / -st)
    return ResolvedSlice(start: s, step: st, count: count)
  }

  /// One index per axis after expanding `...` and `.newAxis`.
  enum AxisIndex {
    case slice(ResolvedSlice)
    case int(Int)
    case dynamic(Tensor)  // traced or concrete 0-d integer tensor
    case array(Tensor)    // integer array
  }

  /// `x[items]`. With `fillForOutOfBounds`, array/dynamic indices out of
  /// range produce that value instead of clamping (used by `.at` so that
  /// out-of-range updates are dropped, as in JAX).
  static func getItem(
    _ x: Tensor, _ items: [TensorIndex.Kind], fillForOutOfBounds: Double? = nil, file: StaticString, line: UInt
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    func bad(_ kind: JAXError.Kind, _ msg: String) -> Tensor { fail(kind, "index", msg, file: file, line: line) }
    // Expand bool masks into integer arrays of their true positions.
    var expanded: [TensorIndex.Kind] = []
    for it in items {
      guard case .tensor(let t) = it, t.dtype.isBool else { expanded.append(it); continue }
      if t.isInvalid { return .invalid }
      guard let c = t.concrete else {
        return bad(.concretization, "boolean mask indexing needs a concrete mask: the result's shape would depend on the values of the traced mask (abstract value \(t.aval)), and shapes must be static under jit/makeJaxpr. Use jnp.where(mask, x, fill) to keep the shape static, or compute the mask outside the transformation.")
      }
      if t.rank == 0 {
        return bad(.index, "a 0-d boolean index is not supported; use jnp.where")
      }
      var positions = [[Int32]](repeating: [], count: t.rank)
      let strides = rowMajorStrides(t.shape)
      for i in 0..<c.count where c.element(i).asBool {
        var r = i
        for d in 0..<t.rank { positions[d].append(Int32(r / strides[d])); r %= strides[d] }
      }
      for p in positions { expanded.append(.tensor(Tensor(p))) }
    }
    // Count consumed axes, place `...`, and insert new axes up front.
    let consumed = expanded.filter { if case .ellipsis = $0 { return false }; if case .newAxis = $0 { return false }; return true }.count
    let ellipses = expanded.filter { if case .ellipsis = $0 { return true }; return false }.count
    if ellipses > 1 { return bad(.index, "an index can only have a single ellipsis ('...'), got \(ellipses)") }
    if consumed > x.rank {
      return bad(.index, "too many indices for array: array is \(x.rank)-dimensional, but \(consumed) were indexed")
    }
    var y = x
    var perAxis: [TensorIndex.Kind] = []
    var newAxes: [Int] = []
    for it in expanded {
      switch it {
      case .ellipsis:
        for _ in 0..<(x.rank - consumed) { perAxis.append(.slice(start: nil, stop: nil, step: nil)) }
      case .newAxis:
        newAxes.append(perAxis.count)
        perAxis.append(.slice(start: nil, stop: nil, step: nil))
      default:
        perAxis.append(it)
      }
    }
    if ellipses == 0 { for _ in 0..<(x.rank - consumed) { perAxis.append(.slice(start: nil, stop: nil, step: nil)) } }
    if !newAxes.isEmpty { y = laxExpandDims(y, dimensions: newAxes, file: file, line: line) }

    // Resolve each axis.
    var axes: [AxisIndex] = []
    for (d, it) in perAxis.enumerated() {
      let n = y.shape[d]
      switch it {
      case .int(let i):
        let j = i < 0 ? i + n : i
        if n == 0 { return bad(.index, "index \(i) is out of bounds for axis \(d) with size 0") }
        if j < 0 || j >= n {
          // JAX treats an out-of-range static index like a traced one: the
          // read clamps (`arange(10)[11]` is 9, `[-11]` is 0) and `.at`
          // drops the update (the index goes through the dropping gather).
          if fillForOutOfBounds == nil {
            axes.append(.int(Swift.min(Swift.max(j, 0), n - 1)))
          } else {
            axes.append(.dynamic(scalar(Double(Swift.min(Swift.max(i, Int(Int32.min)), Int(Int32.max))), .int32)))
          }
          continue
        }
        axes.append(.int(j))
      case .slice(let s, let e, let st):
        guard let r = resolveSlice(s, e, st, n: n) else { return bad(.index, "slice step cannot be zero") }
        axes.append(.slice(r))
      case .tensor(let t):
        if t.isInvalid { return .invalid }
        if !t.dtype.isInteger {
          return bad(.index, "indices must be integers or bool masks, got a tensor of dtype \(t.dtype); convert with astype(.int32)")
        }
        axes.append(t.rank == 0 ? .dynamic(t) : .array(t))
      case .ellipsis, .newAxis:
        break
      }
    }
    let hasArray = axes.contains { if case .array = $0 { return true }; return false }

    // 1. Static slices and ints: one `slice`, then `rev` for negative steps.
    var start: [Int] = [], limit: [Int] = [], strides: [Int] = [], revDims: [Int] = []
    for (d, a) in axes.enumerated() {
      let n = y.shape[d]
      switch a {
      case .int(let j) where !hasArray:
        start.append(j); limit.append(j + 1); strides.append(1)
      case .slice(let r) where r.count == 0:
        start.append(0); limit.append(0); strides.append(1)
      case .slice(let r):
        let s = r.step > 0 ? r.start : n - 1 - r.start
        let step = Swift.abs(r.step)
        start.append(s); limit.append(s + (r.count - 1) * step + 1); strides.append(step)
        if r.step < 0 { revDims.append(d) }
      default:
        start.append(0); limit.append(n); strides.append(1)
      }
    }
    if !revDims.isEmpty { y = Lax.rev(y, dimensions: revDims, file: file, line: line) }
    if start != [Int](repeating: 0, count: y.rank) || limit != y.shape || strides.contains(where: { $0 != 1 }) {
      y = Lax.slice(y, start: start, limit: limit, strides: strides.allSatisfy { $0 == 1 } ? nil : strides, file: file, line: line)
    }

    if !hasArray {
      // 2. Traced scalar indices: `dynamic_slice` (clamped), then squeeze.
      let dyn = axes.indices.filter { if case .dynamic = axes[$0] { return true }; return false }
      if !dyn.isEmpty {
        var starts: [Tensor] = []
        var sizes = y.shape
        for (d, a) in axes.enumerated() {
          if case .dynamic(let t) = a {
            let i = Lax.convertElementType(t, .int32, file: file, line: line)
            starts.append(wrapNegative(i, y.shape[d], file: file, line: line))
            sizes[d] = 1
          } else {
            starts.append(scalar(0, .int32))
          }
        }
        if let fill = fillForOutOfBounds {
          // `.at` drops out-of-range scalar updates: route through gather.
          let idx = dyn.map { d -> Tensor in
            guard case .dynamic(let t) = axes[d] else { fatalError() }
            return wrapNegative(Lax.convertElementType(t, .int32, file: file, line: line), y.shape[d], file: file, line: line)
          }
          let stacked = Lax.reshape(Lax.concatenate(idx.map { Lax.reshape($0, [1], file: file, line: line) }, dimension: 0, file: file, line: line), [dyn.count], file: file, line: line)
          let keepDims = (0..<y.rank).filter { !dyn.contains($0) }
          let dn = GatherDimensionNumbers(offsetDims: Array(0..<keepDims.count), collapsedSliceDims: dyn, startIndexMap: dyn)
          y = Lax.gather(y, stacked, dimensionNumbers: dn, sliceSizes: sizes, mode: .fillOrDrop, fillValue: fill, file: file, line: line)
          let intDims = axes.indices.filter { if case .int = axes[$0] { return true }; return false }
          let remaining = keepDims.enumerated().filter { intDims.contains($0.element) }.map(\.offset)
          return Lax.squeeze(y, dimensions: remaining, file: file, line: line)
        }
        y = Lax.dynamicSlice(y, startIndices: starts, sliceSizes: sizes, file: file, line: line)
      }
      let squeezeDims = axes.indices.filter {
        switch axes[$0] {
        case .int, .dynamic: return true
        default: return false
        }
      }
      return Lax.squeeze(y, dimensions: squeezeDims, file: file, line: line)
    }

    // 3. Integer arrays (ints and scalars count as 0-d arrays here): one
    // gather over the indexed axes, NumPy's placement of the index dims.
    var advDims: [Int] = []
    var idxTensors: [Tensor] = []
    for (d, a) in axes.enumerated() {
      let n = y.shape[d]
      switch a {
      case .int(let j): advDims.append(d); idxTensors.append(scalar(Double(j), .int32))
      case .dynamic(let t), .array(let t):
        advDims.append(d)
        idxTensors.append(wrapNegative(Lax.convertElementType(t, .int32, file: file, line: line), n, file: file, line: line))
      case .slice: break
      }
    }
    guard let bshape = broadcastShapes(idxTensors.map(\.shape)) else {
      return bad(.index, "shape mismatch: indexing arrays could not be broadcast together with shapes \(idxTensors.map { shapeString($0.shape) }.joined(separator: " "))")
    }
    let adjacent = advDims.last! - advDims.first! == advDims.count - 1
    let cols = idxTensors.map { laxExpandDims(broadcastRanked($0, to: bshape, file: file, line: line), dimensions: [bshape.count], file: file, line: line) }
    let indices = cols.count == 1 ? cols[0] : Lax.concatenate(cols, dimension: bshape.count, file: file, line: line)
    let rest = (0..<y.rank).filter { !advDims.contains($0) }
    let firstPos = adjacent ? rest.filter { $0 < advDims[0] }.count : 0
    let offsetDims = (0..<rest.count).map { $0 < firstPos ? $0 : $0 + bshape.count }
    var sizes = y.shape
    for d in advDims { sizes[d] = 1 }
    let dn = GatherDimensionNumbers(offsetDims: offsetDims, collapsedSliceDims: advDims, startIndexMap: advDims)
    return Lax.gather(
      y, indices, dimensionNumbers: dn, sliceSizes: sizes, mode: fillForOutOfBounds == nil ? .clip : .fillOrDrop,
      fillValue: fillForOutOfBounds, file: file, line: line)
  }
}
