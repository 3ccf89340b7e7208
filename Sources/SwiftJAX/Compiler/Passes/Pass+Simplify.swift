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
      if let (extra, r) = foldReducedBroadcast(eqn, def), replaceable(r, eqn.outputs[0], j) {
        for e in extra {
          for o in e.outputs { producer[ObjectIdentifier(o)] = e }
          eqns.append(e)
        }
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
      case .rem, .pow, .max, .min, .atan2, .nextafter, .and, .or, .xor, .shiftLeft, .shiftRightLogical,
        .shiftRightArithmetic, .complex:
        break
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
    // No identity of these is rewritten.
    case .unary, .integerPow, .compare, .selectN, .clamp, .bitcastConvertType, .iota, .rev, .slice, .dynamicSlice,
      .dynamicUpdateSlice, .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .sort,
      .convGeneralDilated, .reduceWindow, .fft, .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      break
    }
    return nil
  }

  /// Collapses chains: reshape∘reshape, transpose∘transpose.
  private static func fuse(_ e: Equation, _ def: (Atom) -> Equation?) -> Equation? {
    switch e.primitive {
    case .reshape:
      if let d = def(e.inputs[0]), d.primitive.isShapeOnly { return Equation(e.primitive, [d.inputs[0]], e.outputs) }
    case .transpose(let outer):
      if let d = def(e.inputs[0]), case .transpose(let inner) = d.primitive {
        // out[i] = mid[outer[i]] = in[inner[outer[i]]]
        return Equation(.transpose(permutation: outer.map { inner[$0] }), [d.inputs[0]], e.outputs)
      }
    // No chain of these collapses.
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType, .iota,
      .broadcastInDim, .squeeze, .expandDims, .rev, .slice, .dynamicSlice, .dynamicUpdateSlice, .concatenate, .pad,
      .gather, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .sort, .convGeneralDilated, .reduceWindow, .fft,
      .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      break
    }
    return nil
  }

  private static func isLiteral(_ a: Atom, one: Bool) -> Bool {
    guard case .literal(let l) = a else { return false }
    switch l.value.element(0) {
    case .float(let d): return one ? d == 1 : (d == 0 && d.sign == .plus)
    // Complex identities would need both parts' signed zeros checked; no
    // rewrite is safer than a wrong one.
    case .complex: return false
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
    case .complex: return false
    case .int(let i): return i == 0
    case .uint(let u): return u == 0
    case .bool(let b): return !b
    }
  }
}

extension Optimizer {
  /// Float sums of a broadcast fold to `x * count` only from this count
  /// on: below it the loop is cheap and keeps jit bit-identical to eager
  /// (whose 8-lane summation of `count` copies rounds differently from one
  /// multiplication); above it the loop would run for seconds to hours, so
  /// the rewrite XLA applies under `jax.jit` wins.
  static let floatSumFoldMinCount: Int = 1 << 32

  /// Reductions of a broadcast over broadcast axes only (XLA's
  /// simplification, which makes `jit(sum(broadcast_to(x, [1 << 40])))`
  /// instant): max/min/and/or give the operand itself, integer sums
  /// `x * count` in wrapping arithmetic (exactly what the loop computes),
  /// float32/64 sums `x * count` for counts of at least
  /// ``floatSumFoldMinCount``. Looks through one `convert_element_type`.
  /// Returns the new equations and the atom replacing the reduction.
  static func foldReducedBroadcast(_ e: Equation, _ def: (Atom) -> Equation?) -> ([Equation], Atom)? {
    guard case .reduce(let op, let axes) = e.primitive, !axes.isEmpty, var b = def(e.inputs[0]) else { return nil }
    var convert: Equation? = nil
    if case .convertElementType = b.primitive, let inner = def(b.inputs[0]) {
      convert = b
      b = inner
    }
    guard case .broadcastInDim(let shape, let dims) = b.primitive, axes.allSatisfy({ !dims.contains($0) }) else { return nil }
    let out = e.outputs[0].aval
    let count = axes.reduce(1) { $0 * shape[$1] }  // validated shape: no overflow
    guard count > 0 else { return nil }  // an empty reduction is the identity element
    var mul = false
    switch op {
    case .max, .min, .and, .or: break
    case .sum where out.dtype.isBool: break
    case .sum where out.dtype.isInteger: mul = true
    case .sum where out.dtype == .float32 || out.dtype == .float64: if count < floatSumFoldMinCount { return nil }; mul = true
    case .sum, .prod, .xor: return nil
    }
    var eqns: [Equation] = []
    var x = b.inputs[0]
    if let c = convert {
      let v = Var(ShapedArray(shape: x.aval.shape, dtype: c.outputs[0].aval.dtype, weakType: c.outputs[0].aval.weakType))
      eqns.append(Equation(c.primitive, [x], [v]))
      x = .v(v)
    }
    // The kept axes keep their order, so each operand axis maps to its
    // position among them.
    let kept = (0..<shape.count).filter { !axes.contains($0) }
    if x.aval.shape != out.shape {
      let v = Var(out.with(dtype: x.aval.dtype, weakType: x.aval.weakType))
      eqns.append(Equation(.broadcastInDim(shape: out.shape, broadcastDimensions: dims.map { kept.firstIndex(of: $0)! }), [x], [v]))
      x = .v(v)
    }
    guard mul else { return (eqns, x) }
    let n = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: out.dtype, weakType: out.weakType))
    // Integer counts wrap like the loop's sum; float counts round once.
    n.setElement(0, out.dtype.isFloatingPoint ? .float(Double(count)) : .uint(UInt64(count)))
    let v = Var(out)
    eqns.append(Equation(.binary(.mul), [x, .literal(Literal(n))], [v]))
    return (eqns, .v(v))
  }
}
