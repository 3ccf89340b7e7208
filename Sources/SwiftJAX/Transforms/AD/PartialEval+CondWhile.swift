// Partial evaluation of `cond` and `while` (JAX's `_cond_partial_eval`
// and `_while_partial_eval`).
//
// cond: with a known index, every branch is split the same way (the
// union of the branches' unknown outputs is instantiated in all). The
// known cond returns the known outputs plus the residuals of whichever
// branch ran; branches produce different residuals, so they are merged
// into shared slots by type (JAX's `_merge_branch_residuals`), a branch
// filling the slots it does not use with zeros. The unknown cond takes
// the index, the slots and the unknown operands.
//
// while: the trip count is unknown until the loop runs, so residuals
// cannot be stored per iteration. The known carries are computed by a
// loop over the known part of the body; the unknown ones by recording the
// whole loop (recomputing the known part, like rematerialisation). That
// is enough for `linearize`/`jvp`; transposing the recorded loop is the
// error reverse mode reports (Transpose+ControlFlow.swift).

/// How one cond equation (with a known index) splits.
struct CondSplit {
  let outUnknown: [Bool]
  /// Operands: index, known operands. Outputs: known outputs, residual slots.
  let known: CondParams
  let numKnownOutputs: Int
  let residualAvals: [ShapedArray]
  /// Operands: index, residual slots, unknown operands.
  let unknown: CondParams
}

func splitCond(_ p: CondParams, operandsUnknown uk: [Bool]) -> CondSplit {
  let nOut = p.branches[0].outputs.count
  let outUk = p.branches.map { partialEvalJaxpr($0, unknownInputs: uk).outUnknown }
    .reduce(Array(repeating: false, count: nOut), orFlags)
  let splits = p.branches.map { partialEvalJaxpr($0, unknownInputs: uk, instantiate: outUk) }
  let numKnownOuts = outUk.filter { !$0 }.count

  // Residual slots: the k-th residual of a given type in any branch
  // shares the k-th slot of that type.
  var slotAvals: [ShapedArray] = []
  var slotsOfBranch: [[Int]] = []
  for s in splits {
    var mine: [Int] = []
    for r in s.unknown.inVars[..<s.numResiduals] {
      if let k = slotAvals.indices.first(where: { !mine.contains($0) && sameType(slotAvals[$0], r.aval) }) {
        mine.append(k)
      } else {
        slotAvals.append(r.aval.with(dtype: r.aval.dtype))
        mine.append(slotAvals.count - 1)
      }
    }
    slotsOfBranch.append(mine)
  }

  var known: [Jaxpr] = [], unknown: [Jaxpr] = []
  for (s, slots) in zip(splits, slotsOfBranch) {
    var eqns = s.known.equations
    var slotOuts: [Atom] = slotAvals.map { aval in
      let zero = Literal(adScalar(0, aval.dtype).concrete!)
      if aval.rank == 0 { return .literal(zero) }
      let v = Var(aval)
      eqns.append(Equation(.broadcastInDim(shape: aval.shape, broadcastDimensions: []), [.literal(zero)], [v]))
      return .v(v)
    }
    var slotIns = slotAvals.map(Var.init)
    for (j, k) in slots.enumerated() {
      slotOuts[k] = s.known.outputs[numKnownOuts + j]
      slotIns[k] = s.unknown.inVars[j]
    }
    known.append(pruneDeadEquations(Jaxpr(
      constVars: [], inVars: s.known.inVars, equations: eqns, outputs: Array(s.known.outputs[..<numKnownOuts]) + slotOuts)))
    unknown.append(Jaxpr(
      constVars: [], inVars: slotIns + s.unknown.inVars[s.numResiduals...], equations: s.unknown.equations,
      outputs: s.unknown.outputs))
  }
  return CondSplit(
    outUnknown: outUk, known: CondParams(branches: known), numKnownOutputs: numKnownOuts,
    residualAvals: slotAvals, unknown: CondParams(branches: unknown))
}

func condPartialEval(_ p: CondParams, _ trace: PartialEvalTrace, _ ts: [PartialEvalTracer], site: CallSite?) -> [Tensor] {
  // An unknown index (never the case under linearize: indices are
  // integers) leaves nothing to run now.
  guard let index = ts[0].known else { return trace.recordChecked(.cond(p), ts, site: site) }
  let ops = Array(ts.dropFirst())
  let uk = ops.map { $0.known == nil }
  let s = splitCond(p, operandsUnknown: uk)
  let knownOps = partition(ops, by: uk).off.map { $0.known! }
  let knownOuts = s.known.branches[0].outputs.isEmpty ? [] : bind(.cond(s.known), [index] + knownOps, site: site)
  let known = Array(knownOuts.prefix(s.numKnownOutputs))
  if !s.outUnknown.contains(true) { return known }
  let residuals = knownOuts.dropFirst(s.numKnownOutputs).map { trace.instantiate($0) }
  let unknownOuts = trace.recordChecked(.cond(s.unknown), [ts[0]] + residuals + partition(ops, by: uk).on, site: site)
  return merge(s.outUnknown, on: unknownOuts, off: known)
}

/// The variables among `eqn`'s known inputs: what an unknown equation
/// re-reading them needs as residuals.
func knownVarInputs(_ eqn: Equation, _ unks: [Bool]) -> [Var] {
  zip(eqn.inputs, unks).compactMap { a, u in
    if !u, case .v(let v) = a { return v }
    return nil
  }
}

