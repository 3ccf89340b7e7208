/// Interprets a Jaxpr by binding each equation's primitive: under no
/// transformation this evaluates eagerly; under `jvp`, `vmap`... it
/// transforms the staged program (Autodidax's `eval_jaxpr`).
///
/// ```swift
/// let staged = traceToJaxpr({ xs in [xs[0] + xs[1]] }, [ShapedArray(shape: [2], dtype: .float32), ShapedArray(shape: [2], dtype: .float32)])
/// print(evalJaxpr(staged.jaxpr, consts: staged.consts, args: [jnp.array([1.0, 2.0]), jnp.array([10.0, 20.0])])[0])
/// // [11. 22.]
/// ```
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
  ///
  /// ```swift
  /// print(traceToJaxpr({ xs in [jnp.square(xs[0])] }, [ShapedArray(shape: [3], dtype: .int32)])([jnp.array([1, 2, 3])])[0])
  /// // [1 4 9]
  /// ```
  public func callAsFunction(_ args: [Tensor]) -> [Tensor] {
    evalJaxpr(jaxpr, consts: consts, args: args)
  }
}
