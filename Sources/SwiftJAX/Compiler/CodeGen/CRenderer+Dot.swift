// dot_general: operands are brought into [batch, M, K] x [batch, K, N]
// form (by reading them transposed when their layout allows, else by a
// copy), then float32/float64 products go through the host's packed GEMM
// in the runtime table and other dtypes through a plain loop.

extension CRenderer {
  /// A pointer expression to `a`'s elements (literals get a local array).
  func pointer(_ a: Atom, into lines: inout [String]) -> Buf? {
    switch a {
    case .v(let v):
      let b = buf(v)
      touch(b)
      return b
    case .literal:
      return nil
    }
  }

  func renderDot(_ e: Equation, _ dn: DotDimensionNumbers) -> [String] {
    let (l, r) = (e.inputs[0], e.inputs[1])
    let out = buf(e.outputs[0])
    touch(out)
    noteArrayLoop()
    let ls = l.aval.shape, rs = r.aval.shape
    let lFree = (0..<ls.count).filter { !dn.lhsContracting.contains($0) && !dn.lhsBatch.contains($0) }
    let rFree = (0..<rs.count).filter { !dn.rhsContracting.contains($0) && !dn.rhsBatch.contains($0) }
    let B = dn.lhsBatch.map { ls[$0] }.elementCount
    let M = lFree.map { ls[$0] }.elementCount
    let K = dn.lhsContracting.map { ls[$0] }.elementCount
    let N = rFree.map { rs[$0] }.elementCount
    var lines: [String] = []
    let em = Emitter(schedule, self, indent: "    ")

    /// The operand as a buffer in `order` (or `alt`, read transposed).
    func operand(_ a: Atom, _ order: [Int], _ alt: [Int]) -> (String, Bool) {
      let rank = a.aval.rank
      if case .v(let v) = a {
        let b = buf(v)
        touch(b)
        if order == Array(0..<rank) { return (b.name, false) }
        if alt == Array(0..<rank) { return (b.name, true) }
      }
      // Copy into `order`: destination index k runs over source dim order[k].
      let shape = a.aval.shape
      let tmp = schedule.newBuf(ShapedArray(shape: order.map { shape[$0] }, dtype: a.aval.dtype), .scratch)
      touch(tmp)
      let (open, close, idx, ind) = loopNest(order.map { shape[$0] }, indent: "    ")
      var m = [IE](repeating: .c(0), count: rank)
      for (k, d) in order.enumerated() { m[d] = idx[k] }
      let inner = Emitter(schedule, self, indent: ind)
      let x = inner.value(a, Index(shape: shape, multi: m))
      inner.store(tmp, Index(shape: order.map { shape[$0] }, multi: idx).flat, x)
      lines += open + inner.lines + close
      return (tmp.name, false)
    }

    let (A, ta) = operand(l, dn.lhsBatch + lFree + dn.lhsContracting, dn.lhsBatch + dn.lhsContracting + lFree)
    let (Bm, tb) = operand(r, dn.rhsBatch + dn.rhsContracting + rFree, dn.rhsBatch + rFree + dn.rhsContracting)
    let inT = l.aval.dtype, outT = out.dtype
    let (sam, sak) = ta ? (1, M) : (K, 1)
    let (sbk, sbn) = tb ? (1, N == 0 ? 1 : K) : (N, 1)
    let sbnFixed = tb ? K : 1
    _ = sbn
    if out.count == 0 { return block(em.lines + lines) }
    if inT == outT && (inT == .float32 || inT == .float64) {
      let (gemm, generic) = inT == .float32 ? ("sgemm", "jx_gemm_f32") : ("dgemm", "jx_gemm_f64")
      // One call for the whole batch: the host chooses between giving each
      // thread whole products and splitting every product.
      lines.append("    if (rt->\(gemm)) rt->\(gemm)(\(ta ? 1 : 0), \(tb ? 1 : 0), \(B), \(M), \(N), \(K), \(A), \(ta ? M : K), \(M * K), \(Bm), \(tb ? K : N), \(K * N), \(out.name), \(N), \(M * N));")
      lines.append("    else for (int64_t bb = 0; bb < \(B); bb++)")
      lines.append("      \(generic)(\(M), \(N), \(K), \(A) + bb * \(M * K), \(sam), \(sak), \(Bm) + bb * \(K * N), \(sbk), \(sbnFixed), \(out.name) + bb * \(M * N));")
      return block(em.lines + lines)
    }
    // Other dtypes: accumulate in the output type (integers wrap, float16
    // accumulates in float32 with fused multiply-adds like the GEMM).
    let ct = outT.cComputeType
    let conv = { (x: String) in convertExpression(inT == .float16 ? "(float)\(x)" : x, from: inT, to: outT) }
    let a = conv("\(A)[bb * \(M * K) + i * \(sam) + p * \(sak)]")
    let b = conv("\(Bm)[bb * \(K * N) + p * \(sbk) + j * \(sbnFixed)]")
    let step: String
    if outT.isFloatingPoint {
      step = "acc = \(outT == .float64 ? "fma" : "fmaf")(\(a), \(b), acc);"
    } else if outT == .bool {
      step = "acc = (uint8_t)(acc | (\(a) & \(b)));"
    } else {
      step = "acc = jx_add_\(outT.cSuffix)(acc, jx_mul_\(outT.cSuffix)(\(a), \(b)));"
    }
    let store = outT == .float16 ? "(jx_f16)acc" : "acc"
    lines += [
      "    for (int64_t bb = 0; bb < \(B); bb++)",
      "      for (int64_t i = 0; i < \(M); i++)",
      "        for (int64_t j = 0; j < \(N); j++) {",
      "          \(ct) acc = 0;",
      "          for (int64_t p = 0; p < \(K); p++) \(step)",
      "          \(out.name)[bb * \(M * N) + i * \(N) + j] = \(store);",
      "        }",
    ]
    return block(em.lines + lines)
  }
}
