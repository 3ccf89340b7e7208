/// The eval interpreter at the bottom of the stack: checks the shape rule
/// and runs the eager kernel on concrete buffers.
package final class EvalTrace: Trace {
  /// Evaluates `primitive` on concrete operands. Errors from the shape rule
  /// are reported (with `site`) and yield invalid tensors.
  @inline(__always)
  static func apply(_ primitive: Primitive, _ args: [Tensor], site: CallSite?) -> [Tensor] {
    let avals: [ShapedArray]
    do {
      avals = try primitive.abstractEval(args.map(\.aval))
    } catch {
      var e = error
      if e.site == nil { e.site = site }
      JAXError.raise(e)
      return Array(repeating: .invalid, count: primitive.outputCount(inputCount: args.count))
    }
    if let e = ConcreteArray.allocationError(avals, primitive.name) {
      var e = e
      e.site = site
      JAXError.raise(e)
      return Array(repeating: .invalid, count: avals.count)
    }
    // The fast path in `bind` only calls this with concrete operands.
    let inputs = args.map { $0.value as! ConcreteArray }
    // Every eager primitive runs in SwiftJAX's subnormal mode (Denormals);
    // float16 work with IEEE subnormals, as XLA's float16 conversions.
    let outs = (Self.touchesFloat16(primitive, inputs, avals)
      ? Denormals.ieee { primitive.evaluate(inputs, outputs: avals) }
      : Denormals.scope { primitive.evaluate(inputs, outputs: avals) }).map { Tensor(value: $0) }
    if DebugChecks.active { DebugChecks.check(primitive, outs, site: site) }
    return outs
  }

  /// Whether `primitive` reads or writes float16 itself (control flow
  /// does not: its inner operations decide for themselves).
  @inline(__always)
  static func touchesFloat16(_ primitive: Primitive, _ inputs: [ConcreteArray], _ avals: [ShapedArray]) -> Bool {
    guard inputs.contains(where: { $0.aval.dtype == .float16 }) || avals.contains(where: { $0.dtype == .float16 })
    else { return false }
    return !primitive.isControlFlow
  }

  /// The eager fast path for elementwise primitives whose operands are
  /// concrete and plainly valid (same dtype, equal shapes or a scalar
  /// side). Anything else — including every error — returns nil and goes
  /// through the general path, which reports it. Its results equal
  /// ``apply``'s (dtype, weak bit and bytes) for every unary, binary and
  /// comparison op and dtype: EagerFastPathTests.
  /// Results of at least ``ConcreteArray/probeBytes`` also take the general
  /// path, whose allocation check turns out-of-memory into an error.
  @inline(__always)
  static func fastElementwise(_ p: Primitive, _ args: [Tensor]) -> Tensor? {
    // Elementwise results are no larger than their largest operand.
    for a in args where a.value.aval.byteCount >= ConcreteArray.probeBytes { return nil }
    switch p {
    case .unary(let op):
      guard args.count == 1, let x = args[0].value as? ConcreteArray, op.accepts(x.aval.dtype),
        InterpreterContext.current.dynamic == nil else { return nil }
      return Tensor(value: Kernels.unary(op, x, x.aval.with(dtype: op.resultDType(x.aval.dtype), weakType: x.aval.weakType)))
    case .binary(let op):
      guard args.count == 2, let a = args[0].value as? ConcreteArray, let b = args[1].value as? ConcreteArray,
        InterpreterContext.current.dynamic == nil, let y = fastBinary(op, a, b) else { return nil }
      return Tensor(value: y)
    case .compare(let op):
      guard args.count == 2, let a = args[0].value as? ConcreteArray, let b = args[1].value as? ConcreteArray,
        let out = fastBinaryAval(a.aval, b.aval), InterpreterContext.current.dynamic == nil,
        !a.aval.dtype.isComplex || op == .eq || op == .ne else { return nil }
      return Tensor(value: Kernels.compare(op, a, b, out.with(dtype: .bool)))
    case .dotGeneral(let dn, let preferred):
      guard args.count == 2, let a = args[0].value as? ConcreteArray, let b = args[1].value as? ConcreteArray,
        InterpreterContext.current.dynamic == nil,
        let out = try? dotGeneralShape(a.aval, b.aval, dn, preferred, { JAXError($0, "dot_general", $1) }),
        out.byteCount < ConcreteArray.probeBytes
      else { return nil }
      return Tensor(value: Denormals.scope(a.aval.dtype) { Kernels.dotGeneral(a, b, dn, out) })
    // The general path: what eager loops run most often is above; these
    // either are rare there or need more of their shape rule than a
    // shortcut would repeat. Listed (no `default:`) so that a new
    // primitive is a decision here too.
    case .integerPow, .selectN, .clamp, .convertElementType, .bitcastConvertType, .iota, .broadcastInDim, .reshape,
      .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice, .dynamicUpdateSlice, .concatenate, .pad,
      .gather, .scatter, .reduce, .argReduce, .cumulative, .sort, .convGeneralDilated, .reduceWindow, .fft, .scan,
      .whileLoop, .cond, .custom, .hostCallback, .collective:
      return nil
    }
  }

  /// A binary elementwise primitive on concrete operands in the easy cases
  /// (same dtype, equal shapes or a scalar side, an accepted dtype, a
  /// result below ``ConcreteArray/probeBytes``), else nil. The caller has
  /// checked that nothing is being staged.
  @inline(__always)
  static func fastBinary(_ op: BinaryOp, _ a: ConcreteArray, _ b: ConcreteArray) -> ConcreteArray? {
    guard a.byteCount < ConcreteArray.probeBytes && b.byteCount < ConcreteArray.probeBytes,
      let out = fastBinaryAval(a.aval, b.aval), op.accepts(a.aval.dtype) else { return nil }
    return Kernels.binary(op, a, b, out.with(dtype: op.resultDType(out.dtype), weakType: out.weakType))
  }

  /// Output type of a binary op in the easy cases, else nil.
  @inline(__always)
  static func fastBinaryAval(_ a: ShapedArray, _ b: ShapedArray) -> ShapedArray? {
    guard a.dtype == b.dtype else { return nil }
    let weak = a.weakType && b.weakType
    if a.shape == b.shape || b.shape.isEmpty { return ShapedArray(shape: a.shape, dtype: a.dtype, weakType: weak) }
    if a.shape.isEmpty { return ShapedArray(shape: b.shape, dtype: a.dtype, weakType: weak) }
    return nil
  }
}
