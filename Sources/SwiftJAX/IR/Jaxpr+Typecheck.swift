extension Jaxpr {
  /// Checks that the program is well formed: every variable is bound once
  /// before use, and every equation's output types are what its
  /// primitive's shape rule says. Transformations are tested by running
  /// this on what they produce.
  ///
  /// ```swift
  /// let staged = traceToJaxpr({ xs in [xs[0] * 2] }, [ShapedArray(shape: [2], dtype: .float32)])
  /// (try? staged.jaxpr.typecheck()) != nil   // well formed
  /// ```
  public func typecheck() throws(JAXError) {
    var defined = Set<ObjectIdentifier>()
    func bindVar(_ v: Var) throws(JAXError) {
      if !defined.insert(ObjectIdentifier(v)).inserted {
        throw JAXError(.value, "typecheck", "variable of type \(v.aval) is bound twice")
      }
    }
    func use(_ a: Atom, _ ctx: String) throws(JAXError) {
      if case .v(let v) = a, !defined.contains(ObjectIdentifier(v)) {
        throw JAXError(.value, "typecheck", "\(ctx) uses a variable of type \(v.aval) before it is bound")
      }
    }
    for v in constVars + inVars { try bindVar(v) }
    for (i, eqn) in equations.enumerated() {
      for a in eqn.inputs { try use(a, "equation \(i) (\(eqn.primitive.name))") }
      let expected = try eqn.primitive.abstractEval(eqn.inputs.map(\.aval))
      if expected.count != eqn.outputs.count {
        throw JAXError(.value, "typecheck", "equation \(i) (\(eqn.primitive.name)) binds \(eqn.outputs.count) outputs but produces \(expected.count)")
      }
      for (e, v) in zip(expected, eqn.outputs) where e.shape != v.aval.shape || e.dtype != v.aval.dtype {
        throw JAXError(.value, "typecheck", "equation \(i) (\(eqn.primitive.name)) output is declared \(v.aval) but its rule gives \(e)")
      }
      for v in eqn.outputs { try bindVar(v) }
    }
    for a in outputs { try use(a, "the output") }
  }
}