func condPartialEvalJaxpr(_ p: CondParams, _ unks: [Bool], _ eqn: Equation)
  -> (known: Equation?, unknown: Equation?, outUnknown: [Bool], residuals: [Var])
{
  if !unks.contains(true) { return (eqn, nil, eqn.outputs.map { _ in false }, []) }
  if unks[0] { return (nil, eqn, eqn.outputs.map { _ in true }, knownVarInputs(eqn, unks)) }
  let uk = Array(unks.dropFirst())
  let s = splitCond(p, operandsUnknown: uk)
  let ops = Array(eqn.inputs.dropFirst())
  let residuals = s.residualAvals.map(Var.init)
  let knownOuts = partition(eqn.outputs, by: s.outUnknown).off + residuals
  let knownEqn = knownOuts.isEmpty ? nil : Equation(.cond(s.known), [eqn.inputs[0]] + partition(ops, by: uk).off, knownOuts)
  if !s.outUnknown.contains(true) { return (knownEqn, nil, s.outUnknown, []) }
  let unknownEqn = Equation(
    .cond(s.unknown), [eqn.inputs[0]] + residuals.map { .v($0) } + partition(ops, by: uk).on,
    partition(eqn.outputs, by: s.outUnknown).on)
  var resVars = residuals
  if case .v(let v) = eqn.inputs[0] { resVars.append(v) }
  return (knownEqn, unknownEqn, s.outUnknown, resVars)
}

/// The known part of a while loop: which carries are unknown, and a loop
/// computing the known ones (nil if the condition needs an unknown value
/// or no carry is known).
func splitWhile(_ p: WhileParams, unknown uk: [Bool]) -> (carryUnknown: [Bool], known: WhileParams?) {
  let cC = p.condNConsts, bC = p.bodyNConsts
  let condConstUk = Array(uk[..<cC]), bodyConstUk = Array(uk[cC..<(cC + bC)])
  let (bodySplit, carryUk) = carryFixpoint(Array(uk[(cC + bC)...])) { carryUk in
    let s = partialEvalJaxpr(p.body, unknownInputs: bodyConstUk + carryUk, instantiate: carryUk)
    return (s, s.outUnknown)
  }!
  let condSplit = partialEvalJaxpr(p.cond, unknownInputs: condConstUk + carryUk)
  if condSplit.outUnknown[0] || !carryUk.contains(false) { return (carryUk, nil) }
  let cond = pruneDeadEquations(Jaxpr(
    constVars: [], inVars: condSplit.known.inVars, equations: condSplit.known.equations,
    outputs: [condSplit.known.outputs[0]]))
  let body = pruneDeadEquations(Jaxpr(
    constVars: [], inVars: bodySplit.known.inVars, equations: bodySplit.known.equations,
    outputs: Array(bodySplit.known.outputs[..<carryUk.filter { !$0 }.count])))
  let known = WhileParams(
    cond: cond, body: body, condNConsts: condConstUk.filter { !$0 }.count, bodyNConsts: bodyConstUk.filter { !$0 }.count)
  return (carryUk, known)
}

/// Which operands the known while loop takes (its carries are the known ones).
func knownWhileOperands(_ p: WhileParams, _ uk: [Bool], carryUnknown: [Bool]) -> [Bool] {
  Array(uk[..<(p.condNConsts + p.bodyNConsts)]).map { !$0 } + carryUnknown.map { !$0 }
}

func whilePartialEval(_ p: WhileParams, _ trace: PartialEvalTrace, _ ts: [PartialEvalTracer], site: CallSite?) -> [Tensor] {
  let uk = ts.map { $0.known == nil }
  let (carryUk, known) = splitWhile(p, unknown: uk)
  let whole = trace.recordChecked(.whileLoop(p), ts, site: site)
  guard let known else { return whole }
  let operands = partition(ts, by: knownWhileOperands(p, uk, carryUnknown: carryUk)).on.map { $0.known! }
  let knownOuts = bind(.whileLoop(known), operands, site: site)
  return merge(carryUk, on: partition(whole, by: carryUk).on, off: knownOuts)
}

func whilePartialEvalJaxpr(_ p: WhileParams, _ unks: [Bool], _ eqn: Equation)
  -> (known: Equation?, unknown: Equation?, outUnknown: [Bool], residuals: [Var])
{
  if !unks.contains(true) { return (eqn, nil, eqn.outputs.map { _ in false }, []) }
  let (carryUk, known) = splitWhile(p, unknown: unks)
  guard let known else { return (nil, eqn, eqn.outputs.map { _ in true }, knownVarInputs(eqn, unks)) }
  let knownEqn = Equation(
    .whileLoop(known), partition(eqn.inputs, by: knownWhileOperands(p, unks, carryUnknown: carryUk)).on,
    partition(eqn.outputs, by: carryUk).off)
  // The whole loop again for the unknown carries; its known carry outputs
  // are bound by the known loop, so they get fresh (unused) variables.
  let outs = zip(eqn.outputs, carryUk).map { v, u in u ? v : Var(v.aval) }
  let unknownEqn = Equation(eqn.primitive, eqn.inputs, outs)
  return (knownEqn, unknownEqn, carryUk, knownVarInputs(eqn, unks))
}
