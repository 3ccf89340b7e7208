// conv_general_dilated and reduce_window in compiled code: calls of the
// eager kernels' C functions (conv.c) through the runtime table, with the
// layout descriptor baked in as a constant, after converting operands to
// a preferred element type in scratch buffers. Same C code as eager, so jit == eager bit for bit, and no
// trip through Swift (the callback) on the way.

extension CRenderer {
  /// The buffer name of operand `a`, or nil for a literal.
  private func operandBuffer(_ a: Atom) -> String? {
    guard case .v(let v) = a else { return nil }
    let b = buf(v)
    touch(b)
    return b.name
  }

  /// Operand `a` converted to `dtype` in a row-major scratch buffer: the
  /// preferred element type's conversion, done before the convolution as
  /// the eager kernel (and XLA) do.
  private func convertedOperand(_ a: Atom, to dtype: DType) -> (name: String, lines: [String]) {
    noteArrayLoop()
    let shape = a.aval.shape
    let tmp = schedule.newBuf(ShapedArray(shape: shape, dtype: dtype), .scratch)
    touch(tmp)
    let (open, close, idx, ind) = loopNest(shape, indent: "    ")
    let inner = Emitter(schedule, self, indent: ind)
    let x = inner.value(a, Index(shape: shape, multi: idx))
    let from = a.aval.dtype
    inner.store(tmp, Index(shape: shape, multi: idx).flat, convertExpression(x, from: from, to: dtype))
    return (tmp.name, open + inner.lines + close)
  }

  func renderConv(_ e: Equation, _ p: ConvParams) -> [String] {
    // The C conv kernel has no bfloat16 instance: the eager kernel
    // (float32 conv rounded once, Kernels.conv) through the callback.
    if e.outputs[0].aval.dtype == .bfloat16 { return renderCallback(e) }
    let out = buf(e.outputs[0])
    let (l, r) = (e.inputs[0], e.inputs[1])
    touch(out)
    if out.count == 0 { return [] }
    var lines: [String] = []
    func operand(_ a: Atom) -> String {
      if a.aval.dtype == out.dtype, let b = operandBuffer(a) { return b }
      let c = convertedOperand(a, to: out.dtype)
      lines += c.lines
      return c.name
    }
    let (lb, rb) = (operand(l), operand(r))
    let desc = convDescriptor(l.aval.shape, r.aval.shape, e.outputs[0].aval.shape, p)
    let name = freshName("cd")
    return block(lines + [
      "    static const int64_t \(name)[] = {\(desc.map(String.init).joined(separator: ", "))};",
      "    if (rt->conv(\(out.dtype.rawValue), \(name), (const void *)\(lb), (const void *)\(rb), (void *)\(out.name), rt->parallel_for, rt->pool)) return 1;",
    ])
  }

  func renderReduceWindow(_ e: Equation, _ op: ReduceWindowOp, _ p: WindowParams) -> [String] {
    let x = e.inputs[0]
    let out = buf(e.outputs[0])
    // bfloat16: the eager kernel (float32 window fold, Kernels.reduceWindow).
    guard x.aval.rank > 0, x.aval.dtype != .bfloat16, let xb = operandBuffer(x) else { return renderCallback(e) }
    touch(out)
    if out.count == 0 { return [] }
    let desc = reduceWindowDescriptor(x.aval.shape, e.outputs[0].aval.shape, p)
    let name = freshName("rw")
    return block([
      "    static const int64_t \(name)[] = {\(desc.map(String.init).joined(separator: ", "))};",
      "    if (rt->reduce_window(\(op.rawValue), \(x.aval.dtype.rawValue), \(x.aval.rank), \(name), (const void *)\(xb), (void *)\(out.name))) return 1;",
    ])
  }
}
