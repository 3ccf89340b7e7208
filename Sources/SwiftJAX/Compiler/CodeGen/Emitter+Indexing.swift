// Index-moving primitives inside fused loops: each maps the output index to
// the operand's index, so no data is copied.

extension Emitter {
  /// The value of `e`'s output at `idx`, for a primitive lowered by index
  /// arithmetic (`Primitive.Lowering.indexing`); the longer cases are
  /// functions of their own below.
  func computeIndexing(_ e: Equation, _ idx: Index) -> String {
    let x = e.inputs.first
    switch e.primitive {
    case .broadcastInDim(_, let dims):
      let xs = x!.aval.shape
      let o = idx.multi
      let m: [IE] = (0..<xs.count).map { k in xs[k] == 1 ? .c(0) : o[dims[k]] }
      return value(x!, Index(shape: xs, multi: m))

    case .reshape, .squeeze, .expandDims:
      return value(x!, Index(shape: x!.aval.shape, flat: idx.flat))

    case .transpose(let perm):
      let o = idx.multi
      var m = [IE](repeating: .c(0), count: perm.count)
      for (i, p) in perm.enumerated() { m[p] = o[i] }
      return value(x!, Index(shape: x!.aval.shape, multi: m))

    case .rev(let dims):
      let xs = x!.aval.shape
      let m = idx.multi.enumerated().map { d, i in dims.contains(d) ? IE.c(xs[d] - 1) - i : i }
      return value(x!, Index(shape: xs, multi: m))

    case .slice(let start, _, let strides):
      let m = idx.multi.enumerated().map { d, i in IE.c(start[d]) + i * (strides?[d] ?? 1) }
      return value(x!, Index(shape: x!.aval.shape, multi: m))

    case .iota(let dtype, _, let dim):
      return convertExpression(idx.multi[dim].s, from: .int64, to: dtype)

    case .dynamicSlice(let sizes): return dynamicSliceIndexing(e, idx, sizes)
    case .gather(let dn, let sliceSizes, let mode, let fillValue):
      return gatherIndexing(e, idx, dn, sliceSizes, mode, fillValue)
    case .pad(let config): return padIndexing(e, idx, config)
    case .concatenate(let dim): return concatenateIndexing(e, idx, dim)

    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType,
      .dynamicUpdateSlice, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .convGeneralDilated,
      .reduceWindow, .fft, .sort, .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      fatalError("internal error: \(e.primitive.name) is not lowered by indexing")
    }
  }

  private func dynamicSliceIndexing(_ e: Equation, _ idx: Index, _ sizes: [Int]) -> String {
    let x = e.inputs[0]
    let xs = x.aval.shape
    let m = idx.multi.enumerated().map { d, i -> IE in
      let s = value(e.inputs[1 + d], .scalar)
      // JAX clamps start indices so the slice stays in bounds.
      return IE.e("jx_clampi((int64_t)\(s), 0, \(xs[d] - sizes[d]))") + i
    }
    return value(x, Index(shape: xs, multi: m))
  }

