// Kernels that are not fused loops: reductions (with their operand fused
// in), arg-reductions, dot_general (GEMM through the runtime table),
// dynamic_update_slice (in place when possible; scatter likewise, in
// CRenderer+Scatter), cumulative reductions (CRenderer+Cumulative), sort
// (the eager C kernel through the runtime table) and the runtime callback
// that runs any other primitive with the eager kernels.

extension CRenderer {
  func buf(_ v: Var) -> Buf {
    guard case .buffer(let b)? = schedule.storage[ObjectIdentifier(v)] else {
      fatalError("internal error: \(v.aval) is not materialised")
    }
    return b
  }

  func renderOpaque(_ i: Int) -> [String] {
    let e = schedule.eqn(i)
    switch e.primitive {
    case .reduce(let op, let axes): return renderReduce(e, op, axes)
    case .argReduce(let op, let axis, _): return renderArgReduce(e, op, axis)
    // Complex products run the eager kernel (the GEMM is real-only).
    case .dotGeneral(let dn, _): return e.inputs[0].aval.dtype.isComplex ? renderCallback(e) : renderDot(e, dn)
    case .dynamicUpdateSlice: return renderUpdateSlice(e)
    case .scatter(let op, let dn, let mode): return renderScatter(e, op, dn, mode)
    case .cumulative(let op, let axis, let reverse): return renderCumulative(e, op, axis, reverse)
    case .sort(let dimension, _, let numKeys): return renderSort(e, dimension, numKeys)
    case .convGeneralDilated(let p): return renderConv(e, p)
    case .reduceWindow(let op, let p): return renderReduceWindow(e, op, p)
    case .scan(let p): return renderScan(e, p)
    case .whileLoop(let p): return renderWhile(e, p)
    case .cond(let p): return renderCond(e, p)
    case .custom, .hostCallback, .collective, .fft: return renderCallback(e)
    // Fused primitives reach here only when their operand types have no C
    // lowering (Primitive.hasCExpression): they run through the callback.
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType, .iota,
      .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice, .concatenate, .pad,
      .gather:
      return renderCallback(e)
    }
  }

  // MARK: Reductions

  func reduceInit(_ op: ReduceOp, _ d: DType) -> String {
    let ct = d.cComputeType
    switch op {
    case .sum, .or, .xor: return "(\(ct))0"
    case .prod: return "(\(ct))1"
    case .and: return d == .bool ? "(uint8_t)1" : "(\(ct))~(\(ct))0"
    // Complex max/min: JAX's identities -inf + 0i and inf + 0i (a real
    // converted to the complex type has a +0 imaginary part; negating the
    // complex value would make it -0).
    case .max:
      if d.isComplex { return "((\(ct))(-INFINITY))" }
      if d.isFloatingPoint { return "(-(\(ct))INFINITY)" }
      return d.isSignedInteger ? "JX_MIN_\(d.cSuffix)" : "(\(ct))0"
    case .min:
      if d.isFloatingPoint || d.isComplex { return "((\(ct))INFINITY)" }
      return d == .bool ? "(uint8_t)1" : "JX_MAX_\(d.cSuffix)"
    }
  }

  func reduceCombine(_ op: ReduceOp, _ d: DType, _ acc: String, _ x: String) -> String {
    if d == .bool {
      switch op {
      case .sum, .max, .or: return "(uint8_t)(\(acc) | \(x))"
      case .prod, .min, .and: return "(uint8_t)(\(acc) & \(x))"
      case .xor: return "(uint8_t)(\(acc) ^ \(x))"
      }
    }
    let m: Primitive = switch op {
    case .sum: .binary(.add)
    case .prod: .binary(.mul)
    case .max: .binary(.max)
    case .min: .binary(.min)
    case .and: .binary(.and)
    case .or: .binary(.or)
    case .xor: .binary(.xor)
    }
    let a = ShapedArray(shape: [], dtype: d)
    return m.cExpression([acc, x], [a, a], a)
  }

