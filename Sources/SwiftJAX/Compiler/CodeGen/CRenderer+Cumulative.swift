// Native cumulative reductions (cumsum, cumprod, cummax, cummin,
// cumlogsumexp): for each position off the axis, a running accumulator
// walks the axis (backwards with `reverse`) and stores every prefix, in the
// eager kernel's order and accumulator type (float for float16, unrounded
// between steps), so results match it bit for bit.

extension CRenderer {
  func renderCumulative(_ e: Equation, _ op: CumulativeOp, _ axis: Int, _ reverse: Bool) -> [String] {
    let out = buf(e.outputs[0])
    let x = e.inputs[0]
    let s = x.aval.shape
    let d = out.dtype
    // The eager kernel computes a non-float logsumexp in float64 (JAX
    // rejects it); not worth native code.
    if op == .logsumexp && !d.isFloatingPoint { return renderCallback(e) }
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
    let initial = reduceOp.map { reduceInit($0, d) } ?? "(-(\(d.cComputeType))INFINITY)"
    var lines = open
    lines.append("\(ind)\(d.cComputeType) \(acc) = \(initial);")
    lines.append("\(ind)for (int64_t \(j) = 0; \(j) < \(s[axis]); \(j)++) {")
    lines.append("\(ind)  const int64_t \(i) = \(reverse ? "\(s[axis] - 1) - \(j)" : j);")
    let em = Emitter(schedule, self, indent: ind + "  ")
    let at = Index(shape: s, multi: Array(idx[..<axis]) + [.e(i)] + Array(idx[axis...]))
    let v = em.value(x, at)
    if let reduceOp {
      em.line("\(acc) = \(reduceCombine(reduceOp, d, acc, v));")
    } else {
      em.line("\(acc) = \(d == .float64 ? "jx_logaddexp" : "jx_logaddexpf")(\(acc), \(v));")
    }
    em.store(out, at.flat, acc)
    lines += em.lines + ["\(ind)}"] + close
    return block(lines)
  }
}
