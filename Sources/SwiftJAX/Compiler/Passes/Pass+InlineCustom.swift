// Inlining of custom-derivative calls.
//
// `custom_jvp_call` and `custom_vjp_call` carry their primal function as a
// Jaxpr; the custom rule matters only to differentiation, which happens
// before jit compiles a program. Left in place, the call has no C lowering
// and runs through the runtime callback, which interprets the function op
// by op (`nn.relu` and `nn.softplus` are such calls). Replacing the call by
// the function's equations lets the rest of the pipeline fuse and compile
// them. The equations are the ones eager evaluation runs (`evaluateCustom`
// interprets the same function), so results stay equal bit for bit.
//
// This pass runs first in `optimize`, before XLA's division rules are made
// explicit: at the top level those rules are the eager kernels' own; in a
// control-flow body, the outer program's rewrite (with the literal-divisor
// rule, which eager evaluation of a custom call does not apply) has
// already happened when the body's own `optimize` inlines its calls.
// `custom_lin` (only ever transposed) never reaches jit.

extension Optimizer {
  /// Replaces every `custom_jvp_call`/`custom_vjp_call` at the top level of
  /// `program` by the equations of its primal function (calls inside the
  /// function too). Returns whether anything changed.
  ///
  /// ```swift
  /// // jit(nn.relu): { custom_jvp_call[call_jaxpr={ max a 0.0 }] a }
  /// // becomes      { max a 0.0 }
  /// ```
  @discardableResult
  static func inlineCustomCalls(_ program: inout ClosedJaxpr) -> Bool {
    let j = program.jaxpr
    guard j.equations.contains(where: { inlinableFunction($0) != nil }) else { return false }
    var sub = Substitution()
    var eqns: [Equation] = []
    inline(j.equations, into: &eqns, &sub)
    program.jaxpr = Jaxpr(constVars: j.constVars, inVars: j.inVars, equations: eqns, outputs: j.outputs.map(sub.resolve))
    return true
  }

  /// Appends `equations` to `eqns` with their inputs resolved through
  /// `sub`, each inlinable call replaced by its function's equations
  /// (recursively) and its outputs recorded in `sub`.
  private static func inline(_ equations: [Equation], into eqns: inout [Equation], _ sub: inout Substitution) {
    for e0 in equations {
      let e = sub.apply(e0)
      guard let f = inlinableFunction(e) else {
        eqns.append(e)
        continue
      }
      // Fresh variables: the function is shared by every call of it.
      let body = f.withFreshVariables()
      for (v, a) in zip(body.inVars, e.inputs) { sub.replace(v, with: a) }
      inline(body.equations, into: &eqns, &sub)
      for (o, a) in zip(e.outputs, body.outputs) { sub.replace(o, with: sub.resolve(a)) }
    }
  }

  /// The primal function of a custom-derivative call whose function takes
  /// the call's operands as they are, or nil.
  private static func inlinableFunction(_ e: Equation) -> Jaxpr? {
    guard case .custom(let call) = e.primitive, let f = call.function, f.constVars.isEmpty,
          f.inVars.count == e.inputs.count, f.outputs.count == e.outputs.count,
          zip(f.outputs, e.outputs).allSatisfy({ $0.aval == $1.aval })
    else { return nil }
    switch call.kind {
    case .jvp, .vjp: return f
    case .lin: return nil
    }
  }
}
