// Partial evaluation of `scan` (JAX's `_scan_partial_eval`): the body is
// split into a known part and an unknown part, and the loop into two
// loops. The known scan runs now and also emits, per iteration, the
// residuals the unknown body needs, stacked as extra `ys`; the unknown
// scan is recorded and reads them back as extra `xs`. Under `linearize`
// the known scan is the primal computation and the unknown one is the
// linear tangent loop that `Transpose+ControlFlow` reverses.
//
// Residuals that do not change across iterations are not stacked: a
// residual that is a known constant operand is passed as a constant of
// the unknown scan, a known scanned-over operand is passed as is, and (at
// trace level, where the known constants have values) a residual computed
// from constants alone is hoisted out of the loop and computed once.

/// How one scan equation splits into a known and an unknown scan.
struct ScanSplit {
  /// Per operand, whether it is unknown after the carry fixpoint (a known
  /// initial carry becomes unknown if the body makes its update unknown).
  let unknownOperands: [Bool]
  /// Per output (carries, then ys).
  let outUnknown: [Bool]
  /// The known scan: operands are the known operands in order; outputs
  /// are the known outputs, then the stacked residuals. nil if it has no
  /// outputs.
  let known: ScanParams?
  let numKnownOutputs: Int
  /// Loop-invariant residuals as a jaxpr of the known constants (trace
  /// level only).
  let hoisted: Jaxpr?
  /// The unknown scan (nil if no output is unknown) and where each of its
  /// operands comes from; `.knownOutput(k)` indexes the known scan's outputs.
  let unknown: ScanParams?
  let unknownSources: [OperandSource]
}

/// Splits scan `p` given which operands are unknown. With `hoist`,
/// residuals computed from known constants alone become a separate
/// jaxpr (``ScanSplit/hoisted``) evaluated once before the loop.
func splitScan(_ p: ScanParams, unknown uk: [Bool], hoist: Bool) -> ScanSplit {
  let nC = p.numConsts, nK = p.numCarry, nY = p.numYs
  let constUk = Array(uk[..<nC]), xsUk = Array(uk[(nC + nK)...])
  let (split, carryUk) = carryFixpoint(Array(uk[nC..<(nC + nK)])) { carryUk in
    let s = partialEvalJaxpr(p.body, unknownInputs: constUk + carryUk + xsUk, instantiate: carryUk + Array(repeating: false, count: nY))
    return (s, Array(s.outUnknown[..<nK]))
  }!
  let inUk = constUk + carryUk + xsUk
  let j1 = split.known, j2 = split.unknown
  let numKnownOuts = j1.outputs.count - split.numResiduals
  let residualVars = Array(j2.inVars[..<split.numResiduals])

  // Known binders by the operand they receive.
  let knownOperandIndices = uk.indices.filter { !inUk[$0] }
  var operandOfKnownBinder: [ObjectIdentifier: Int] = [:]
  for (v, i) in zip(j1.inVars, knownOperandIndices) { operandOfKnownBinder[ObjectIdentifier(v)] = i }
  let numKnownConsts = constUk.filter { !$0 }.count

  // Values of the known body that depend on nothing but its constants.
  var constOnly = Set(j1.inVars[..<numKnownConsts].map { ObjectIdentifier($0) })
  var constOnlyEquations: [Equation] = []
  if hoist {
    for e in j1.equations where e.inputs.allSatisfy({ a in
      if case .v(let v) = a { return constOnly.contains(ObjectIdentifier(v)) }
      return true
    }) {
      constOnlyEquations.append(e)
      for v in e.outputs { constOnly.insert(ObjectIdentifier(v)) }
    }
  }

  var invariantVars: [Var] = [], invariantSources: [OperandSource] = []
  var perIterationVars: [Var] = [], perIterationSources: [OperandSource] = []
  var stacked: [Atom] = []
  var hoistedOuts: [Atom] = []
  for r in residualVars {
    let id = ObjectIdentifier(r)
    if let i = operandOfKnownBinder[id], i < nC {
      invariantVars.append(r)
      invariantSources.append(.operand(i))
    } else if let i = operandOfKnownBinder[id], i >= nC + nK {
      perIterationVars.append(r)
      perIterationSources.append(.operand(i))
    } else if constOnly.contains(id) {
      invariantVars.append(r)
      invariantSources.append(.hoisted(hoistedOuts.count))
      hoistedOuts.append(.v(r))
    } else {
      perIterationVars.append(r)
      perIterationSources.append(.knownOutput(numKnownOuts + stacked.count))
      stacked.append(.v(r))
    }
  }

  let knownBody = pruneDeadEquations(Jaxpr(
    constVars: [], inVars: j1.inVars, equations: j1.equations, outputs: Array(j1.outputs[..<numKnownOuts]) + stacked))
  let known = knownBody.outputs.isEmpty ? nil : ScanParams(
    body: knownBody, numConsts: numKnownConsts, numCarry: carryUk.filter { !$0 }.count,
    length: p.length, reverse: p.reverse, unroll: p.unroll)
  let hoisted = hoistedOuts.isEmpty ? nil : pruneDeadEquations(Jaxpr(
    constVars: [], inVars: Array(j1.inVars[..<numKnownConsts]), equations: constOnlyEquations, outputs: hoistedOuts))

  let numUnknownConsts = constUk.filter { $0 }.count
  let unknownOperandIndices = uk.indices.filter { inUk[$0] }
  let unknownBody = Jaxpr(
    constVars: [], inVars: invariantVars + j2.inVars[split.numResiduals...] + perIterationVars,
    equations: j2.equations, outputs: j2.outputs)
  let unknown = !split.outUnknown.contains(true) ? nil : ScanParams(
    body: unknownBody, numConsts: invariantVars.count + numUnknownConsts, numCarry: carryUk.filter { $0 }.count,
    length: p.length, reverse: p.reverse, unroll: p.unroll)
  return ScanSplit(
    unknownOperands: inUk, outUnknown: split.outUnknown, known: known, numKnownOutputs: numKnownOuts,
    hoisted: hoisted, unknown: unknown,
    unknownSources: invariantSources + unknownOperandIndices.map { .operand($0) } + perIterationSources)
}

