// Dead-code elimination. Apart from host callbacks (`hasEffect`),
// primitives have no side effects, so an equation whose outputs are never
// read can go. One liveness walk (`liveness`) serves the program-level pass
// and the scan pass (Pass+Scan), which prunes bodies with it.

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
    let (kept, live) = liveness(j.equations, j.outputs)
    var constVars: [Var] = []
    var consts: [Tensor] = []
    for (v, c) in zip(j.constVars, program.consts) where live.contains(ObjectIdentifier(v)) {
      constVars.append(v)
      consts.append(c)
    }
    program = ClosedJaxpr(
      jaxpr: Jaxpr(constVars: constVars, inVars: j.inVars, equations: kept, outputs: j.outputs),
      consts: consts)
  }

  /// The equations needed for `outputs`, in order, and the variables they
  /// (and the outputs) read. Effects (host callbacks) are always needed:
  /// they run even when nothing reads their token.
  static func liveness(_ eqns: [Equation], _ outputs: [Atom]) -> (equations: [Equation], read: Set<ObjectIdentifier>) {
    var live = Set<ObjectIdentifier>()
    for case .v(let v) in outputs { live.insert(ObjectIdentifier(v)) }
    var kept: [Equation] = []
    kept.reserveCapacity(eqns.count)
    for q in eqns.reversed() where q.primitive.hasEffect || q.outputs.contains(where: { live.contains(ObjectIdentifier($0)) }) {
      kept.append(q)
      for case .v(let v) in q.inputs { live.insert(ObjectIdentifier(v)) }
    }
    return (kept.reversed(), live)
  }

  /// Variables read by the equations needed for `outputs` (and the
  /// outputs themselves).
  static func readVars(_ eqns: [Equation], _ outputs: [Atom]) -> Set<ObjectIdentifier> { liveness(eqns, outputs).read }

  /// The equations needed for `outputs`, in order.
  static func liveEquations(_ eqns: [Equation], _ outputs: [Atom]) -> [Equation] { liveness(eqns, outputs).equations }
}
