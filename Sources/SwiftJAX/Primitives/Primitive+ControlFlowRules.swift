// Shape rules of the control-flow primitives: operands must match the
// sub-jaxprs' binders, and loop carries must keep their types.

/// Same shape and dtype (weak types may differ, as JAX allows).
func sameType(_ a: ShapedArray, _ b: ShapedArray) -> Bool { a.shape == b.shape && a.dtype == b.dtype }

extension ScanParams {
  func abstractEval(_ ins: [ShapedArray]) throws(JAXError) -> [ShapedArray] {
    func fail(_ k: JAXError.Kind, _ m: String) -> JAXError { JAXError(k, "scan", m) }
    let inAvals = body.inAvals
    if ins.count != inAvals.count {
      throw fail(.value, "expected \(inAvals.count) operands (\(numConsts) consts, \(numCarry) carry, \(numXs) xs), got \(ins.count)")
    }
    for i in 0..<(numConsts + numCarry) where !sameType(ins[i], inAvals[i]) {
      throw fail(.shape, "operand \(i) has type \(ins[i]) but the body expects \(inAvals[i])")
    }
    for i in (numConsts + numCarry)..<ins.count {
      let x = ins[i]
      guard x.rank >= 1, x.shape[0] == length, sameType(x.with(shape: Array(x.shape.dropFirst())), inAvals[i]) else {
        throw fail(.shape, "scanned-over input \(i - numConsts - numCarry) has type \(x), expected a leading axis of length \(length) over \(inAvals[i])")
      }
    }
    let outs = body.outAvals
    for c in 0..<numCarry where !sameType(outs[c], inAvals[numConsts + c]) {
      throw fail(.shape, "the body's carry output \(c) has type \(outs[c]) but its carry input has type \(inAvals[numConsts + c]); a carry must keep its shape and dtype across iterations")
    }
    let carry = (0..<numCarry).map { ins[numConsts + $0] }
    let ys = outs.dropFirst(numCarry).map { ShapedArray(shape: [length] + $0.shape, dtype: $0.dtype, weakType: $0.weakType) }
    return carry + ys
  }
}

extension WhileParams {
  func abstractEval(_ ins: [ShapedArray]) throws(JAXError) -> [ShapedArray] {
    func fail(_ k: JAXError.Kind, _ m: String) -> JAXError { JAXError(k, "while", m) }
    let nCarry = body.inVars.count - bodyNConsts
    if ins.count != condNConsts + bodyNConsts + nCarry {
      throw fail(.value, "expected \(condNConsts + bodyNConsts + nCarry) operands, got \(ins.count)")
    }
    let condIn = Array(ins[0..<condNConsts]) + Array(ins[(condNConsts + bodyNConsts)...])
    let bodyIn = Array(ins[condNConsts...])
    for (a, b) in zip(condIn, cond.inAvals) where !sameType(a, b) {
      throw fail(.shape, "the condition expects \(b), got \(a)")
    }
    for (a, b) in zip(bodyIn, body.inAvals) where !sameType(a, b) {
      throw fail(.shape, "the body expects \(b), got \(a)")
    }
    guard cond.outAvals.count == 1, cond.outAvals[0].shape == [], cond.outAvals[0].dtype == .bool else {
      throw fail(.dtype, "the condition must return a bool scalar, got \(cond.outAvals.map(\.description))")
    }
    for (i, (o, c)) in zip(body.outAvals, ins[(condNConsts + bodyNConsts)...]).enumerated() where !sameType(o, c) {
      throw fail(.shape, "the body's carry output \(i) has type \(o) but its input has type \(c); a carry must keep its shape and dtype across iterations")
    }
    return Array(ins[(condNConsts + bodyNConsts)...])
  }
}

extension CondParams {
  func abstractEval(_ ins: [ShapedArray]) throws(JAXError) -> [ShapedArray] {
    func fail(_ k: JAXError.Kind, _ m: String) -> JAXError { JAXError(k, "cond", m) }
    guard let index = ins.first, index.shape == [], index.dtype == .int32 else {
      throw fail(.dtype, "the branch index must be an int32 scalar, got \(ins.first?.description ?? "nothing")")
    }
    let ops = Array(ins.dropFirst())
    for (bi, b) in branches.enumerated() {
      if b.inVars.count != ops.count { throw fail(.value, "branch \(bi) takes \(b.inVars.count) operands, got \(ops.count)") }
      for (a, e) in zip(ops, b.inAvals) where !sameType(a, e) {
        throw fail(.shape, "branch \(bi) expects an operand of type \(e), got \(a)")
      }
      if let d = zip(b.outAvals, branches[0].outAvals).first(where: { !sameType($0, $1) }) {
        throw fail(.shape, "branches must return the same types: branch 0 returns \(d.1) where branch \(bi) returns \(d.0)")
      }
    }
    let outs = branches[0].outAvals
    return outs.enumerated().map { i, o in
      o.with(dtype: o.dtype, weakType: branches.allSatisfy { $0.outAvals[i].weakType })
    }
  }
}
