// Native scatter: the operand is copied into the output (or updated in
// place when the schedule aliased them), then a loop over the scatter
// batch positions computes each window's start from the indices and a
// nested loop combines the update window into the output. Order and
// arithmetic follow the eager kernel (Kernels+Gather.swift): batch
// positions in row-major order, so duplicate indices accumulate (or the
// last one wins for `set`) exactly as eagerly.

extension CRenderer {
  func renderScatter(_ e: Equation, _ op: ScatterOp, _ dn: ScatterDimensionNumbers, _ mode: GatherMode) -> [String] {
    let out = buf(e.outputs[0])
    let (operand, indices, updates) = (e.inputs[0], e.inputs[1], e.inputs[2])
    let xs = operand.aval.shape, us = updates.aval.shape
    let em = Emitter(schedule, self, indent: "    ")
    copyOperand(operand, into: out, em)
    if updates.aval.count == 0 || out.count == 0 { return block(em.lines) }

    let batchShape = Array(indices.aval.shape.dropLast())
    let updateScatterDims = (0..<us.count).filter { !dn.updateWindowDims.contains($0) }
    let windowDims = (0..<xs.count).filter { !dn.insertedWindowDims.contains($0) && !dn.operandBatchingDims.contains($0) }
    var windowSize = [Int](repeating: 1, count: xs.count)
    for (k, d) in windowDims.enumerated() { windowSize[d] = us[dn.updateWindowDims[k]] }

    let (bOpen, bClose, b, bInd) = loopNest(batchShape, indent: "    ")
    let starts = Emitter(schedule, self, indent: bInd)
    var start = [IE](repeating: .c(0), count: xs.count)
    for (od, id) in zip(dn.operandBatchingDims, dn.scatterIndicesBatchingDims) { start[od] = b[id] }
    var outOfBounds: [String] = []
    for (k, d) in dn.scatterDimsToOperandDims.enumerated() {
      let raw = starts.value(indices, Index(shape: indices.aval.shape, multi: b + [.c(k)]))
      let s = freshName("s")
      let hi = xs[d] - windowSize[d]
      if mode == .clip {
        starts.line("const int64_t \(s) = jx_clampi((int64_t)(\(raw)), 0, \(hi));")
      } else {
        // fill-or-drop and promise-in-bounds drop windows that do not fit.
        starts.line("const int64_t \(s) = (int64_t)(\(raw));")
        outOfBounds.append("\(s) < 0 || \(s) > \(hi)")
      }
      start[d] = .e(s)
    }
    if !outOfBounds.isEmpty { starts.line("if (\(outOfBounds.joined(separator: " || "))) continue;") }

    let windowShape = dn.updateWindowDims.map { us[$0] }
    let (wOpen, wClose, w, wInd) = loopNest(windowShape, indent: bInd)
    let inner = Emitter(schedule, self, indent: wInd)
    var u = [IE](repeating: .c(0), count: us.count)
    for (j, d) in updateScatterDims.enumerated() { u[d] = b[j] }
    for (k, d) in dn.updateWindowDims.enumerated() { u[d] = w[k] }
    var dst = start
    for (k, d) in windowDims.enumerated() { dst[d] = start[d] + w[k] }
    let target = Index(shape: xs, multi: dst)
    let y = inner.value(updates, Index(shape: us, multi: u))
    let combined: String
    if op == .set {
      combined = y
    } else {
      let binary: BinaryOp = switch op {
      case .add: .add
      case .mul: .mul
      case .min: .min
      case .max: .max
      case .set: .add  // unreachable
      }
      let x = inner.load(out, target.flat)
      let aval = e.outputs[0].aval
      combined = inner.temp(Primitive.binary(binary).cExpression([x, y], [aval, aval], aval), out.dtype)
    }
    inner.store(out, target.flat, combined)
    return block(em.lines + bOpen + starts.lines + wOpen + inner.lines + wClose + bClose)
  }

  /// Copies `operand` into `out` unless the schedule made them one buffer
  /// (the update then happens in place).
  func copyOperand(_ operand: Atom, into out: Buf, _ em: Emitter) {
    if case .v(let ov) = operand, case .buffer(let ob)? = schedule.storage[ObjectIdentifier(ov)], ob === out {
      touch(out)
    } else if case .v(let ov) = operand, case .buffer(let ob)? = schedule.storage[ObjectIdentifier(ov)] {
      touch(ob)
      touch(out)
      if out.byteCount > 0 { em.line("memcpy(\(out.name), \(ob.name), \(out.byteCount));") }
    } else {
      let x = em.value(operand, .scalar)
      touch(out)
      em.line("for (int64_t j = 0; j < \(out.count); j++) \(out.name)[j] = \(out.dtype.cStore(x));")
    }
  }
}
