// Eager evaluation: the kernel of every primitive on concrete buffers.
// (Being filled in by the kernels work; see issue 2.)

extension Primitive {
  /// Runs the eager kernel. `outputs` are the avals from ``abstractEval(_:)``,
  /// so operands are known to be valid.
  func evaluate(_ inputs: [ConcreteArray], outputs: [ShapedArray]) -> [ConcreteArray] {
    if let r = evaluateCustom(inputs, outputs: outputs) { return r }  // Primitive+Custom.swift
    fatalError("eager kernel for \(name) not written yet")
  }
}
