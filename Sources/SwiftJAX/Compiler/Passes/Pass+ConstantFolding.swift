// Constant folding: an equation whose operands are all literals or
// constants is evaluated now, with the eager kernels, so jit's result is
// exactly what eager mode computes.

extension Optimizer {
  /// Largest result (in elements) that folding materialises. Folding a
  /// broadcast of a scalar into a huge constant would trade a cheap loop for
  /// memory traffic, so big results stay in the program.
  static let maxFoldedElements = 1024
  /// Operand-free primitives (`iota`) are folded only when tiny: computing
  /// them in the generated loop costs nothing.
  static let maxFoldedNullaryElements = 16

  /// Evaluates equations whose operands are all known. Rank-0 results
  /// become literals; others become new constants.
  ///
  /// ```swift
  /// // c = mul 2.0 3.0; d = add a c   →   d = add a 6.0
  /// Optimizer.foldConstants(&program)
  /// ```
  public static func foldConstants(_ program: inout ClosedJaxpr) {
    let j = program.jaxpr
    var known: [ObjectIdentifier: Tensor] = [:]
    for (v, c) in zip(j.constVars, program.consts) where c.concrete != nil {
      known[ObjectIdentifier(v)] = c
    }
    var constVars = j.constVars
    var consts = program.consts
    var sub = Substitution()
    var eqns: [Equation] = []
    var changed = false
    for eqn0 in j.equations {
      let eqn = sub.apply(eqn0)
      let outCount = eqn.outputs.reduce(0) { $0 + $1.aval.count }
      let limit = eqn.inputs.isEmpty ? maxFoldedNullaryElements : maxFoldedElements
      var args: [Tensor] = []
      // A host callback must run when the program runs, not now; a
      // collective's value depends on the other members: never fold either.
      var allKnown = outCount <= limit && !eqn.primitive.hasEffect && !eqn.primitive.isCollective
      if allKnown {
        for a in eqn.inputs {
          switch a {
          case .literal(let l): args.append(Tensor(value: l.value))
          case .v(let v):
            if let t = known[ObjectIdentifier(v)] { args.append(t) } else { allKnown = false }
          }
          if !allKnown { break }
        }
      }
      guard allKnown else {
        eqns.append(eqn)
        continue
      }
      // Passes may run while a jit is tracing (nested staging); the values
      // here are concrete, so evaluate them eagerly rather than stage them.
      let results = InterpreterContext.withoutDynamicTrace { bind(eqn.primitive, args) }
      guard results.allSatisfy({ $0.concrete != nil }) else {
        eqns.append(eqn)
        continue
      }
      changed = true
      for (o, r) in zip(eqn.outputs, results) {
        let c = r.concrete!
        if o.aval.rank == 0 {
          sub.replace(o, with: .literal(Literal(c)))
        } else {
          constVars.append(o)
          consts.append(r)
          known[ObjectIdentifier(o)] = r
        }
      }
    }
    guard changed else { return }
    program = ClosedJaxpr(
      jaxpr: Jaxpr(constVars: constVars, inVars: j.inVars, equations: eqns, outputs: j.outputs.map(sub.resolve)),
      consts: consts)
  }
}
