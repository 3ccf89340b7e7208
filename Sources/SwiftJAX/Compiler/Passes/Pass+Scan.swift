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
    var s = ScanSlots(body: opt.body, operands: ins, outputs: e.outputs, numConsts: p.numConsts + opt.added, numCarry: p.numCarry)
    let forwarded = s.forwardUnchangedCarries()
    guard let (keptK, liveY) = s.liveOutputs(uses: uses) else { return ([], nil, forwarded) }
    let nC = s.nC, nK = s.nK
    let newOuts = keptK.map { s.bodyOuts[$0] } + liveY.map { s.bodyOuts[nK + $0] }
    let eqOuts = keptK.map { s.outs[$0] } + liveY.map { s.outs[nK + $0] }
    let carryIns = keptK.map { s.bodyIns[nC + $0] }
    let carryOps = keptK.map { s.ins[nC + $0] }
    var constIns = Array(s.bodyIns[..<nC]), constOps = Array(s.ins[..<nC])
    var xIns = Array(s.bodyIns[(nC + nK)...]), xOps = Array(s.ins[(nC + nK)...])
    let (pre, eqns, outs) = hoistInvariants(liveEquations(s.body.equations, newOuts), newOuts, &constIns, &constOps)
    // Program outputs of the body may now be a hoisted value: fine, it is
    // an input binder of the body.
    let body = Jaxpr(constVars: [], inVars: [], equations: eqns, outputs: outs)

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

  /// Loop-invariant code motion: equations of `eqns` reading only the
  /// constants `constIns` (bound to `constOps` outside) move before the
  /// scan; hoisted results the loop still reads become new constants.
  /// Returns the hoisted equations, the remaining body and its outputs.
  private static func hoistInvariants(
    _ eqns: [Equation], _ outputs: [Atom], _ constIns: inout [Var], _ constOps: inout [Atom]
  ) -> (pre: [Equation], body: [Equation], outputs: [Atom]) {
    let hoist = invariantEquations(eqns, constIns)
    guard hoist.contains(true) else { return ([], eqns, outputs) }
    var pre: [Equation] = []
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
      for (o, outer) in zip(q.outputs, hoisted.outputs) {
        toOuter.replace(o, with: .v(outer))
        let inside = Var(o.aval)
        inner.replace(o, with: .v(inside))
        constIns.append(inside)
        constOps.append(.v(outer))
      }
    }
    return (pre, kept.map(inner.apply), outputs.map(inner.resolve))
  }

  /// Which equations to hoist: those reading only constants (or values
  /// computed from them), except effects, control flow, and index-only
  /// invariants (broadcasts...) that no hoisted computation reads, which
  /// stay fused in the loop.
  private static func invariantEquations(_ eqns: [Equation], _ constIns: [Var]) -> [Bool] {
    var invariant = Set(constIns.map(ObjectIdentifier.init))
    var hoist = [Bool](repeating: false, count: eqns.count)
    // An effect runs once per iteration: never hoisted.
    for (i, q) in eqns.enumerated() where !q.inputs.isEmpty && !q.primitive.isControlFlow && !q.primitive.hasEffect {
      if q.inputs.allSatisfy({ if case .v(let v) = $0 { invariant.contains(ObjectIdentifier(v)) } else { true } }) {
        hoist[i] = true
        for o in q.outputs { invariant.insert(ObjectIdentifier(o)) }
      }
    }
    var neededOutside = Set<ObjectIdentifier>()
    for i in stride(from: eqns.count - 1, through: 0, by: -1) where hoist[i] {
      let q = eqns[i]
      if q.primitive.isIndexOnly && !q.outputs.contains(where: { neededOutside.contains(ObjectIdentifier($0)) }) {
        hoist[i] = false
        continue
      }
      for case .v(let v) in q.inputs { neededOutside.insert(ObjectIdentifier(v)) }
    }
    return hoist
  }
}

/// A scan's body binders and outputs next to the equation's operands and
/// outputs, as forwarding carries reorders them.
private struct ScanSlots {
  let body: Jaxpr
  var bodyIns: [Var], bodyOuts: [Atom]
  var ins: [Atom], outs: [Var]
  var nC: Int, nK: Int

  init(body: Jaxpr, operands: [Atom], outputs: [Var], numConsts: Int, numCarry: Int) {
    self.body = body
    bodyIns = body.inVars
    bodyOuts = body.outputs
    ins = operands
    outs = outputs
    nC = numConsts
    nK = numCarry
  }

  /// Forwarded carries: the body returns its input unchanged, so the value
  /// is a loop constant and the scan's output is the initial value. Moves
  /// such carries to the constants; returns the replacements of their
  /// outputs.
  mutating func forwardUnchangedCarries() -> [(Var, Atom)] {
    var forwarded: [(Var, Atom)] = []
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
    return forwarded
  }

  /// The live carries (sorted) and stacked outputs: read outside, or
  /// needed by a live output inside; nil when none is.
  func liveOutputs(uses: [ObjectIdentifier: Int]) -> (carries: [Int], ys: [Int])? {
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
      let reads = Optimizer.readVars(body.equations, needed)
      let more = (0..<nK).filter { !liveK.contains($0) && reads.contains(ObjectIdentifier(bodyIns[nC + $0])) }
      if more.isEmpty { break }
      liveK.formUnion(more)
    }
    if liveK.isEmpty && liveY.isEmpty { return nil }
    return (liveK.sorted(), liveY)
  }
}
