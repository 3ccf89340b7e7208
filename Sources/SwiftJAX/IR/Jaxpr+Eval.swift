/// Interprets a Jaxpr by binding each equation's primitive: under no
/// transformation this evaluates eagerly; under `jvp`, `vmap`... it
/// transforms the staged program (Autodidax's `eval_jaxpr`).
public func evalJaxpr(_ jaxpr: Jaxpr, consts: [Tensor], args: [Tensor]) -> [Tensor] {
  var env: [ObjectIdentifier: Tensor] = [:]
  env.reserveCapacity(jaxpr.equations.count + jaxpr.inVars.count + jaxpr.constVars.count)
  for (v, x) in zip(jaxpr.constVars, consts) { env[ObjectIdentifier(v)] = x }
  for (v, x) in zip(jaxpr.inVars, args) { env[ObjectIdentifier(v)] = x }
  func read(_ a: Atom) -> Tensor {
    switch a {
    case .v(let v): env[ObjectIdentifier(v)]!
    case .literal(let l): Tensor(value: l.value)
    }
  }
  for eqn in jaxpr.equations {
    let outs = bind(eqn.primitive, eqn.inputs.map(read))
    for (v, x) in zip(eqn.outputs, outs) { env[ObjectIdentifier(v)] = x }
  }
  return jaxpr.outputs.map(read)
}

extension ClosedJaxpr {
  /// Evaluates (or, under a transformation, transforms) the program.
  public func callAsFunction(_ args: [Tensor]) -> [Tensor] {
    evalJaxpr(jaxpr, consts: consts, args: args)
  }
}
