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
    let at = IndexSite(file: file, line: line, fill: fillForOutOfBounds)
    do {
      let (perAxis, newAxes) = try perAxisIndices(try expandingBoolMasks(items), rank: x.rank)
      var y = x
      if !newAxes.isEmpty { y = laxExpandDims(y, dimensions: newAxes, file: file, line: line) }
      let axes = try resolveAxes(perAxis, shape: y.shape, at)
      let hasArray = axes.contains { if case .array = $0 { return true }; return false }
      y = staticSlices(y, axes, hasArray: hasArray, at)
      if !hasArray { return scalarIndices(y, axes, at) }
      return try arrayIndices(y, axes, at)
    } catch IndexProblem.invalidOperand {
      return .invalid
    } catch IndexProblem.error(let kind, let message) {
      return fail(kind, "index", message, file: file, line: line)
    } catch {
      preconditionFailure("getItem: unexpected error \(error)")
    }
  }

  /// Where `getItem` was called, and its out-of-bounds fill.
  private struct IndexSite {
    let file: StaticString, line: UInt
    let fill: Double?
  }

  /// Why an index cannot be applied; `getItem` reports it.
  private enum IndexProblem: Error {
    /// An operand is already invalid (its error was reported).
    case invalidOperand
    case error(JAXError.Kind, String)
  }

  /// The items with each bool mask replaced by the integer arrays of its
  /// true positions (one per mask axis).
  private static func expandingBoolMasks(_ items: [TensorIndex.Kind]) throws -> [TensorIndex.Kind] {
    var expanded: [TensorIndex.Kind] = []
    for it in items {
      guard case .tensor(let t) = it, t.dtype.isBool else { expanded.append(it); continue }
      if t.isInvalid { throw IndexProblem.invalidOperand }
      guard let c = t.concrete else {
        throw IndexProblem.error(.concretization, "boolean mask indexing needs a concrete mask: the result's shape would depend on the values of the traced mask (abstract value \(t.aval)), and shapes must be static under jit/makeJaxpr. Use jnp.where(mask, x, fill) to keep the shape static, or compute the mask outside the transformation.")
      }
      if t.rank == 0 {
        throw IndexProblem.error(.index, "a 0-d boolean index is not supported; use jnp.where")
      }
      var positions = [[Int32]](repeating: [], count: t.rank)
      let strides = rowMajorStrides(t.shape)
      for i in 0..<c.count where c.element(i).asBool {
        var r = i
        for d in 0..<t.rank { positions[d].append(Int32(r / strides[d])); r %= strides[d] }
      }
      for p in positions { expanded.append(.tensor(Tensor(p))) }
    }
    return expanded
  }

  /// One index per axis of the operand after inserting its new axes: `...`
  /// (or the end) takes the axes no item consumes, and each `.newAxis`
  /// becomes a full slice of an axis to insert (returned too).
  private static func perAxisIndices(_ expanded: [TensorIndex.Kind], rank: Int) throws -> ([TensorIndex.Kind], newAxes: [Int]) {
    let consumed = expanded.filter { if case .ellipsis = $0 { return false }; if case .newAxis = $0 { return false }; return true }.count
    let ellipses = expanded.filter { if case .ellipsis = $0 { return true }; return false }.count
    if ellipses > 1 { throw IndexProblem.error(.index, "an index can only have a single ellipsis ('...'), got \(ellipses)") }
    if consumed > rank {
      throw IndexProblem.error(.index, "too many indices for array: array is \(rank)-dimensional, but \(consumed) were indexed")
    }
    let all = TensorIndex.Kind.slice(start: nil, stop: nil, step: nil)
    var perAxis: [TensorIndex.Kind] = []
    var newAxes: [Int] = []
    for it in expanded {
      switch it {
      case .ellipsis:
        for _ in 0..<(rank - consumed) { perAxis.append(all) }
      case .newAxis:
        newAxes.append(perAxis.count)
        perAxis.append(all)
      case .int, .slice, .tensor:
        perAxis.append(it)
      }
    }
    if ellipses == 0 { for _ in 0..<(rank - consumed) { perAxis.append(all) } }
    return (perAxis, newAxes)
  }

  /// Each axis's index resolved against its size.
  private static func resolveAxes(_ perAxis: [TensorIndex.Kind], shape: [Int], _ at: IndexSite) throws -> [AxisIndex] {
    var axes: [AxisIndex] = []
    for (d, it) in perAxis.enumerated() {
      let n = shape[d]
      switch it {
      case .int(let i):
        let j = i < 0 ? i + n : i
        if n == 0 { throw IndexProblem.error(.index, "index \(i) is out of bounds for axis \(d) with size 0") }
        if j < 0 || j >= n {
          // JAX treats an out-of-range static index like a traced one: the
          // read clamps (`arange(10)[11]` is 9, `[-11]` is 0) and `.at`
          // drops the update (the index goes through the dropping gather).
          if at.fill == nil {
            axes.append(.int(Swift.min(Swift.max(j, 0), n - 1)))
          } else {
            axes.append(.dynamic(scalar(Double(Swift.min(Swift.max(i, Int(Int32.min)), Int(Int32.max))), .int32)))
          }
          continue
        }
        axes.append(.int(j))
      case .slice(let s, let e, let st):
        guard let r = resolveSlice(s, e, st, n: n) else { throw IndexProblem.error(.index, "slice step cannot be zero") }
        axes.append(.slice(r))
      case .tensor(let t):
        if t.isInvalid { throw IndexProblem.invalidOperand }
        if !t.dtype.isInteger {
          throw IndexProblem.error(.index, "indices must be integers or bool masks, got a tensor of dtype \(t.dtype); convert with astype(.int32)")
        }
        axes.append(t.rank == 0 ? .dynamic(t) : .array(t))
      case .ellipsis, .newAxis:
        break
      }
    }
    return axes
  }

  /// Static slices and ints (ints only without array indices): one
  /// `slice`, after a `rev` for negative steps.
  private static func staticSlices(_ x: Tensor, _ axes: [AxisIndex], hasArray: Bool, _ at: IndexSite) -> Tensor {
    var y = x
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
      case .int, .dynamic, .array:
        start.append(0); limit.append(n); strides.append(1)
      }
    }
    if !revDims.isEmpty { y = Lax.rev(y, dimensions: revDims, file: at.file, line: at.line) }
    if start != [Int](repeating: 0, count: y.rank) || limit != y.shape || strides.contains(where: { $0 != 1 }) {
      y = Lax.slice(y, start: start, limit: limit, strides: strides.allSatisfy { $0 == 1 } ? nil : strides, file: at.file, line: at.line)
    }
    return y
  }

  /// Without array indices: traced scalar indices become a clamped
  /// `dynamic_slice` (a dropping gather for `.at`), then the indexed axes
  /// are squeezed.
  private static func scalarIndices(_ x: Tensor, _ axes: [AxisIndex], _ at: IndexSite) -> Tensor {
    let file = at.file, line = at.line
    var y = x
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
      if let fill = at.fill { return droppingScalarIndices(y, axes, dyn, sizes: sizes, fill: fill, at) }
      y = Lax.dynamicSlice(y, startIndices: starts, sliceSizes: sizes, file: file, line: line)
    }
    let squeezeDims = axes.indices.filter {
      switch axes[$0] {
      case .int, .dynamic: return true
      case .slice, .array: return false
      }
    }
    return Lax.squeeze(y, dimensions: squeezeDims, file: file, line: line)
  }

  /// `.at` drops out-of-range scalar updates: the scalar indices `dyn`
  /// go through a gather that fills out-of-range reads.
  private static func droppingScalarIndices(
    _ y: Tensor, _ axes: [AxisIndex], _ dyn: [Int], sizes: [Int], fill: Double, _ at: IndexSite
  ) -> Tensor {
    let file = at.file, line = at.line
    let idx = dyn.map { d -> Tensor in
      guard case .dynamic(let t) = axes[d] else { preconditionFailure("droppingScalarIndices: axis \(d) is not a scalar index") }
      return wrapNegative(Lax.convertElementType(t, .int32, file: file, line: line), y.shape[d], file: file, line: line)
    }
    let stacked = Lax.reshape(Lax.concatenate(idx.map { Lax.reshape($0, [1], file: file, line: line) }, dimension: 0, file: file, line: line), [dyn.count], file: file, line: line)
    let keepDims = (0..<y.rank).filter { !dyn.contains($0) }
    let dn = GatherDimensionNumbers(offsetDims: Array(0..<keepDims.count), collapsedSliceDims: dyn, startIndexMap: dyn)
    let g = Lax.gather(y, stacked, dimensionNumbers: dn, sliceSizes: sizes, mode: .fillOrDrop, fillValue: fill, file: file, line: line)
    let intDims = axes.indices.filter { if case .int = axes[$0] { return true }; return false }
    let remaining = keepDims.enumerated().filter { intDims.contains($0.element) }.map(\.offset)
    return Lax.squeeze(g, dimensions: remaining, file: file, line: line)
  }

  /// Integer arrays (ints and scalars count as 0-d arrays here): one
  /// gather over the indexed axes, with NumPy's placement of the index
  /// dimensions.
  private static func arrayIndices(_ y: Tensor, _ axes: [AxisIndex], _ at: IndexSite) throws -> Tensor {
    let file = at.file, line = at.line
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
      throw IndexProblem.error(.index, "shape mismatch: indexing arrays could not be broadcast together with shapes \(idxTensors.map { shapeString($0.shape) }.joined(separator: " "))")
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
      y, indices, dimensionNumbers: dn, sliceSizes: sizes, mode: at.fill == nil ? .clip : .fillOrDrop,
      fillValue: at.fill, file: file, line: line)
  }
}
