// Eager evaluation of control flow: interpret the sub-jaxprs with the
// eager kernels (the native compiler turns them into C loops under jit).

extension ConcreteArray {
  /// A copy of row `i` along the leading axis.
  func row(_ i: Int) -> ConcreteArray {
    let rowAval = aval.with(shape: Array(aval.shape.dropFirst()))
    let out = ConcreteArray(uninitialized: rowAval)
    out.data.copyMemory(from: data + i * rowAval.byteCount, byteCount: rowAval.byteCount)
    return out
  }

  /// Writes `value` into row `i` (only while building a fresh array).
  func setRow(_ i: Int, _ value: ConcreteArray) {
    let bytes = value.aval.byteCount
    (data + i * bytes).copyMemory(from: value.data, byteCount: bytes)
  }
}

/// The concrete value of a tensor produced by eager evaluation.
func concreteValue(_ t: Tensor) -> ConcreteArray {
  if let c = t.value as? ConcreteArray { return c }
  fatalError("SwiftJAX internal error: eager evaluation produced \(type(of: t.value))")
}

extension ScanParams {
  func evaluate(_ ins: [ConcreteArray], outputs: [ShapedArray]) -> [ConcreteArray] {
    let consts = ins[..<numConsts].map { Tensor(value: $0) }
    var carry = ins[numConsts..<(numConsts + numCarry)].map { Tensor(value: $0) }
    let xs = Array(ins[(numConsts + numCarry)...])
    let ys = outputs[numCarry...].map { ConcreteArray(uninitialized: $0) }
    // JAX always compiles a scan body: divide as XLA does (Jaxpr+XLADivision).
    let body = self.body.withXLADivisions(literalDivisors: true)
    for step in 0..<length {
      let i = reverse ? length - 1 - step : step
      let x = xs.map { Tensor(value: $0.row(i)) }
      let outs = evalJaxpr(body, consts: [], args: consts + carry + x)
      if outs.contains(where: \.isInvalid) { break }
      carry = Array(outs[..<numCarry])
      for (k, y) in outs[numCarry...].enumerated() { ys[k].setRow(i, concreteValue(y)) }
    }
    return carry.map(concreteValue) + ys
  }
}

extension WhileParams {
  func evaluate(_ ins: [ConcreteArray]) -> [ConcreteArray] {
    let condConsts = ins[..<condNConsts].map { Tensor(value: $0) }
    let bodyConsts = ins[condNConsts..<(condNConsts + bodyNConsts)].map { Tensor(value: $0) }
    var carry = ins[(condNConsts + bodyNConsts)...].map { Tensor(value: $0) }
    let (cond, body) = (self.cond.withXLADivisions(literalDivisors: true), self.body.withXLADivisions(literalDivisors: true))
    while true {
      let p = evalJaxpr(cond, consts: [], args: condConsts + carry)[0]
      guard let c = p.value as? ConcreteArray, c.element(0).asBool else { break }
      let next = evalJaxpr(body, consts: [], args: bodyConsts + carry)
      if next.contains(where: \.isInvalid) { break }
      carry = next
    }
    return carry.map(concreteValue)
  }
}

extension CondParams {
  func evaluate(_ ins: [ConcreteArray]) -> [ConcreteArray] {
    let i = Int(ins[0].element(0).asInt64)
    let branch = branches[min(max(i, 0), branches.count - 1)].withXLADivisions(literalDivisors: true)
    return evalJaxpr(branch, consts: [], args: ins.dropFirst().map { Tensor(value: $0) }).map(concreteValue)
  }
}
