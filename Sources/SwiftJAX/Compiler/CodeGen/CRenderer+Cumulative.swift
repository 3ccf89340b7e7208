// Native cumulative reductions (cumsum, cumprod, cummax, cummin,
// cumlogsumexp) in the eager kernel's order (CSwiftJAXKernels reduce.c,
// which follows XLA's reduce_window lowering), so results match it bit for
// bit: forward, a running accumulator walks the axis; reverse float sums,
// products and logsumexp fold each output's window x[i...n-1] from x[i]
// upwards (O(n^2), as XLA); other reverse folds are order-free and walk
// backwards. float16 and bfloat16 accumulate in float, rounded every step.

extension CRenderer {
  func renderCumulative(_ e: Equation, _ op: CumulativeOp, _ axis: Int, _ reverse: Bool) -> [String] {
    let out = buf(e.outputs[0])
    let x = e.inputs[0]
    let s = x.aval.shape
    let d = out.dtype
    // The eager kernel computes a non-float logsumexp in float64 (JAX
    // rejects it); not worth native code.
    if op == .logsumexp && !d.isInexact { return renderCallback(e) }
    touch(out)
    if out.count == 0 { return block([]) }
    let (open, close, idx, ind) = loopNest(Array(s[..<axis]) + Array(s[(axis + 1)...]), indent: "    ")
    let acc = freshName("acc"), j = freshName("j"), i = freshName("i")
    let reduceOp: ReduceOp? = switch op {
    case .sum: .sum
    case .prod: .prod
    case .max: .max
    case .min: .min
    case .logsumexp: nil
    }
    let initial = d.isComplex ? complexInit(op, d) : reduceOp.map { reduceInit($0, d) } ?? "(-(\(d.cComputeType))INFINITY)"
    let combine = { (acc: String, v: String) -> String in
      let lae = d.isComplex ? "jx_clogaddexp_\(d.cSuffix)" : d == .float64 ? "jx_logaddexp" : "jx_logaddexpf"
      let c = reduceOp.map { self.reduceCombine($0, d, acc, v) } ?? "\(lae)(\(acc), \(v))"
      return d.cRound(c)
    }
    // Complex max/min too: their NaN handling depends on the fold order.
    if reverse && (d.isComplex || (d.isFloatingPoint && op != .max && op != .min)) {
      return renderReverseWindow(e, s, axis, initial, combine)
    }
    var lines = open
    lines.append("\(ind)\(d.cComputeType) \(acc) = \(initial);")
    lines.append("\(ind)for (int64_t \(j) = 0; \(j) < \(s[axis]); \(j)++) {")
    lines.append("\(ind)  const int64_t \(i) = \(reverse ? "\(s[axis] - 1) - \(j)" : j);")
    let em = Emitter(schedule, self, indent: ind + "  ")
    let at = Index(shape: s, multi: Array(idx[..<axis]) + [.e(i)] + Array(idx[axis...]))
    let v = em.value(x, at)
    em.line("\(acc) = \(combine(acc, v));")
    em.store(out, at.flat, acc)
    lines += em.lines + ["\(ind)}"] + close
    return block(lines)
  }

  /// The fold's identity for complex operands, as XLA's (and the eager
  /// kernel's): 0, 1, -inf+0i, +inf+0i (not `-(jx_c64)INFINITY`, whose
  /// imaginary part is -0).
  private func complexInit(_ op: CumulativeOp, _ d: DType) -> String {
    let r = d.realPart.cType
    switch op {
    case .sum: return "jx_cmake_\(d.cSuffix)((\(r))0, (\(r))0)"
    case .prod: return "jx_cmake_\(d.cSuffix)((\(r))1, (\(r))0)"
    case .max, .logsumexp: return "jx_cmake_\(d.cSuffix)(-(\(r))INFINITY, (\(r))0)"
    case .min: return "jx_cmake_\(d.cSuffix)((\(r))INFINITY, (\(r))0)"
    }
  }

  /// Reverse float folds in XLA's order: out[i] = ((init op x[i]) op x[i+1]) ... op x[n-1].
  private func renderReverseWindow(
    _ e: Equation, _ s: [Int], _ axis: Int, _ initial: String, _ combine: (String, String) -> String
  ) -> [String] {
    let out = buf(e.outputs[0])
    let (open, close, idx, ind) = loopNest(Array(s[..<axis]) + Array(s[(axis + 1)...]), indent: "    ")
    let acc = freshName("acc"), i = freshName("i"), j = freshName("j")
    var lines = open
    lines.append("\(ind)for (int64_t \(i) = 0; \(i) < \(s[axis]); \(i)++) {")
    lines.append("\(ind)  \(out.dtype.cComputeType) \(acc) = \(initial);")
    lines.append("\(ind)  for (int64_t \(j) = \(i); \(j) < \(s[axis]); \(j)++) {")
    let inner = Emitter(schedule, self, indent: ind + "    ")
    let v = inner.value(e.inputs[0], Index(shape: s, multi: Array(idx[..<axis]) + [.e(j)] + Array(idx[axis...])))
    inner.line("\(acc) = \(combine(acc, v));")
    lines += inner.lines + ["\(ind)  }"]
    let em = Emitter(schedule, self, indent: ind + "  ")
    em.store(out, Index(shape: s, multi: Array(idx[..<axis]) + [.e(i)] + Array(idx[axis...])).flat, acc)
    lines += em.lines + ["\(ind)}"] + close
    return block(lines)
  }
}
