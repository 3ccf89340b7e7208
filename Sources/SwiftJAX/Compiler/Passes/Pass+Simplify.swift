// Algebraic simplification. Every rule is exact in IEEE arithmetic and in
// wrapping integer arithmetic; rules that are only "mathematically" true
// (x + 0.0 → x breaks -0.0; x * 0 → 0 breaks NaN/Inf) are not applied.

extension Optimizer {
  /// Applies local rewrites: `x * 1`, `x + 0` (integers; `x + -0.0` and
  /// `x - 0.0` for floats), `neg(neg x)`, `not(not x)`, identity and
  /// chained reshapes/transposes/converts, and broadcasts of scalars feeding
  /// elementwise ops (which accept rank-0 operands directly).
  ///
  /// ```swift
  /// // b = mul a 1.0; c = neg b; d = neg c   →   (a,)
  /// Optimizer.simplify(&program)
  /// ```
  public static func simplify(_ program: inout ClosedJaxpr) {
    let j = program.jaxpr
    var producer: [ObjectIdentifier: Equation] = [:]
    var sub = Substitution()
    var eqns: [Equation] = []
    eqns.reserveCapacity(j.equations.count)
    func def(_ a: Atom) -> Equation? {
      if case .v(let v) = a { return producer[ObjectIdentifier(v)] }
      return nil
    }
    for eqn0 in j.equations {
      var eqn = sub.apply(eqn0)
      // Scalar broadcasts feeding elementwise ops: use the scalar itself.
      if eqn.primitive.acceptsScalarOperands {
        for (i, a) in eqn.inputs.enumerated() {
          guard let b = def(a), case .broadcastInDim(_, let dims) = b.primitive, dims.isEmpty,
            b.inputs[0].aval.dtype == a.aval.dtype
          else { continue }
          var trial = eqn.inputs
          trial[i] = b.inputs[0]
          if let outs = try? eqn.primitive.abstractEval(trial.map(\.aval)),
            outs.map(\.shape) == eqn.outputs.map(\.aval.shape),
            outs.map(\.dtype) == eqn.outputs.map(\.aval.dtype)
          {
            eqn.inputs = trial
          }
        }
      }
      // Collapse chains first: the collapsed equation may be an identity.
      if let e = fuse(eqn, def) { eqn = e }
      if let r = rewrite(eqn, def), replaceable(r, eqn.outputs[0], j) {
        sub.replace(eqn.outputs[0], with: r)
        continue
      }
      for o in eqn.outputs { producer[ObjectIdentifier(o)] = eqn }
      eqns.append(eqn)
    }
    program.jaxpr = Jaxpr(constVars: j.constVars, inVars: j.inVars, equations: eqns, outputs: j.outputs.map(sub.resolve))
  }

  /// A replacement must have the output's shape and dtype, and its weak
  /// type too when the value is a program output (visible to the caller).
  private static func replaceable(_ r: Atom, _ v: Var, _ j: Jaxpr) -> Bool {
    if r.aval == v.aval { return true }
    return r.aval.shape == v.aval.shape && r.aval.dtype == v.aval.dtype && !isProgramOutput(v, j)
  }

  private static func isProgramOutput(_ v: Var, _ j: Jaxpr) -> Bool {
    j.outputs.contains { if case .v(let o) = $0 { return o === v } else { return false } }
  }

  /// An atom equal to the equation's single output, if one exists.
  private static func rewrite(_ e: Equation, _ def: (Atom) -> Equation?) -> Atom? {
    guard e.outputs.count == 1 else { return nil }
    let out = e.outputs[0].aval
    switch e.primitive {
    case .binary(let op):
      let (a, b) = (e.inputs[0], e.inputs[1])
      func sameAsOut(_ x: Atom) -> Bool { x.aval.shape == out.shape && x.aval.dtype == out.dtype }
      switch op {
      case .mul:
        if isLiteral(b, one: true), sameAsOut(a) { return a }
        if isLiteral(a, one: true), sameAsOut(b) { return b }
      case .add:
        if isAdditiveIdentity(b), sameAsOut(a) { return a }
        if isAdditiveIdentity(a), sameAsOut(b) { return b }
      case .sub:
        // x - (+0) == x for floats too (-0 - +0 == -0).
        if isLiteral(b, one: false), !b.aval.dtype.isBool, sameAsOut(a) { return a }
      case .div:
        if isLiteral(b, one: true), !a.aval.dtype.isBool, sameAsOut(a) { return a }
      default: break
      }
    case .unary(.neg):
      if let d = def(e.inputs[0]), d.primitive == .unary(.neg) { return d.inputs[0] }
    case .unary(.not):
      if let d = def(e.inputs[0]), d.primitive == .unary(.not) { return d.inputs[0] }
    case .reshape(let sizes):
      if sizes == e.inputs[0].aval.shape { return e.inputs[0] }
    case .transpose(let perm):
      if perm == Array(0..<perm.count) { return e.inputs[0] }
    case .convertElementType(let d, let weak):
      if e.inputs[0].aval.dtype == d && e.inputs[0].aval.weakType == weak { return e.inputs[0] }
    case .broadcastInDim(let shape, _):
      if shape == e.inputs[0].aval.shape { return e.inputs[0] }
    case .squeeze(let dims), .expandDims(let dims):
      if dims.isEmpty { return e.inputs[0] }
    default: break
    }
    return nil
  }

  /// Collapses chains: reshape∘reshape, transpose∘transpose.
  private static func fuse(_ e: Equation, _ def: (Atom) -> Equation?) -> Equation? {
    switch e.primitive {
    case .reshape:
      if let d = def(e.inputs[0]) {
        switch d.primitive {
        case .reshape, .squeeze, .expandDims: return Equation(e.primitive, [d.inputs[0]], e.outputs)
        default: break
        }
      }
    case .transpose(let outer):
      if let d = def(e.inputs[0]), case .transpose(let inner) = d.primitive {
        // out[i] = mid[outer[i]] = in[inner[outer[i]]]
        return Equation(.transpose(permutation: outer.map { inner[$0] }), [d.inputs[0]], e.outputs)
      }
    default: break
    }
    return nil
  }

  private static func isLiteral(_ a: Atom, one: Bool) -> Bool {
    guard case .literal(let l) = a else { return false }
    switch l.value.element(0) {
    case .float(let d): return one ? d == 1 : (d == 0 && d.sign == .plus)
    case .int(let i): return i == (one ? 1 : 0)
    case .uint(let u): return u == (one ? 1 : 0)
    case .bool(let b): return b == one
    }
  }

  /// `0` for integers and bool; only `-0.0` for floats.
  private static func isAdditiveIdentity(_ a: Atom) -> Bool {
    guard case .literal(let l) = a else { return false }
    switch l.value.element(0) {
    case .float(let d): return d == 0 && d.sign == .minus
    case .int(let i): return i == 0
    case .uint(let u): return u == 0
    case .bool(let b): return !b
    }
  }
}

extension Primitive {
  /// Elementwise primitives whose operands may be rank 0 in place of a
  /// broadcast (the shape rules allow it).
  var acceptsScalarOperands: Bool {
    switch self {
    case .binary, .compare, .clamp: true
    default: false
    }
  }
}
