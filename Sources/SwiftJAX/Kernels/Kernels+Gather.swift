import CSwiftJAXKernels

// gather and scatter with XLA's full dimension numbers (including operand
// batching dims). Both walk the batch positions of the indices, compute
// each window's start in the operand, and move the window with one strided
// C call.

extension Kernels {
  /// The indices as Int64 (converted when they have another integer type).
  private static func int64Indices(_ idx: ConcreteArray) -> ConcreteArray {
    converted(idx, to: .int64)
  }

  /// Iterates row-major over `shape`, passing the multi-index and the
  /// linear position.
  @inline(__always)
  private static func forEachIndex(_ shape: [Int], _ body: ([Int], Int) -> Void) {
    let total = shape.reduce(1, *)
    if total == 0 { return }
    var idx = [Int](repeating: 0, count: shape.count)
    for linear in 0..<total {
      body(idx, linear)
      var k = shape.count - 1
      while k >= 0 {
        idx[k] += 1
        if idx[k] < shape[k] { break }
        idx[k] = 0
        k -= 1
      }
    }
  }

  /// The value out-of-bounds gathers read in fill mode: the given value, or
  /// JAX's default (NaN for floats, the minimum of signed and the maximum of
  /// unsigned integers, true for bool).
  static func gatherFill(_ dtype: DType, _ fill: Double?) -> ConcreteArray {
    let v = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: dtype))
    if let fill {
      v.setElement(0, .float(fill))
    } else if dtype.isInexact {
      v.setElement(0, .float(.nan))  // complex: nan+0j, as JAX's full_like(nan)
    } else if dtype.isSignedInteger {
      v.setElement(0, .int(Int64.min >> (64 - dtype.bitWidth)))
    } else if dtype.isUnsignedInteger {
      v.setElement(0, .uint(UInt64.max >> (64 - dtype.bitWidth)))
    } else {
      v.setElement(0, .bool(true))
    }
    return v
  }

  static func gather(
    _ x: ConcreteArray, _ indices: ConcreteArray, _ dn: GatherDimensionNumbers, _ sliceSizes: [Int],
    _ mode: GatherMode, _ fillValue: Double?, _ out: ShapedArray
  ) -> ConcreteArray {
    let y = alloc(out)
    if out.count == 0 { return y }
    let es = out.dtype.byteSize
    let xs = x.aval.shape
    let xstr = rowMajorStrides(xs)
    let ystr = rowMajorStrides(out.shape)
    let idx = int64Indices(indices)
    let ip = idx.pointer(as: Int64.self)
    let nIndex = dn.startIndexMap.count
    let batchShape = Array(indices.aval.shape.dropLast())
    let batchOutDims = (0..<out.rank).filter { !dn.offsetDims.contains($0) }
    let windowDims = (0..<xs.count).filter {
      !dn.collapsedSliceDims.contains($0) && !dn.operandBatchingDims.contains($0)
    }
    let windowShape = windowDims.map { sliceSizes[$0] }
    let windowSrc = windowDims.map { xstr[$0] }
    let windowDst = dn.offsetDims.map { ystr[$0] }
    let fill = mode == .fillOrDrop ? gatherFill(out.dtype, fillValue) : nil
    let zeros = [Int](repeating: 0, count: windowShape.count)
    var start = [Int](repeating: 0, count: xs.count)

    forEachIndex(batchShape) { b, linear in
      for k in 0..<nIndex { start[dn.startIndexMap[k]] = Int(ip[linear * nIndex + k]) }
      for (od, id) in zip(dn.operandBatchingDims, dn.startIndicesBatchingDims) { start[od] = b[id] }
      var inBounds = true
      for d in dn.startIndexMap {
        let hi = xs[d] - sliceSizes[d]
        if start[d] < 0 || start[d] > hi {
          inBounds = false
          start[d] = min(max(start[d], 0), hi)
        }
      }
      var dstOffset = 0
      for (j, d) in batchOutDims.enumerated() { dstOffset += b[j] * ystr[d] }
      let dst = y.data + dstOffset * es
      if let fill, !inBounds {
        copyStrided(elementSize: es, shape: windowShape, src: fill.data, srcStrides: zeros, dst: dst, dstStrides: windowDst)
        return
      }
      var srcOffset = 0
      for d in 0..<xs.count { srcOffset += start[d] * xstr[d] }
      copyStrided(
        elementSize: es, shape: windowShape, src: x.data + srcOffset * es, srcStrides: windowSrc,
        dst: dst, dstStrides: windowDst)
    }
    return y
  }

  /// Updates are applied in index order, so duplicate indices accumulate
  /// (add/mul/min/max) or the last one wins (set). Windows that do not fit
  /// are clamped in `clip` mode and dropped otherwise.
  static func scatter(
    _ op: ScatterOp, _ x: ConcreteArray, _ indices: ConcreteArray, _ updates: ConcreteArray,
    _ dn: ScatterDimensionNumbers, _ mode: GatherMode, _ out: ShapedArray
  ) -> ConcreteArray {
    let y = copyBytes(x, as: out)
    if updates.count == 0 || out.count == 0 { return y }
    let es = out.dtype.byteSize
    let xs = x.aval.shape
    let ystr = rowMajorStrides(xs)
    let us = updates.aval.shape
    let ustr = rowMajorStrides(us)
    let idx = int64Indices(indices)
    let ip = idx.pointer(as: Int64.self)
    let nIndex = dn.scatterDimsToOperandDims.count
    let batchShape = Array(indices.aval.shape.dropLast())
    let updateScatterDims = (0..<us.count).filter { !dn.updateWindowDims.contains($0) }
    let windowDims = (0..<xs.count).filter {
      !dn.insertedWindowDims.contains($0) && !dn.operandBatchingDims.contains($0)
    }
    let windowShape = dn.updateWindowDims.map { us[$0] }
    var windowSize = [Int](repeating: 1, count: xs.count)
    for (k, d) in windowDims.enumerated() { windowSize[d] = windowShape[k] }
    let windowSrc = dn.updateWindowDims.map { ustr[$0] }
    let windowDst = windowDims.map { ystr[$0] }
    var start = [Int](repeating: 0, count: xs.count)

    windowShape.withUnsafeBufferPointer { wShape in
      windowSrc.withUnsafeBufferPointer { wSrc in
        windowDst.withUnsafeBufferPointer { wDst in
          forEachIndex(batchShape) { b, linear in
            for d in 0..<xs.count { start[d] = 0 }
            for k in 0..<nIndex { start[dn.scatterDimsToOperandDims[k]] = Int(ip[linear * nIndex + k]) }
            for (od, id) in zip(dn.operandBatchingDims, dn.scatterIndicesBatchingDims) { start[od] = b[id] }
            if mode == .clip {
              for d in dn.scatterDimsToOperandDims { start[d] = min(max(start[d], 0), xs[d] - windowSize[d]) }
            } else {
              for d in 0..<xs.count where start[d] < 0 || start[d] + windowSize[d] > xs[d] { return }
            }
            var srcOffset = 0
            for (j, d) in updateScatterDims.enumerated() { srcOffset += b[j] * ustr[d] }
            var dstOffset = 0
            for d in 0..<xs.count { dstOffset += start[d] * ystr[d] }
            check(
              jx_scatter_combine(
                Int32(op.rawValue), out.dtype.rawValue, Int32(wShape.count), wShape.baseAddress,
                updates.data + srcOffset * es, wSrc.baseAddress, y.data + dstOffset * es, wDst.baseAddress),
              op.name)
          }
        }
      }
    }
    return y
  }
}
