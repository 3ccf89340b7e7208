import CSwiftJAXKernels

// conv_general_dilated and reduce_window on concrete buffers: Swift builds
// the integer descriptors (shared with the C lowering, so both call the
// same C kernels with the same layout) and the C code does the loops.

/// `jx_conv`'s descriptor (see CSwiftJAXKernels.h) for row-major operands.
func convDescriptor(_ lhs: [Int], _ rhs: [Int], _ out: [Int], _ p: ConvParams) -> [Int64] {
  let dn = p.dimensionNumbers
  let ls = rowMajorStrides(lhs), rs = rowMajorStrides(rhs), os = rowMajorStrides(out)
  var d: [Int] = [
    lhs.count - 2, lhs[dn.lhsSpec[0]], lhs[dn.lhsSpec[1]], rhs[dn.rhsSpec[0]], rhs[dn.rhsSpec[1]],
    p.featureGroupCount, p.batchGroupCount,
    ls[dn.lhsSpec[0]], ls[dn.lhsSpec[1]], rs[dn.rhsSpec[0]], rs[dn.rhsSpec[1]], os[dn.outSpec[0]], os[dn.outSpec[1]],
  ]
  for s in 0..<(lhs.count - 2) {
    let (l, r, o) = (dn.lhsSpec[s + 2], dn.rhsSpec[s + 2], dn.outSpec[s + 2])
    d += [lhs[l], rhs[r], out[o], p.windowStrides[s], p.padding[s].low, p.lhsDilation[s], p.rhsDilation[s], ls[l], rs[r], os[o]]
  }
  return d.map(Int64.init)
}

/// `jx_reduce_window`'s descriptor for a row-major operand.
func reduceWindowDescriptor(_ x: [Int], _ out: [Int], _ p: WindowParams) -> [Int64] {
  var d: [Int] = []
  for k in 0..<x.count {
    d += [x[k], p.windowDimensions[k], p.windowStrides[k], p.padding[k].low, p.baseDilation[k], p.windowDilation[k], out[k]]
  }
  return d.map(Int64.init)
}

extension Kernels {
  /// The thread pool's parallel loop as a C function pointer for `jx_conv`.
  static let parallelFor: jx_pfor_fn = { pool, n, fn, env in
    guard let fn else { return }
    let pool = Unmanaged<ThreadPool>.fromOpaque(pool!).takeUnretainedValue()
    pool.parallelFor(Int(n)) { lo, hi in fn(env, Int64(lo), Int64(hi)) }
  }

  static func conv(_ lhs: ConcreteArray, _ rhs: ConcreteArray, _ p: ConvParams, _ out: ShapedArray) -> ConcreteArray {
    // bfloat16 runs the float32 kernel and rounds once (float32
    // accumulation, as the float16 kernel and XLA:CPU do).
    if out.dtype == .bfloat16 {
      let wide = ShapedArray(shape: out.shape, dtype: .float32)
      let y = conv(converted(lhs, to: .float32), converted(rhs, to: .float32), p, wide)
      return convertElementType(y, out)
    }
    // preferred_element_type: compute in the output type, as XLA does.
    let l = converted(lhs, to: out.dtype), r = converted(rhs, to: out.dtype)
    let y = alloc(out)
    if out.count == 0 { return y }
    let desc = convDescriptor(lhs.aval.shape, rhs.aval.shape, out.shape, p)
    let pool = Unmanaged.passUnretained(ThreadPool.shared).toOpaque()
    check(jx_conv(out.dtype.rawValue, desc, l.data, r.data, y.data, parallelFor, pool), "conv_general_dilated")
    return y
  }

  static func reduceWindow(_ op: ReduceWindowOp, _ x: ConcreteArray, _ p: WindowParams, _ out: ShapedArray) -> ConcreteArray {
    // bfloat16: the float32 window fold, rounded once (max/min are exact).
    if x.aval.dtype == .bfloat16 {
      let wide = ShapedArray(shape: out.shape, dtype: .float32)
      return convertElementType(reduceWindow(op, converted(x, to: .float32), p, wide), out)
    }
    let y = alloc(out)
    if out.count == 0 { return y }
    if x.aval.rank == 0 {
      // A rank-0 window holds the one element.
      y.data.copyMemory(from: x.data, byteCount: out.byteCount)
      return y
    }
    let desc = reduceWindowDescriptor(x.aval.shape, out.shape, p)
    check(jx_reduce_window(Int32(op.rawValue), x.aval.dtype.rawValue, Int32(x.aval.rank), desc, x.data, y.data), op.name)
    return y
  }
}