  private func gatherIndexing(
    _ e: Equation, _ idx: Index, _ dn: GatherDimensionNumbers, _ sliceSizes: [Int], _ mode: GatherMode, _ fillValue: Double?
  ) -> String {
    let out = e.outputs[0].aval
    let x = e.inputs[0]
    // As the eager kernel: each output element reads its window's start
    // from the indices (clamped into bounds; in fill mode an
    // out-of-bounds window reads the fill value instead).
    let xs = x.aval.shape
    let indices = e.inputs[1]
    let o = idx.multi
    let batch = (0..<out.rank).filter { !dn.offsetDims.contains($0) }.map { o[$0] }
    let windowDims = (0..<xs.count).filter { !dn.collapsedSliceDims.contains($0) && !dn.operandBatchingDims.contains($0) }
    var m = [IE](repeating: .c(0), count: xs.count)
    for (od, id) in zip(dn.operandBatchingDims, dn.startIndicesBatchingDims) { m[od] = batch[id] }
    var inBounds: [String] = []
    for (k, d) in dn.startIndexMap.enumerated() {
      let raw = value(indices, Index(shape: indices.aval.shape, multi: batch + [.c(k)]))
      let s = temp("(int64_t)(\(raw))", .int64)
      let hi = xs[d] - sliceSizes[d]
      if mode == .fillOrDrop { inBounds.append("(\(s) >= 0 && \(s) <= \(hi))") }
      m[d] = .e("jx_clampi(\(s), 0, \(hi))")
    }
    for (w, d) in windowDims.enumerated() { m[d] = m[d] + o[dn.offsetDims[w]] }
    let read = value(x, Index(shape: xs, multi: m))
    if inBounds.isEmpty { return read }
    let fill = cLiteral(Kernels.gatherFill(out.dtype, fillValue))
    return temp("(\(inBounds.joined(separator: " && ")) ? \(read) : \(fill))", out.dtype)
  }

  private func padIndexing(_ e: Equation, _ idx: Index, _ config: [PadConfig]) -> String {
    let out = e.outputs[0].aval
    let x = e.inputs[0]
    let xs = x.aval.shape
    let padValue = value(e.inputs[1], .scalar)
    if x.aval.count == 0 { return padValue }
    var cond = Cond.known(true)
    var m: [IE] = []
    for (d, i) in idx.multi.enumerated() {
      let step = config[d].interior + 1
      let t = i - .c(config[d].low)
      cond = cond && Cond.ge(t, 0) && Cond.divisible(t, step) && Cond.lt(t, (xs[d] - 1) * step + 1)
      // Read a clamped (in-bounds) element even where padding wins, so the
      // fused loop never touches memory outside the operand.
      m.append((t / step).clamped(0, xs[d] - 1))
    }
    switch cond {
    case .known(true): return value(x, Index(shape: xs, multi: m))
    case .known(false): return padValue
    case .e(let c):
      let inner = value(x, Index(shape: xs, multi: m))
      return temp("(\(c) ? \(inner) : \(padValue))", out.dtype)
    }
  }

  private func concatenateIndexing(_ e: Equation, _ idx: Index, _ dim: Int) -> String {
    let out = e.outputs[0].aval
    let o = idx.multi
    var known: Range<Int>? = nil
    if case .c(let k) = o[dim] { known = k..<(k + 1) }
    if case .e(let name) = o[dim], let r = ranges[name] { known = r }
    var parts: [(end: Int, a: Atom, index: Index)] = []
    var offset = 0
    for a in e.inputs {
      let n = a.aval.shape[dim]
      defer { offset += n }
      if n == 0 { continue }
      var m = o
      m[dim] = o[dim] - .c(offset)
      // Within a loop piece (or at a constant index) one operand is read
      // unconditionally.
      if let k = known, k.lowerBound >= offset, k.upperBound <= offset + n {
        return value(a, Index(shape: a.aval.shape, multi: m))
      }
      if let k = known, k.upperBound <= offset || k.lowerBound >= offset + n { continue }
      parts.append((offset + n, a, Index(shape: a.aval.shape, multi: m)))
    }
    // Each operand is computed inside its own branch (a GNU statement
    // expression), so an element costs one operand's work.
    func branch(_ p: (end: Int, a: Atom, index: Index)) -> String {
      let sub = Emitter(schedule, renderer, indent: indent + "  ")
      sub.memo = memo
      sub.groupLocals = groupLocals
      sub.loopIndex = loopIndex
      sub.ranges = ranges
      let v = sub.value(p.a, p.index)
      if sub.lines.isEmpty { return v }
      return "({\n" + sub.lines.joined(separator: "\n") + "\n\(indent)  \(v); })"
    }
    var expr = branch(parts.last!)
    for p in parts.dropLast().reversed() { expr = "(\(o[dim].s) < \(p.end) ? \(branch(p)) : \(expr))" }
    return temp(expr, out.dtype)
  }
}