  /// Index of the first maximum/minimum; a NaN is the extreme (first NaN).
  private func renderArgReduce(_ e: Equation, _ op: ArgReduceOp, _ axis: Int) -> [String] {
    let x = e.inputs[0]
    let out = buf(e.outputs[0])
    let xs = x.aval.shape
    var outShape = xs
    outShape.remove(at: axis)
    let (open, close, oidx, ind) = loopNest(outShape, indent: "    ")
    let k = freshName("k")
    var m = oidx
    m.insert(.e(k), at: axis)
    let inner = Emitter(schedule, self, indent: ind + "  ")
    let best = freshName("best"), bi = freshName("bi")
    let v = inner.value(x, Index(shape: xs, multi: m))
    let better = op == .argmax ? ">" : "<"
    inner.line("if (\(k) == 0 || (!(\(best) != \(best)) && (\(v) != \(v) || \(v) \(better) \(best)))) { \(best) = \(v); \(bi) = \(k); }")
    let st = Emitter(schedule, self, indent: ind)
    st.store(out, Index(shape: outShape, multi: oidx).flat, convertExpression(bi, from: .int64, to: out.dtype))
    let loop = open
      + ["\(ind)\(x.aval.dtype.cComputeType) \(best) = 0; int64_t \(bi) = 0;", "\(ind)for (int64_t \(k) = 0; \(k) < \(xs[axis]); \(k)++) {"]
      + inner.lines + ["\(ind)}"] + st.lines + close
    return block(loop)
  }

  // MARK: Updates

  private func renderUpdateSlice(_ e: Equation) -> [String] {
    let out = buf(e.outputs[0])
    let operand = e.inputs[0]
    let update = e.inputs[1]
    let xs = operand.aval.shape
    let us = update.aval.shape
    let em = Emitter(schedule, self, indent: "    ")
    copyOperand(operand, into: out, em)
    if update.aval.count == 0 { return block(em.lines) }
    var starts: [IE] = []
    for d in 0..<xs.count {
      let s = em.value(e.inputs[2 + d], .scalar)
      let name = freshName("s")
      em.line("const int64_t \(name) = jx_clampi((int64_t)\(s), 0, \(xs[d] - us[d]));")
      starts.append(.e(name))
    }
    let (open, close, uidx, ind) = loopNest(us, indent: "    ")
    let inner = Emitter(schedule, self, indent: ind)
    let u = inner.value(update, Index(shape: us, multi: uidx))
    let dst = Index(shape: xs, multi: zip(starts, uidx).map { $0 + $1 })
    inner.store(out, dst.flat, u)
    return block(em.lines + open + inner.lines + close)
  }

  // MARK: Sort

  /// The eager kernels' C sort, called directly through the runtime table
  /// (stable, lexicographic over the first `numKeys` operands, JAX's total
  /// order for floats).
  private func renderSort(_ e: Equation, _ dimension: Int, _ numKeys: Int) -> [String] {
    let s = e.inputs[0].aval.shape
    if e.inputs.contains(where: { if case .literal = $0 { true } else { false } }) { return renderCallback(e) }
    let ins = e.inputs.map { a -> String in
      guard case .v(let v) = a else { return "0" }
      let b = buf(v)
      touch(b)
      return "(const void *)\(b.name)"
    }
    let outs = e.outputs.map { v -> String in
      let b = buf(v)
      touch(b)
      return "(void *)\(b.name)"
    }
    let dtypes = e.inputs.map { "\($0.aval.dtype.rawValue)" }
    let (outer, inner) = (s[..<dimension].reduce(1, *), s[(dimension + 1)...].reduce(1, *))
    return block([
      "    const int32_t sd_[] = {\(dtypes.joined(separator: ", "))};",
      "    const void *si_[] = {\(ins.joined(separator: ", "))};",
      "    void *so_[] = {\(outs.joined(separator: ", "))};",
      "    if (rt->sort(\(e.inputs.count), \(numKeys), sd_, si_, so_, \(outer), \(s[dimension]), \(inner))) return 1;",
    ])
  }

  // MARK: Callback

  /// Runs the equation with the eager kernels through the runtime table,
  /// for the few primitives without a native lowering (bitcasts that change
  /// the element size, float16 nextafter, pow of mixed dtypes, custom
  /// calls): slower, never wrong.
  func renderCallback(_ e: Equation) -> [String] {
    let index = callbacks.count
    callbacks.append(e)
    var lines: [String] = []
    var ins: [String] = []
    for a in e.inputs {
      switch a {
      case .literal(let l):
        let n = freshName("lit")
        let t = l.aval.dtype
        lines.append("    \(t.cType) \(n)[1] = {(\(t.cType))\(cLiteral(l.value))};")
        ins.append("(void *)\(n)")
      case .v(let v):
        let b = buf(v)
        touch(b)
        ins.append("(void *)\(b.name)")
      }
    }
    let outs = e.outputs.map { v -> String in
      let b = buf(v)
      touch(b)
      return "(void *)\(b.name)"
    }
    lines.append("    void *ci_[] = {\(ins.isEmpty ? "0" : ins.joined(separator: ", "))};")
    lines.append("    void *co_[] = {\(outs.joined(separator: ", "))};")
    lines.append("    if (rt->callback(cbctx, \(index), ci_, co_)) return 1;")
    return block(lines)
  }
}
