// linearize = JVP + partial evaluation (as in JAX): primals are known,
// tangents unknown, so running the JVP computes the primal outputs now
// and records the tangent computation as a linear Jaxpr. Transposing that
// Jaxpr gives the VJP.

/// The linear tangent map of a function at a point: a Jaxpr from the
/// tangents of the differentiable inputs to the tangents of the outputs
/// that are not known to be zero.
struct LinearMap {
  /// The linear program: inputs are the tangents of `inAvals[i]` for
  /// every `i` with `differentiableInputs[i]`; outputs are the tangents
  /// of `outAvals[j]` for every `j` with `nonzeroOutputs[j]`.
  let jaxpr: ClosedJaxpr
  let inAvals: [ShapedArray]
  let outAvals: [ShapedArray]
  let differentiableInputs: [Bool]
  let nonzeroOutputs: [Bool]

  /// Applies the tangent map (forward).
  func apply(_ tangents: [Tensor?]) -> [Tensor] {
    var ins: [Tensor] = []
    for (i, d) in differentiableInputs.enumerated() where d {
      ins.append(instantiateTangent(tangents[i], inAvals[i]))
    }
    var outs = jaxpr(ins)[...]
    return zip(nonzeroOutputs, outAvals).map { nz, aval in nz ? outs.removeFirst() : instantiateTangent(nil, aval) }
  }

  /// Applies the transposed map: cotangents of the outputs (nil = zero)
  /// to cotangents of the inputs (nil = zero).
  func transpose(_ cts: [Tensor?]) -> [Tensor?] {
    var linearCts: [Tensor?] = []
    for (j, nz) in nonzeroOutputs.enumerated() where nz { linearCts.append(cts[j]) }
    var inCts = backwardPass(jaxpr, cotangents: linearCts)[...]
    return differentiableInputs.map { $0 ? inCts.removeFirst() : nil }
  }
}

/// JAX's `linearize` on flat lists: the primal outputs and the linear map.
func linearizeFlat(_ f: ([Tensor]) -> [Tensor], _ primals: [Tensor]) -> ([Tensor], LinearMap) {
  InterpreterContext.withNewTrace({ PartialEvalTrace(level: $0) }) { pe in
    let differentiable = primals.map { $0.dtype.isDifferentiable }
    var tangentIns: [PartialEvalTracer] = []
    let tangents: [Tensor?] = primals.map { p in
      guard p.dtype.isDifferentiable else { return nil }
      let t = pe.newArgument(tangentAval(p.aval))
      tangentIns.append(t)
      return Tensor(value: t)
    }
    let (outs, outTangents) = jvpFlat(f, primals: primals, tangents: tangents)
    var primalOuts: [Tensor] = []
    for o in outs {
      if let t = o.value as? PartialEvalTracer, t.trace === pe {
        if let k = t.known {
          primalOuts.append(k)
        } else {
          // A primal depending on a tangent: only possible for a broken rule.
          JAXError.raise(JAXError(.transformation, "linearize", "internal error: a primal output depends on the tangents"))
          primalOuts.append(.invalid)
        }
      } else {
        primalOuts.append(o)
      }
    }
    var nonzero: [Bool] = []
    var tangentOuts: [PartialEvalTracer] = []
    for t in outTangents {
      if let t {
        nonzero.append(true)
        tangentOuts.append(pe.instantiate(t))
      } else {
        nonzero.append(false)
      }
    }
    let jaxpr = pe.buildJaxpr(inputs: tangentIns, outputs: tangentOuts)
    let map = LinearMap(
      jaxpr: jaxpr, inAvals: primals.map(\.aval), outAvals: outs.map(\.aval),
      differentiableInputs: differentiable, nonzeroOutputs: nonzero)
    return (primalOuts, map)
  }
}

/// Splits a Jaxpr into the part computable from known inputs and the
/// part needing unknown ones (Autodidax's `partial_eval_jaxpr`, JAX's
/// `partial_eval_jaxpr_nounits`). Constant binders are known.
///
/// Returns `known`: (known inputs) → (known outputs, residuals), and
/// `unknown`: (residuals, unknown inputs) → (unknown outputs). Outputs
/// whose `instantiate` flag is set are made unknown (passed through as
/// residuals). Control-flow rules call this repeatedly until the
/// unknown-ness of loop carries reaches a fixpoint.
func partialEvalJaxpr(
  _ jaxpr: Jaxpr, unknownInputs: [Bool], instantiate: [Bool]? = nil
) -> (known: Jaxpr, unknown: Jaxpr, outUnknown: [Bool], numResiduals: Int) {
  var unknown = Set<ObjectIdentifier>()
  var residuals: [Var] = []
  var residualSet = Set<ObjectIdentifier>()
  func isUnknown(_ a: Atom) -> Bool {
    if case .v(let v) = a { return unknown.contains(ObjectIdentifier(v)) }
    return false
  }
  func residual(_ a: Atom) {
    if case .v(let v) = a, residualSet.insert(ObjectIdentifier(v)).inserted { residuals.append(v) }
  }
  for (v, u) in zip(jaxpr.inVars, unknownInputs) where u { unknown.insert(ObjectIdentifier(v)) }
  var known: [Equation] = []
  var staged: [Equation] = []
  for eqn in jaxpr.equations {
    let unks = eqn.inputs.map(isUnknown)
    if let rule = eqn.primitive.partialEvalJaxprRule {
      let (k, u, outUnk, res) = rule(unks, eqn)
      if let k { known.append(k) }
      if let u { staged.append(u) }
      for r in res { residual(.v(r)) }
      for (v, isU) in zip(eqn.outputs, outUnk) where isU { unknown.insert(ObjectIdentifier(v)) }
    } else if unks.contains(true) {
      for (a, isU) in zip(eqn.inputs, unks) where !isU { residual(a) }
      staged.append(eqn)
      for v in eqn.outputs { unknown.insert(ObjectIdentifier(v)) }
    } else {
      known.append(eqn)
    }
  }
  var outUnknown = jaxpr.outputs.map(isUnknown)
  if let instantiate {
    for (i, (a, inst)) in zip(jaxpr.outputs, instantiate).enumerated() where inst && !outUnknown[i] {
      residual(a)
      outUnknown[i] = true
    }
  }
  // Literal outputs that must be instantiated cannot be residual vars;
  // the unknown program outputs them directly.
  let knownIns = zip(jaxpr.inVars, unknownInputs).filter { !$0.1 }.map(\.0)
  let unknownIns = zip(jaxpr.inVars, unknownInputs).filter { $0.1 }.map(\.0)
  let knownOuts = zip(jaxpr.outputs, outUnknown).filter { !$0.1 }.map(\.0)
  let unknownOuts = zip(jaxpr.outputs, outUnknown).filter { $0.1 }.map(\.0)
  let j1 = Jaxpr(
    constVars: jaxpr.constVars, inVars: knownIns, equations: known, outputs: knownOuts + residuals.map { .v($0) })
  let j2 = Jaxpr(constVars: [], inVars: residuals + unknownIns, equations: staged, outputs: unknownOuts)
  return (j1, j2, outUnknown, residuals.count)
}
