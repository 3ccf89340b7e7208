// Differentiation of the control-flow primitives (scan, while, cond).

extension Primitive {
  /// JVP of a control-flow primitive.
  func controlFlowJVP(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    JAXError.raise(JAXError(.unsupported, name, "differentiating through \(name) is not supported yet", site: site))
    return (bind(self, x, site: site), Array(repeating: nil, count: outputCount(inputCount: x.count)))
  }
}