extension PartialEvalTrace {
  /// Records `primitive` on `inputs` (checking its shape rule), as the
  /// default rule does for primitives without sub-jaxprs.
  func recordChecked(_ primitive: Primitive, _ inputs: [PartialEvalTracer], site: CallSite?) -> [Tensor] {
    do {
      return record(primitive, inputs, outAvals: try primitive.abstractEval(inputs.map(\.aval)))
    } catch {
      var e = error
      if e.site == nil { e.site = site }
      JAXError.raise(e)
      return Array(repeating: .invalid, count: primitive.outputCount(inputCount: inputs.count))
    }
  }
}

/// The trace-level rule: run the known scan (and hoisted residuals) now,
/// record the unknown scan.
func scanPartialEval(_ p: ScanParams, _ trace: PartialEvalTrace, _ ts: [PartialEvalTracer], site: CallSite?) -> [Tensor] {
  let s = splitScan(p, unknown: ts.map { $0.known == nil }, hoist: true)
  let knownValues = partition(ts, by: s.unknownOperands.map { !$0 }).on.map { $0.known! }
  let knownOuts = s.known.map { bind(.scan($0), knownValues, site: site) } ?? []
  let numKnownConsts = s.unknownOperands[..<p.numConsts].filter { !$0 }.count
  let hoisted = s.hoisted.map { evalJaxpr($0, consts: [], args: Array(knownValues[..<numKnownConsts])) } ?? []
  let known = Array(knownOuts.prefix(s.numKnownOutputs))
  guard let unknown = s.unknown else { return known }
  let inputs = s.unknownSources.map { src -> PartialEvalTracer in
    switch src {
    case .operand(let i): ts[i]
    case .knownOutput(let k): trace.instantiate(knownOuts[k])
    case .hoisted(let k): trace.instantiate(hoisted[k])
    }
  }
  let unknownOuts = trace.recordChecked(.scan(unknown), inputs, site: site)
  return merge(s.outUnknown, on: unknownOuts, off: known)
}

/// The Jaxpr-level rule (a scan nested in a body being split): the known
/// scan and the unknown scan become equations of the known and unknown
/// jaxprs; stacked residuals are new variables passed between them.
func scanPartialEvalJaxpr(_ p: ScanParams, _ unks: [Bool], _ eqn: Equation)
  -> (known: Equation?, unknown: Equation?, outUnknown: [Bool], residuals: [Var])
{
  if !unks.contains(true) { return (eqn, nil, eqn.outputs.map { _ in false }, []) }
  let s = splitScan(p, unknown: unks, hoist: false)
  let knownOutVars = partition(eqn.outputs, by: s.outUnknown.map { !$0 }).on
  let stackedVars = (s.known?.body.outAvals.dropFirst(s.numKnownOutputs) ?? []).map {
    Var(ShapedArray(shape: [p.length] + $0.shape, dtype: $0.dtype, weakType: $0.weakType))
  }
  let knownOuts = knownOutVars + stackedVars
  let knownEqn = s.known.map {
    Equation(.scan($0), partition(eqn.inputs, by: s.unknownOperands.map { !$0 }).on, knownOuts)
  }
  guard let unknown = s.unknown else { return (knownEqn, nil, s.outUnknown, []) }
  var residuals: [Var] = []
  let inputs = s.unknownSources.map { src -> Atom in
    switch src {
    case .operand(let i):
      if !unks[i], case .v(let v) = eqn.inputs[i] { residuals.append(v) }
      return eqn.inputs[i]
    case .knownOutput(let k):
      residuals.append(knownOuts[k])
      return .v(knownOuts[k])
    case .hoisted:
      fatalError("hoisting is off for the Jaxpr-level rule")
    }
  }
  let unknownEqn = Equation(.scan(unknown), inputs, partition(eqn.outputs, by: s.outUnknown).on)
  return (knownEqn, unknownEqn, s.outUnknown, residuals)
}
