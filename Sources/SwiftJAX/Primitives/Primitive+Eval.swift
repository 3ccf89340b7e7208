// Eager evaluation: the kernel of every primitive on concrete buffers.
// (Being filled in by the kernels work; see issue 2.)

extension Primitive {
  /// Runs the eager kernel. `outputs` are the avals from ``abstractEval(_:)``,
  /// so operands are known to be valid.
  func evaluate(_ inputs: [ConcreteArray], outputs: [ShapedArray]) -> [ConcreteArray] {
    switch self {
    case .scan(let p): return p.evaluate(inputs, outputs: outputs)
    case .whileLoop(let p): return p.evaluate(inputs)
    case .cond(let p): return p.evaluate(inputs)
    default: fatalError("eager kernel for \(name) not written yet")
    }
  }
}
