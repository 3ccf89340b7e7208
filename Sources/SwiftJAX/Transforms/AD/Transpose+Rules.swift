// Transpose rules of the linear primitives, following JAX's (lax.py,
// slicing.py). A rule receives the output cotangents and the operands
// (linear ones by type only) and returns one cotangent per operand (nil
// for constants and for zeros). Exhaustive over `Primitive`: non-linear
// primitives report an error, since they never appear applied to linear
// values in a Jaxpr produced by `linearize`.

extension Primitive {
  func transposeRule(_ cts: [Tensor?], _ ops: [TransposeOperand]) -> [Tensor?] {
    // Control flow has several outputs; any of them may hold the cotangent.
    if isControlFlow { return controlFlowTranspose(cts, ops) }
    guard let ct = cts[0] else { return [Tensor?](repeating: nil, count: ops.count) }
    let t = Transposition(primitive: self, ct: ct, ops: ops)

    switch self {
    case .unary(let op): return t.unary(op)
    case .binary(let op): return t.binary(op)
    case .convertElementType:
      let a = ops[0].aval
      guard a.dtype.isDifferentiable else { return [nil] }
      return [Lax.convertElementType(ct, a.dtype, weakType: a.weakType)]
    case .selectN: return selectNTranspose(ct, ops)

    case .broadcastInDim(let shape, let dims): return [t.broadcastInDim(shape, dims)]
    case .reshape: return [Lax.reshape(ct, ops[0].aval.shape)]
    case .transpose(let perm): return [Lax.transpose(ct, inversePermutation(perm))]
    case .squeeze(let dims): return [Lax.expandDims(ct, dimensions: dims.sorted())]
    case .expandDims(let dims): return [Lax.squeeze(ct, dimensions: dims)]
    case .rev(let dims): return [Lax.rev(ct, dimensions: dims)]
    case .slice(let start, let limit, let strides): return sliceTranspose(ct, ops, start, limit, strides)
    case .pad(let config): return padTranspose(ct, ops, config)
    case .concatenate(let dim): return concatenateTranspose(ct, ops, dim)
    case .dynamicSlice:
      let idx = ops.dropFirst().map(\.value)
      return t.onlyLinear(0) { Lax.dynamicUpdateSlice(adZeros(tangentAval(ops[0].aval)), ct, startIndices: idx) }
    case .dynamicUpdateSlice: return dynamicUpdateSliceTranspose(ct, ops)
    case .gather(let dn, _, let mode, _): return gatherTranspose(ct, ops, dn, mode)
    case .scatter(let op, let dn, let mode): return t.scatter(op, dn, mode)

    case .reduce(.sum, let axes):
      let shape = ops[0].aval.shape
      let kept = (0..<shape.count).filter { !axes.contains($0) }
      return [Lax.broadcastInDim(ct, shape: shape, broadcastDimensions: kept)]
    case .cumulative(.sum, let axis, let reverse):
      return [Lax.cumulative(ct, .sum, axis: axis, reverse: !reverse)]
    case .reduceWindow(.sum, let p):
      return [p.sumTranspose(ct, operand: ops[0].aval)]
    case .reduce, .cumulative, .reduceWindow: return t.notLinear()

    case .dotGeneral(let dn, _): return t.dotGeneral(dn)
    case .fft(let type, let lengths): return [fftTranspose(ct, type, lengths)]
    case .convGeneralDilated(let p): return t.conv(p)

    case .custom(let call) where call.kind == .lin:
      if ops.prefix(call.numResiduals).contains(where: \.isLinear) { return t.notLinear() }
      let residuals = ops.prefix(call.numResiduals).map(\.value)
      return [Tensor?](repeating: nil, count: call.numResiduals) + call.transposeLin(cts, residuals)
    case .scan, .whileLoop, .cond:
      return controlFlowTranspose(cts, ops)
    case .collective(let c):
      guard let r = c.transpose(ct) else { return t.notLinear() }
      return [ops[0].isLinear ? r : nil]

    case .custom, .hostCallback, .integerPow, .compare, .clamp, .bitcastConvertType, .iota, .argReduce, .sort:
      return t.notLinear()
    }
  }
}

