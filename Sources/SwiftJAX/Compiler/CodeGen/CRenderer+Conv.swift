// conv_general_dilated and reduce_window in compiled code: calls of the
// eager kernels' C functions (im2col + the packed GEMM; direct window
// loops) through the runtime table, with the layout descriptor baked in
// as a constant. Same C code as eager, so jit == eager bit for bit, and no
// trip through Swift (the callback) on the way.

extension CRenderer {
  /// The buffer name of operand `a`, or nil for a literal.
  private func operandBuffer(_ a: Atom) -> String? {
    guard case .v(let v) = a else { return nil }
    let b = buf(v)
    touch(b)
    return b.name
  }

  func renderConv(_ e: Equation, _ p: ConvParams) -> [String] {
    let out = buf(e.outputs[0])
    let (l, r) = (e.inputs[0], e.inputs[1])
    // A preferred element type converts operands first: rare, so the
    // eager kernel does it through the callback.
    guard l.aval.dtype == out.dtype, let lb = operandBuffer(l), let rb = operandBuffer(r) else { return renderCallback(e) }
    touch(out)
    if out.count == 0 { return [] }
    let desc = convDescriptor(l.aval.shape, r.aval.shape, e.outputs[0].aval.shape, p)
    let name = freshName("cd")
    return block([
      "    static const int64_t \(name)[] = {\(desc.map(String.init).joined(separator: ", "))};",
      "    if (rt->conv(\(out.dtype.rawValue), \(name), (const void *)\(lb), (const void *)\(rb), (void *)\(out.name), rt->parallel_for, rt->pool)) return 1;",
    ])
  }

  func renderReduceWindow(_ e: Equation, _ op: ReduceWindowOp, _ p: WindowParams) -> [String] {
    let x = e.inputs[0]
    let out = buf(e.outputs[0])
    guard x.aval.rank > 0, let xb = operandBuffer(x) else { return renderCallback(e) }
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
