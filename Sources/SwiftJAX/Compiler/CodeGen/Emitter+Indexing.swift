// Index-moving primitives inside fused loops: each maps the output index to
// the operand's index, so no data is copied.

extension Emitter {
  func computeIndexing(_ e: Equation, _ idx: Index) -> String {
    let out = e.outputs[0].aval
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

    case .dynamicSlice(let sizes):
      let xs = x!.aval.shape
      let m = idx.multi.enumerated().map { d, i -> IE in
        let s = value(e.inputs[1 + d], .scalar)
        // JAX clamps start indices so the slice stays in bounds.
        return IE.e("jx_clampi((int64_t)\(s), 0, \(xs[d] - sizes[d]))") + i
      }
      return value(x!, Index(shape: xs, multi: m))

    case .pad(let config):
      let xs = x!.aval.shape
      let padValue = value(e.inputs[1], .scalar)
      if x!.aval.count == 0 { return padValue }
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
      case .known(true): return value(x!, Index(shape: xs, multi: m))
      case .known(false): return padValue
      case .e(let c):
        let inner = value(x!, Index(shape: xs, multi: m))
        return temp("(\(c) ? \(inner) : \(padValue))", out.dtype)
      }

    case .concatenate(let dim):
      let o = idx.multi
      var parts: [(end: Int, value: String)] = []
      var offset = 0
      for a in e.inputs {
        let n = a.aval.shape[dim]
        defer { offset += n }
        if n == 0 { continue }
        var m = o
        let local = o[dim] - .c(offset)
        if case .c(let k) = o[dim] {
          if k < offset || k >= offset + n { continue }
          m[dim] = local
          return value(a, Index(shape: a.aval.shape, multi: m))
        }
        m[dim] = local.clamped(0, n - 1)
        parts.append((offset + n, value(a, Index(shape: a.aval.shape, multi: m))))
      }
      var expr = parts.last!.value
      for p in parts.dropLast().reversed() { expr = "(\(o[dim].s) < \(p.end) ? \(p.value) : \(expr))" }
      return temp(expr, out.dtype)

    default:
      fatalError("internal error: \(e.primitive.name) is not fusible")
    }
  }
}