/// One transposition: the cotangent of a primitive's single output and the
/// operands, with the rules of the families that share code.
private struct Transposition {
  let primitive: Primitive
  let ct: Tensor
  let ops: [TransposeOperand]

  var none: [Tensor?] { [Tensor?](repeating: nil, count: ops.count) }

  /// The error for a primitive applied to linear operands it is not
  /// linear in.
  func notLinear() -> [Tensor?] {
    let name = primitive.name
    JAXError.raise(JAXError(
      .transformation, name,
      "cannot transpose \(name): it is not linear in the operands \(ops.enumerated().filter { $0.1.isLinear }.map(\.0)) "
        + "(reverse-mode differentiation of a program that is not a linearized JVP)"))
    return none
  }

  /// `f()` as the cotangent of operand `i` if it is linear; nil for all
  /// others.
  func onlyLinear(_ i: Int, _ f: () -> Tensor) -> [Tensor?] {
    var out = none
    if ops[i].isLinear { out[i] = f() }
    return out
  }

  /// Negation, copy, real, imag and conj are the linear unary ops (the
  /// last three linear over the reals); every other (of the many in
  /// `UnaryOp`'s table) is not. The complex rules are JAX's: real's
  /// cotangent is `complex(t, 0)`, imag's `complex(0, -t)`, conj's
  /// `conj(t)`.
  func unary(_ op: UnaryOp) -> [Tensor?] {
    if op == .neg { return [Lax.neg(ct)] }
    if op == .copy { return [bind1(.unary(.copy), [ct])] }
    if op == .real { return [ops[0].aval.dtype.isComplex ? Lax.complex(ct, adZeros(ct.aval)) : ct] }
    if op == .imag { return [Lax.complex(adZeros(ct.aval), Lax.neg(ct))] }
    if op == .conj { return [bind1(.unary(.conj), [ct])] }
    return notLinear()
  }

  func binary(_ op: BinaryOp) -> [Tensor?] {
    switch op {
    case .add:
      return ops.map { $0.isLinear ? unbroadcast(ct, to: $0.aval) : nil }
    case .sub:
      return [
        ops[0].isLinear ? unbroadcast(ct, to: ops[0].aval) : nil,
        ops[1].isLinear ? unbroadcast(Lax.neg(ct), to: ops[1].aval) : nil,
      ]
    case .mul:
      if ops[0].isLinear && ops[1].isLinear { return notLinear() }
      if ops[0].isLinear { return [unbroadcast(Lax.mul(ct, ops[1].value), to: ops[0].aval), nil] }
      return [nil, unbroadcast(Lax.mul(ops[0].value, ct), to: ops[1].aval)]
    case .div:
      if ops[1].isLinear { return notLinear() }
      return [unbroadcast(Lax.div(ct, ops[1].value), to: ops[0].aval), nil]
    // JAX's _complex_transpose_rule: [real(t), imag(-t)].
    case .complex:
      return [
        ops[0].isLinear ? unbroadcast(Lax.real(ct), to: ops[0].aval) : nil,
        ops[1].isLinear ? unbroadcast(Lax.imag(Lax.neg(ct)), to: ops[1].aval) : nil,
      ]
    case .rem, .pow, .max, .min, .atan2, .nextafter, .and, .or, .xor, .shiftLeft, .shiftRightLogical,
      .shiftRightArithmetic:
      return notLinear()
    }
  }

  /// A broadcast's cotangent sums over the replicated axes.
  func broadcastInDim(_ shape: [Int], _ dims: [Int]) -> Tensor {
    let operand = ops[0].aval.shape
    let bdims = dims.enumerated().filter { operand[$0.offset] != 1 }.map(\.element)
    let axes = (0..<shape.count).filter { !bdims.contains($0) }
    return Lax.reshape(Lax.reduceSum(ct, axes: axes), operand)
  }

