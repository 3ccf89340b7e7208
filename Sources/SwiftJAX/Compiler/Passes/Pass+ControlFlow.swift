// Optimisation of control-flow equations: their bodies are optimised with
// the same pipeline (DCE, CSE, folding, simplification inside the body),
// and scans lose what does not matter: stacked outputs and carries nobody
// reads, carries the body returns unchanged (forwarded: they become
// constants, and their final value is the initial one), unused constants
// and scanned-over inputs, and body computations that depend only on
// constants (hoisted out of the loop and passed in as new constants).
// Bodies are never mutated in place: a body may be shared with other
// programs, so every change builds a new Jaxpr.

extension Optimizer {
  /// Optimises the bodies of scan/while/cond equations and prunes scans.
  ///
  /// ```swift
  /// // scan whose ys are unused: the body no longer computes them
  /// Optimizer.optimizeControlFlow(&program)
  /// ```
  public static func optimizeControlFlow(_ program: inout ClosedJaxpr) {
    let j = program.jaxpr
    guard j.equations.contains(where: \.primitive.isControlFlow) else { return }
    let uses = j.useCounts()
    var constVars = j.constVars, consts = program.consts
    var eqns: [Equation] = []
    var sub = Substitution()
    for e0 in j.equations {
      let e = sub.apply(e0)
      switch e.primitive.controlFlow {
      case .scan(let p):
        let (pre, scan, forwarded) = optimizeScan(e, p, uses: uses, constVars: &constVars, consts: &consts)
        eqns += pre
        if let scan { eqns.append(scan) }
        for (v, a) in forwarded { sub.replace(v, with: a) }
      case .whileLoop(let p):
        var ins = e.inputs
        let cond = optimizedBody(p.cond, hoistingInto: &constVars, &consts, operands: &ins, at: 0)
        let body = optimizedBody(p.body, hoistingInto: &constVars, &consts, operands: &ins, at: p.condNConsts + cond.added)
        let params = WhileParams(cond: cond.body, body: body.body, condNConsts: p.condNConsts + cond.added, bodyNConsts: p.bodyNConsts + body.added)
        eqns.append(Equation(.whileLoop(params), ins, e.outputs))
      case .cond(let p):
        // Branches share their operand list, so a branch whose folding
        // would add constants keeps its unoptimised form.
        let branches = p.branches.map { b -> Jaxpr in
          var c = ClosedJaxpr(jaxpr: b, consts: [])
          optimize(&c)
          return c.jaxpr.constVars.isEmpty ? c.jaxpr : b
        }
        eqns.append(Equation(.cond(CondParams(branches: branches)), e.inputs, e.outputs))
      case nil:
        eqns.append(e)
      }
    }
    program = ClosedJaxpr(
      jaxpr: Jaxpr(constVars: constVars, inVars: j.inVars, equations: eqns, outputs: j.outputs.map(sub.resolve)),
      consts: consts)
  }

  /// A body (consts first, no const binders) run through the optimiser.
  /// Constants that folding creates inside it become program constants,
  /// passed to the body as new leading operands inserted at `at`.
  static func optimizedBody(_ body: Jaxpr, hoistingInto constVars: inout [Var], _ consts: inout [Tensor], operands: inout [Atom], at: Int) -> (body: Jaxpr, added: Int) {
    var c = ClosedJaxpr(jaxpr: body, consts: [])
    optimize(&c)
    let b = c.jaxpr
    if b.constVars.isEmpty { return (b, 0) }
    let outer = b.constVars.map { Var($0.aval) }
    constVars += outer
    consts += c.consts
    operands.insert(contentsOf: outer.map(Atom.v), at: at)
    return (Jaxpr(constVars: [], inVars: b.constVars + b.inVars, equations: b.equations, outputs: b.outputs), b.constVars.count)
  }
}
