// dot_general: operands are brought into [batch, M, K] x [batch, K, N]
// form (by reading them transposed when their layout allows, else by a
// copy), then float32/float64 products go through the host's packed GEMM
// in the runtime table and other dtypes through a plain loop.

extension CRenderer {
  /// The sizes of a dot_general as a batch of matrix products and each
  /// operand's dimension order in [batch, M, K] x [batch, K, N] form.
  private struct DotLayout {
    let B: Int, M: Int, K: Int, N: Int
    /// lhs as [batch, free, contracting], and the transposed alternative
    /// [batch, contracting, free]; rhs as [batch, contracting, free] and
    /// [batch, free, contracting].
    let lhsOrder: [Int], lhsAlt: [Int], rhsOrder: [Int], rhsAlt: [Int]

    init(_ ls: [Int], _ rs: [Int], _ dn: DotDimensionNumbers) {
      let lFree = (0..<ls.count).filter { !dn.lhsContracting.contains($0) && !dn.lhsBatch.contains($0) }
      let rFree = (0..<rs.count).filter { !dn.rhsContracting.contains($0) && !dn.rhsBatch.contains($0) }
      B = dn.lhsBatch.map { ls[$0] }.elementCount
      M = lFree.map { ls[$0] }.elementCount
      K = dn.lhsContracting.map { ls[$0] }.elementCount
      N = rFree.map { rs[$0] }.elementCount
      lhsOrder = dn.lhsBatch + lFree + dn.lhsContracting
      lhsAlt = dn.lhsBatch + dn.lhsContracting + lFree
      rhsOrder = dn.rhsBatch + dn.rhsContracting + rFree
      rhsAlt = dn.rhsBatch + rFree + dn.rhsContracting
    }
  }

  /// `then`: a flat loop over the product's elements (outlined) that runs
  /// as the GEMM's epilogue (see Schedule+GemmEpilogue.swift), or after
  /// the product when the host's GEMM has no epilogue.
  func renderDot(_ e: Equation, _ dn: DotDimensionNumbers, then epilogue: OutlinedTask? = nil) -> [String] {
    let (l, r) = (e.inputs[0], e.inputs[1])
    let out = buf(e.outputs[0])
    touch(out)
    noteArrayLoop()
    let s = DotLayout(l.aval.shape, r.aval.shape, dn)
    var lines: [String] = []
    let em = Emitter(schedule, self, indent: "    ")
    let (A, ta) = dotOperand(l, s.lhsOrder, s.lhsAlt, into: &lines)
    let (Bm, tb) = dotOperand(r, s.rhsOrder, s.rhsAlt, into: &lines)
    let inT = l.aval.dtype
    // Element strides of the [M, K] and [K, N] matrices as stored.
    let (sam, sak) = ta ? (1, s.M) : (s.K, 1)
    let (sbk, sbn) = tb ? (1, s.K) : (s.N, 1)
    if out.count == 0 { return block(em.lines + lines) }
    if inT == out.dtype && (inT == .float32 || inT == .float64) {
      let (gemm, generic) = inT == .float32 ? ("sgemm", "jx_gemm_f32") : ("dgemm", "jx_gemm_f64")
      let (B, M, N, K) = (s.B, s.M, s.N, s.K)
      // One call for the whole batch: the host chooses between giving each
      // thread whole products and splitting every product.
      let args = "\(ta ? 1 : 0), \(tb ? 1 : 0), \(B), \(M), \(N), \(K), \(A), \(ta ? M : K), \(M * K), \(Bm), \(tb ? K : N), \(K * N), \(out.name), \(N), \(M * N)"
      var product = [
        "    if (rt->\(gemm)) rt->\(gemm)(\(args));",
        "    else for (int64_t bb = 0; bb < \(B); bb++)",
        "      \(generic)(\(M), \(N), \(K), \(A) + bb * \(M * K), \(sam), \(sak), \(Bm) + bb * \(K * N), \(sbk), \(sbn), \(out.name) + bb * \(M * N));",
      ]
      if let epilogue {
        product = [
          "    void *env_[] = \(epilogue.env);",
          "    if (rt->\(gemm)_then) rt->\(gemm)_then(\(args), \(epilogue.function), env_);",
          "    else {",
        ] + product.map { "  " + $0 } + [
          "      rt->parallel_for(rt->pool, \(B * M * N), \(epilogue.function), env_);",
          "    }",
        ]
      }
      return block(em.lines + lines + product)
    }
    let a = "\(A)[bb * \(s.M * s.K) + i * \(sam) + p * \(sak)]"
    let b = "\(Bm)[bb * \(s.K * s.N) + p * \(sbk) + j * \(sbn)]"
    lines += dotLoop(s, a, b, inT, out)
    if let epilogue {
      lines += ["    {", "      void *env_[] = \(epilogue.env);",
                "      rt->parallel_for(rt->pool, \(out.count), \(epilogue.function), env_);", "    }"]
    }
    return block(em.lines + lines)
  }

  /// The operand as a buffer in `order` (or `alt`, read transposed: the
  /// flag), copying it into `order` when neither is its layout.
  private func dotOperand(_ a: Atom, _ order: [Int], _ alt: [Int], into lines: inout [String]) -> (String, Bool) {
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

  /// The plain loop of the dtypes the GEMM does not take, with `a` and `b`
  /// the C element reads of A[bb, i, p] and B[bb, p, j]: it accumulates in
  /// the output type (integers wrap, float16 and bfloat16 accumulate in float32 with
  /// fused multiply-adds like the GEMM).
  private func dotLoop(_ s: DotLayout, _ a: String, _ b: String, _ inT: DType, _ out: Buf) -> [String] {
    let outT = out.dtype
    let ct = outT.cComputeType
    let conv = { (x: String) in convertExpression(inT.cLoad(x), from: inT, to: outT) }
    let (a, b) = (conv(a), conv(b))
    let step: String
    if outT.isFloatingPoint {
      step = "acc = \(outT == .float64 ? "fma" : "fmaf")(\(a), \(b), acc);"
    } else if outT == .bool {
      step = "acc = (uint8_t)(acc | (\(a) & \(b)));"
    } else {
      step = "acc = jx_add_\(outT.cSuffix)(acc, jx_mul_\(outT.cSuffix)(\(a), \(b)));"
    }
    let store = outT.cStore("acc")
    return [
      "    for (int64_t bb = 0; bb < \(s.B); bb++)",
      "      for (int64_t i = 0; i < \(s.M); i++)",
      "        for (int64_t j = 0; j < \(s.N); j++) {",
      "          \(ct) acc = 0;",
      "          for (int64_t p = 0; p < \(s.K); p++) \(step)",
      "          \(out.name)[bb * \(s.M * s.N) + i * \(s.N) + j] = \(store);",
      "        }",
    ]
  }
}