  func scatter(_ op: ScatterOp, _ dn: ScatterDimensionNumbers, _ mode: GatherMode) -> [Tensor?] {
    switch op {
    case .add: return scatterAddTranspose(ct, ops, dn, mode)
    case .mul:
      if ops[2].isLinear { return notLinear() }
      return onlyLinear(0) { Lax.scatter(ct, ops[1].value, ops[2].value, .mul, dimensionNumbers: dn, mode: mode) }
    case .set, .min, .max: return notLinear()
    }
  }

  /// dot_general is linear in each operand with the other held constant.
  func dotGeneral(_ dn: DotDimensionNumbers) -> [Tensor?] {
    if ops[0].isLinear && ops[1].isLinear { return notLinear() }
    if ops[0].isLinear {
      return [dotTransposeLHS(ct, ops[0].aval, ops[1].value, dn, swapAns: false), nil]
    }
    let swapped = DotDimensionNumbers(
      lhsContracting: dn.rhsContracting, rhsContracting: dn.lhsContracting, lhsBatch: dn.rhsBatch, rhsBatch: dn.lhsBatch)
    return [nil, dotTransposeLHS(ct, ops[1].aval, ops[0].value, swapped, swapAns: true)]
  }

  /// A convolution is linear in each operand with the other held constant.
  func conv(_ p: ConvParams) -> [Tensor?] {
    if ops[0].isLinear && ops[1].isLinear { return notLinear() }
    if ops[0].isLinear { return [p.transposeLHS(ct, lhs: ops[0].aval, rhs: ops[1].value), nil] }
    return [nil, p.transposeRHS(ct, lhs: ops[0].value, rhs: ops[1].aval)]
  }
}

// The longer rules, each a function of its primitive.

private func sliceTranspose(_ ct: Tensor, _ ops: [TransposeOperand], _ start: [Int], _ limit: [Int], _ strides: [Int]?) -> [Tensor?] {
  let shape = ops[0].aval.shape
  var config: [PadConfig] = []
  for i in 0..<shape.count {
    let st = strides?[i] ?? 1
    let realLimit = ct.shape[i] == 0 ? start[i] : start[i] + 1 + (ct.shape[i] - 1) * st
    config.append(PadConfig(low: start[i], high: shape[i] - (st == 1 ? limit[i] : realLimit), interior: st - 1))
  }
  return [Lax.pad(ct, adConst(ct, 0), config: config)]
}

private func padTranspose(_ ct: Tensor, _ ops: [TransposeOperand], _ config: [PadConfig]) -> [Tensor?] {
  let tOperand: Tensor? = ops[0].isLinear ? {
    let unpad = Lax.pad(ct, adConst(ct, 0), config: config.map { PadConfig(low: -$0.low, high: -$0.high) })
    if config.allSatisfy({ $0.interior == 0 }) { return unpad }
    return Lax.slice(
      unpad, start: [Int](repeating: 0, count: unpad.rank), limit: unpad.shape, strides: config.map { $0.interior + 1 })
  }() : nil
  var tPad: Tensor? = nil
  if ops[1].isLinear {
    let all = Lax.reduceSum(ct, axes: Array(0..<ct.rank))
    tPad = tOperand.map { Lax.sub(all, Lax.reduceSum($0, axes: Array(0..<$0.rank))) } ?? all
  }
  return [tOperand, tPad]
}

private func concatenateTranspose(_ ct: Tensor, _ ops: [TransposeOperand], _ dim: Int) -> [Tensor?] {
  var offset = 0
  return ops.map { op in
    let n = op.aval.shape[dim]
    defer { offset += n }
    return op.isLinear ? Lax.sliceInDim(ct, start: offset, limit: offset + n, axis: dim) : nil
  }
}

