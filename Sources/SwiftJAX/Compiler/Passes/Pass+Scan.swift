// Scan pruning and loop-invariant code motion (see Pass+ControlFlow).

extension Optimizer {
  /// Returns equations to run before the scan (hoisted invariants), the
  /// rewritten scan (nil when nothing of it is used) and replacements for
  /// forwarded carry outputs.
  static func optimizeScan(
    _ e: Equation, _ p: ScanParams, uses: [ObjectIdentifier: Int], constVars: inout [Var], consts: inout [Tensor]
  ) -> (pre: [Equation], scan: Equation?, forwarded: [(Var, Atom)]) {
    var ins = e.inputs
    let opt = optimizedBody(p.body, hoistingInto: &constVars, &consts, operands: &ins, at: 0)
    var body = opt.body
    var nC = p.numConsts + opt.added
    var nK = p.numCarry
    var outs = e.outputs
    var forwarded: [(Var, Atom)] = []

    // Forwarded carries: the body returns its input unchanged, so the value
    // is a loop constant and the scan's output is the initial value.
    var bodyIns = body.inVars
    var bodyOuts = body.outputs
    for k in stride(from: nK - 1, through: 0, by: -1) {
      guard case .v(let o) = bodyOuts[k], o === bodyIns[nC + k] else { continue }
      forwarded.append((outs[k], ins[nC + k]))
      let v = bodyIns.remove(at: nC + k)
      bodyIns.insert(v, at: nC)
      let a = ins.remove(at: nC + k)
      ins.insert(a, at: nC)
      bodyOuts.remove(at: k)
      outs.remove(at: k)
      nC += 1
      nK -= 1
    }

    // Live carries: read outside, or needed by a live output inside.
    func used(_ v: Var) -> Bool { uses[ObjectIdentifier(v)] != nil }
    var liveY = (0..<(outs.count - nK)).filter { used(outs[nK + $0]) }
    var liveK = Set((0..<nK).filter { used(outs[$0]) })
    // A body with an effect (a Debug.print) runs even when nothing reads
    // the scan: keep one output so the equation survives.
    if body.hasEffect && liveK.isEmpty && liveY.isEmpty {
      if nK > 0 { liveK.insert(0) } else if outs.count > 0 { liveY = [0] }
    }
    while true {
      let needed = liveK.sorted().map { bodyOuts[$0] } + liveY.map { bodyOuts[nK + $0] }
      let reads = readVars(body.equations, needed)
      let more = (0..<nK).filter { !liveK.contains($0) && reads.contains(ObjectIdentifier(bodyIns[nC + $0])) }
      if more.isEmpty { break }
      liveK.formUnion(more)
    }
    if liveK.isEmpty && liveY.isEmpty { return ([], nil, forwarded) }
    let keptK = liveK.sorted()
    let newOuts = keptK.map { bodyOuts[$0] } + liveY.map { bodyOuts[nK + $0] }
    let eqOuts = keptK.map { outs[$0] } + liveY.map { outs[nK + $0] }
    let carryIns = keptK.map { bodyIns[nC + $0] }
    let carryOps = keptK.map { ins[nC + $0] }
    var constIns = Array(bodyIns[..<nC]), constOps = Array(ins[..<nC])
    var xIns = Array(bodyIns[(nC + nK)...]), xOps = Array(ins[(nC + nK)...])
    var eqns = liveEquations(body.equations, newOuts)

    // Loop-invariant code motion: equations reading only constants.
    var invariant = Set(constIns.map(ObjectIdentifier.init))
    var hoist = [Bool](repeating: false, count: eqns.count)
    // An effect runs once per iteration: never hoisted.
    for (i, q) in eqns.enumerated() where !q.inputs.isEmpty && !q.primitive.isControlFlow && !q.primitive.hasEffect {
      if q.inputs.allSatisfy({ if case .v(let v) = $0 { invariant.contains(ObjectIdentifier(v)) } else { true } }) {
        hoist[i] = true
        for o in q.outputs { invariant.insert(ObjectIdentifier(o)) }
      }
    }
    // Index-only invariants (broadcasts...) stay fused in the loop unless a
    // hoisted computation reads them.
    var neededOutside = Set<ObjectIdentifier>()
    for i in stride(from: eqns.count - 1, through: 0, by: -1) where hoist[i] {
      let q = eqns[i]
      if q.primitive.isIndexOnly && !q.outputs.contains(where: { neededOutside.contains(ObjectIdentifier($0)) }) {
        hoist[i] = false
        continue
      }
      for case .v(let v) in q.inputs { neededOutside.insert(ObjectIdentifier(v)) }
    }
    var pre: [Equation] = []
    if hoist.contains(true) {
      var toOuter = Substitution()
      for (v, a) in zip(constIns, constOps) { toOuter.replace(v, with: a) }
      var inner = Substitution()
      var kept: [Equation] = []
      for (i, q) in eqns.enumerated() {
        guard hoist[i] else {
          kept.append(q)
          continue
        }
        // Fresh outer variables: the body may be shared by another scan.
        var hoisted = toOuter.apply(q)
        hoisted.outputs = q.outputs.map { Var($0.aval) }
        pre.append(hoisted)
        // Hoisted results the loop still reads become new constants.
        for (o, outer) in zip(q.outputs, hoisted.outputs) {
          toOuter.replace(o, with: .v(outer))
          let inside = Var(o.aval)
          inner.replace(o, with: .v(inside))
          constIns.append(inside)
          constOps.append(.v(outer))
        }
      }
      eqns = kept.map(inner.apply)
      let finalOuts = newOuts.map(inner.resolve)
      // Program outputs of the body may now be a hoisted value: fine, it is
      // an input binder of the body.
      body = Jaxpr(constVars: [], inVars: [], equations: eqns, outputs: finalOuts)
    } else {
      body = Jaxpr(constVars: [], inVars: [], equations: eqns, outputs: newOuts)
    }

    // Unused constants and scanned-over inputs.
    let reads = readVars(body.equations, body.outputs)
    let keepC = constIns.indices.filter { reads.contains(ObjectIdentifier(constIns[$0])) }
    let keepX = xIns.indices.filter { reads.contains(ObjectIdentifier(xIns[$0])) }
    constIns = keepC.map { constIns[$0] }
    constOps = keepC.map { constOps[$0] }
    xIns = keepX.map { xIns[$0] }
    xOps = keepX.map { xOps[$0] }

    let newBody = Jaxpr(constVars: [], inVars: constIns + carryIns + xIns, equations: body.equations, outputs: body.outputs)
    let params = ScanParams(body: newBody, numConsts: constIns.count, numCarry: carryIns.count, length: p.length, reverse: p.reverse, unroll: p.unroll)
    return (pre, Equation(.scan(params), constOps + carryOps + xOps, eqOuts), forwarded)
  }

  /// Variables read by the equations needed for `outputs` (and the
  /// outputs themselves).
  static func readVars(_ eqns: [Equation], _ outputs: [Atom]) -> Set<ObjectIdentifier> {
    var live = Set<ObjectIdentifier>()
    for case .v(let v) in outputs { live.insert(ObjectIdentifier(v)) }
    for q in eqns.reversed() where q.primitive.hasEffect || q.outputs.contains(where: { live.contains(ObjectIdentifier($0)) }) {
      for case .v(let v) in q.inputs { live.insert(ObjectIdentifier(v)) }
    }
    return live
  }

  /// The equations needed for `outputs`, in order.
  static func liveEquations(_ eqns: [Equation], _ outputs: [Atom]) -> [Equation] {
    var live = Set<ObjectIdentifier>()
    for case .v(let v) in outputs { live.insert(ObjectIdentifier(v)) }
    var kept: [Equation] = []
    for q in eqns.reversed() where q.primitive.hasEffect || q.outputs.contains(where: { live.contains(ObjectIdentifier($0)) }) {
      kept.append(q)
      for case .v(let v) in q.inputs { live.insert(ObjectIdentifier(v)) }
    }
    return kept.reversed()
  }
}
