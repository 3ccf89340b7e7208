// Common-subexpression elimination: two equations with the same primitive
// (including its parameters) and the same operands compute the same
// values, so the second is replaced by the first.

/// An operand as a hashable key. Literals compare by bit pattern, not by
/// value: `0.0` and `-0.0` are different operands (`x * -0.0` ≠ `x * 0.0`),
/// and two NaN literals with the same bits are the same.
enum AtomKey: Hashable {
  case v(ObjectIdentifier)
  case literal(ShapedArray, UInt64)

  init(_ a: Atom) {
    switch a {
    case .v(let v): self = .v(ObjectIdentifier(v))
    case .literal(let l): self = .literal(l.aval, l.value.bitPattern0)
    }
  }
}

extension ConcreteArray {
  /// The raw bits of element 0, zero-extended.
  var bitPattern0: UInt64 {
    switch aval.dtype.byteSize {
    case 1: UInt64(data.load(as: UInt8.self))
    case 2: UInt64(data.load(as: UInt16.self))
    case 4: UInt64(data.load(as: UInt32.self))
    default: data.load(as: UInt64.self)
    }
  }
}

private struct EquationKey: Hashable {
  let primitive: Primitive
  let inputs: [AtomKey]
}

extension Optimizer {
  /// Replaces repeated computations by the first occurrence.
  ///
  /// ```swift
  /// // b = sin a; c = sin a; d = add b c   →   b = sin a; d = add b b
  /// Optimizer.eliminateCommonSubexpressions(&program)
  /// ```
  public static func eliminateCommonSubexpressions(_ program: inout ClosedJaxpr) {
    let j = program.jaxpr
    var seen: [EquationKey: [Var]] = [:]
    var sub = Substitution()
    var eqns: [Equation] = []
    eqns.reserveCapacity(j.equations.count)
    for eqn0 in j.equations {
      let eqn = sub.apply(eqn0)
      // Two identical effects are two effects.
      if eqn.primitive.hasEffect {
        eqns.append(eqn)
        continue
      }
      let key = EquationKey(primitive: eqn.primitive, inputs: eqn.inputs.map(AtomKey.init))
      if let prev = seen[key] {
        for (o, p) in zip(eqn.outputs, prev) { sub.replace(o, with: .v(p)) }
        continue
      }
      seen[key] = eqn.outputs
      eqns.append(eqn)
    }
    let outs = j.outputs.map(sub.resolve)
    program.jaxpr = Jaxpr(constVars: j.constVars, inVars: j.inVars, equations: eqns, outputs: outs)
  }
}