private func dynamicUpdateSliceTranspose(_ ct: Tensor, _ ops: [TransposeOperand]) -> [Tensor?] {
  let none = [Tensor?](repeating: nil, count: ops.count)
  let idx = ops.dropFirst(2).map(\.value)
  let update = ops[1].aval
  var out = none
  if ops[0].isLinear { out[0] = Lax.dynamicUpdateSlice(ct, adZeros(tangentAval(update)), startIndices: idx) }
  if ops[1].isLinear { out[1] = Lax.dynamicSlice(ct, startIndices: idx, sliceSizes: update.shape) }
  return out
}

private func gatherTranspose(_ ct: Tensor, _ ops: [TransposeOperand], _ dn: GatherDimensionNumbers, _ mode: GatherMode) -> [Tensor?] {
  let sdn = ScatterDimensionNumbers(
    updateWindowDims: dn.offsetDims, insertedWindowDims: dn.collapsedSliceDims,
    scatterDimsToOperandDims: dn.startIndexMap, operandBatchingDims: dn.operandBatchingDims,
    scatterIndicesBatchingDims: dn.startIndicesBatchingDims)
  guard ops[0].isLinear else { return [Tensor?](repeating: nil, count: ops.count) }
  var out = [Tensor?](repeating: nil, count: ops.count)
  out[0] = Lax.scatter(adZeros(tangentAval(ops[0].aval)), ops[1].value, ct, .add, dimensionNumbers: sdn, mode: mode)
  return out
}

private func scatterAddTranspose(_ ct: Tensor, _ ops: [TransposeOperand], _ dn: ScatterDimensionNumbers, _ mode: GatherMode) -> [Tensor?] {
  let none = [Tensor?](repeating: nil, count: ops.count)
  var out = none
  if ops[0].isLinear { out[0] = ct }
  if ops[2].isLinear {
    let (gdn, sizes) = inverseGather(dn, operandRank: ct.rank, updatesShape: ops[2].aval.shape)
    out[2] = Lax.gather(ct, ops[1].value, dimensionNumbers: gdn, sliceSizes: sizes, mode: mode)
  }
  return out
}

private func selectNTranspose(_ ct: Tensor, _ ops: [TransposeOperand]) -> [Tensor?] {
  let which = ops[0].value
  return ops.enumerated().map { i, op in
    guard i > 0, op.isLinear else { return nil }
    let zeros = adZeros(ct.aval)
    return Lax.selectN(which, (1..<ops.count).map { $0 == i ? ct : zeros })
  }
}

/// JAX's `_dot_general_transpose_lhs`: the cotangent of the lhs `x` of
/// `dot_general(x, y)` given the output cotangent `g`.
func dotTransposeLHS(_ g: Tensor, _ x: ShapedArray, _ y: Tensor, _ dn: DotDimensionNumbers, swapAns: Bool) -> Tensor {
  func remaining(_ n: Int, _ a: [Int], _ b: [Int]) -> [Int] { (0..<n).filter { !a.contains($0) && !b.contains($0) } }
  func argsort(_ xs: [Int]) -> [Int] { xs.indices.sorted { xs[$0] < xs[$1] } }
  let xKept = remaining(x.rank, dn.lhsContracting, dn.lhsBatch)
  let yKept = remaining(y.rank, dn.rhsContracting, dn.rhsBatch)
  let nb = dn.lhsBatch.count
  let ansBatch = Array(0..<nb)
  let ansY = swapAns ? Array(nb..<(nb + yKept.count)) : Array((nb + xKept.count)..<(nb + xKept.count + yKept.count))
  let dims = DotDimensionNumbers(lhsContracting: ansY, rhsContracting: yKept, lhsBatch: ansBatch, rhsBatch: dn.rhsBatch)
  let xContractSortedByY = argsort(dn.rhsContracting).map { dn.lhsContracting[$0] }
  let outAxes = argsort(dn.lhsBatch + xKept + xContractSortedByY)
  let gy = g.dtype == y.dtype ? g : Lax.convertElementType(g, y.dtype)
  let r = Lax.transpose(Lax.dotGeneral(gy, y, dims), outAxes)
  return r.dtype == x.dtype ? r : Lax.convertElementType(r, x.dtype)
}
