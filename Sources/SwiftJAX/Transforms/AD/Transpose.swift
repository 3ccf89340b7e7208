// Transposition of linear Jaxprs (Autodidax's `backward_pass`): walk the
// equations backwards, pushing output cotangents to input cotangents with
// each primitive's transpose rule. Equations that do not depend on the
// linear inputs are evaluated forward first (they compute constants of
// the linear map).

/// An operand of a linear equation during transposition: a linear input
/// (only its type is known; its cotangent is wanted) or a constant value.
enum TransposeOperand {
  case linear(ShapedArray)
  case value(Tensor)

  var aval: ShapedArray {
    switch self {
    case .linear(let a): a
    case .value(let t): t.aval
    }
  }
  var isLinear: Bool { if case .linear = self { true } else { false } }
  /// The constant value (rules only ask for operands that are constants).
  var value: Tensor {
    if case .value(let t) = self { return t }
    fatalError("transpose rule asked for the value of a linear operand")
  }
}

/// Transposes `jaxpr` (linear in all its inputs) at output cotangents
/// `cotangents` (nil = zero): returns one cotangent per input (nil = zero).
func backwardPass(_ closed: ClosedJaxpr, cotangents: [Tensor?]) -> [Tensor?] {
  let jaxpr = closed.jaxpr
  var values: [ObjectIdentifier: Tensor] = [:]
  var linear = Set<ObjectIdentifier>()
  for (v, c) in zip(jaxpr.constVars, closed.consts) { values[ObjectIdentifier(v)] = c }
  for v in jaxpr.inVars { linear.insert(ObjectIdentifier(v)) }
  func isLinear(_ a: Atom) -> Bool {
    if case .v(let v) = a { return linear.contains(ObjectIdentifier(v)) }
    return false
  }
  func read(_ a: Atom) -> Tensor {
    switch a {
    case .v(let v): values[ObjectIdentifier(v)]!
    case .literal(let l): Tensor(value: l.value)
    }
  }
  // Forward: evaluate the non-linear equations, collect the linear ones.
  var linearEqns: [Equation] = []
  for eqn in jaxpr.equations {
    if eqn.inputs.contains(where: isLinear) {
      linearEqns.append(eqn)
      for v in eqn.outputs { linear.insert(ObjectIdentifier(v)) }
    } else {
      let outs = bind(eqn.primitive, eqn.inputs.map(read))
      for (v, x) in zip(eqn.outputs, outs) { values[ObjectIdentifier(v)] = x }
    }
  }
  // Backward: accumulate cotangents.
  var cts: [ObjectIdentifier: Tensor] = [:]
  func accumulate(_ a: Atom, _ ct: Tensor?) {
    guard let ct, case .v(let v) = a, linear.contains(ObjectIdentifier(v)) else { return }
    let key = ObjectIdentifier(v)
    if let old = cts[key] { cts[key] = Lax.add(old, ct) } else { cts[key] = ct }
  }
  for (a, ct) in zip(jaxpr.outputs, cotangents) { accumulate(a, ct) }
  for eqn in linearEqns.reversed() {
    let ctsOut = eqn.outputs.map { cts.removeValue(forKey: ObjectIdentifier($0)) }
    if ctsOut.allSatisfy({ $0 == nil }) { continue }
    let operands: [TransposeOperand] = eqn.inputs.map { isLinear($0) ? .linear($0.aval) : .value(read($0)) }
    let ctsIn = eqn.primitive.transposeRule(ctsOut, operands)
    for (a, ct) in zip(eqn.inputs, ctsIn) { accumulate(a, ct) }
  }
  return jaxpr.inVars.map { cts[ObjectIdentifier($0)] }
}
