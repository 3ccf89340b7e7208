/// The eval interpreter at the bottom of the stack: checks the shape rule
/// and runs the eager kernel on concrete buffers.
public final class EvalTrace: Trace {
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
    // The fast path in `bind` only calls this with concrete operands.
    let inputs = args.map { $0.value as! ConcreteArray }
    return primitive.evaluate(inputs, outputs: avals).map { Tensor(value: $0) }
  }
}
