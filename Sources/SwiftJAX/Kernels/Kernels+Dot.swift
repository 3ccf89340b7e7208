import CSwiftJAXKernels

// dot_general as a batched matmul: the lhs is brought to
// [batch, free, contracting] and the rhs to [batch, contracting, free]
// (no copy when they are already laid out so, e.g. a plain matmul), and
// the result [batch, lhs free, rhs free] is exactly the output layout.

extension Kernels {
  static func dotGeneral(
    _ lhs: ConcreteArray, _ rhs: ConcreteArray, _ dn: DotDimensionNumbers, _ out: ShapedArray
  ) -> ConcreteArray {
    // preferred_element_type: accumulate in the output type, as XLA does.
    let l = converted(lhs, to: out.dtype)
    let r = converted(rhs, to: out.dtype)
    let ls = lhs.aval.shape, rs = rhs.aval.shape
    let nb = dn.lhsBatch.count, nc = dn.lhsContracting.count
    // Fast path (no index arrays, no copies): lhs is already
    // [batch..., free..., contracting...] and rhs [batch..., contracting..., free...].
    var inPlace = true
    for q in 0..<nb where dn.lhsBatch[q] != q || dn.rhsBatch[q] != q { inPlace = false }
    for q in 0..<nc where dn.lhsContracting[q] != ls.count - nc + q || dn.rhsContracting[q] != nb + q { inPlace = false }
    if inPlace {
      let batch = product(ls, 0..<nb)
      let m = product(ls, nb..<(ls.count - nc))
      let k = product(ls, (ls.count - nc)..<ls.count)
      let n = product(rs, (nb + nc)..<rs.count)
      return matmul(l, r, batch: batch, m: m, n: n, k: k, out)
    }
    var lFree: [Int] = []
    for d in 0..<ls.count where !dn.lhsContracting.contains(d) && !dn.lhsBatch.contains(d) { lFree.append(d) }
    var rFree: [Int] = []
    for d in 0..<rs.count where !dn.rhsContracting.contains(d) && !dn.rhsBatch.contains(d) { rFree.append(d) }
    var batch = 1, m = 1, n = 1, k = 1
    for d in dn.lhsBatch { batch *= ls[d] }
    for d in lFree { m *= ls[d] }
    for d in rFree { n *= rs[d] }
    for d in dn.lhsContracting { k *= ls[d] }
    if out.count == 0 || k == 0 { return matmul(l, r, batch: batch, m: m, n: n, k: k, out) }
    let a = transposed(l, dn.lhsBatch + lFree + dn.lhsContracting)
    let b = transposed(r, dn.rhsBatch + dn.rhsContracting + rFree)
    return matmul(a, b, batch: batch, m: m, n: n, k: k, out)
  }

  /// `out[q] = a[q] (m x k) * b[q] (k x n)` on row-major operands.
  private static func matmul(
    _ a: ConcreteArray, _ b: ConcreteArray, batch: Int, m: Int, n: Int, k: Int, _ out: ShapedArray
  ) -> ConcreteArray {
    let y = alloc(out)
    if out.count == 0 { return y }
    if k == 0 {
      // An empty contraction is a sum of nothing: zeros (all-zero bytes
      // for every dtype).
      y.data.initializeMemory(as: UInt8.self, repeating: 0, count: out.byteCount)
      return y
    }
    check(
      jx_batched_matmul(
        out.dtype.rawValue, batch, m, n, k, a.data, b.data, y.data, ThreadPool.kernelThreads, parallelFor,
        ThreadPool.sharedOpaque),
      "dot_general")
    return y
  }
}
