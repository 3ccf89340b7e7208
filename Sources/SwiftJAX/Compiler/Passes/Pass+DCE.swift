// Dead-code elimination. Apart from host callbacks (`hasEffect`),
// primitives have no side effects, so an equation whose outputs are never
// read can go. Control-flow primitives (scan,
// while) will add their own rule here: drop unused carries/outputs inside
// the body and recurse into it.

extension Optimizer {
  /// Removes equations none of whose outputs reach the program's outputs.
  /// Unused constant binders are removed too (with their values).
  ///
  /// ```swift
  /// var c = makeJaxpr({ x in _ = Lax.sin(x[0]); return [x[0] * 2.0] }, [f32_3])
  /// Optimizer.deadCodeElimination(&c)   // the sin is gone
  /// ```
  public static func deadCodeElimination(_ program: inout ClosedJaxpr) {
    let j = program.jaxpr
    var live = Set<ObjectIdentifier>()
    for case .v(let v) in j.outputs { live.insert(ObjectIdentifier(v)) }
    var kept: [Equation] = []
    kept.reserveCapacity(j.equations.count)
    for eqn in j.equations.reversed() {
      // Effects (host callbacks) run even when nothing reads their token.
      guard eqn.primitive.hasEffect || eqn.outputs.contains(where: { live.contains(ObjectIdentifier($0)) }) else { continue }
      kept.append(eqn)
      for case .v(let v) in eqn.inputs { live.insert(ObjectIdentifier(v)) }
    }
    var constVars: [Var] = []
    var consts: [Tensor] = []
    for (v, c) in zip(j.constVars, program.consts) where live.contains(ObjectIdentifier(v)) {
      constVars.append(v)
      consts.append(c)
    }
    program = ClosedJaxpr(
      jaxpr: Jaxpr(constVars: constVars, inVars: j.inVars, equations: kept.reversed(), outputs: j.outputs),
      consts: consts)
  }
}
