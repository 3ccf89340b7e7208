// Transposition of the linear control-flow equations that partial
// evaluation records (JAX's `_scan_transpose`, `_cond_transpose`,
// `_while_transpose_error`).
//
// scan: the linear scan reads residuals (constants, and per-iteration
// stacks as xs) and is linear in its other operands. Its transpose is a
// scan in the opposite direction whose carry holds the carry cotangents
// plus accumulators for the cotangents of the linear constants (a
// constant's cotangent is the sum over iterations), and whose ys are the
// cotangents of the linear xs. Its body is the transposed body, built by
// running `backwardPass` on the body while tracing.
//
// Operands the backward pass sees as constants although the loop is
// linear in them (an instantiated zero tangent) are treated as residuals
// if they are constants or xs: the body is still linear in the rest. A
// carry is always transposed as linear: its cotangent flows through the
// loop either way, and is just not returned for a constant operand.

extension Primitive {
  func controlFlowTranspose(_ cts: [Tensor?], _ ops: [TransposeOperand]) -> [Tensor?] {
    let none = [Tensor?](repeating: nil, count: ops.count)
    switch controlFlow {
    case .scan(let p): return scanTranspose(p, cts, ops) ?? none
    case .cond(let p): return condTranspose(p, cts, ops) ?? none
    case .whileLoop:
      JAXError.raise(whileReverseModeError())
      return none
    case nil: preconditionFailure("controlFlowTranspose called for \(name)")
    }
  }
}

/// Reverse mode needs every iteration's residuals, and a while loop's
/// trip count is only known once it has run.
func whileReverseModeError() -> JAXError {
  JAXError(
    .transformation, "while_loop",
    "reverse-mode differentiation (grad, vjp, jacrev, hessian) does not work through Lax.whileLoop, nor "
      + "Lax.forLoop with traced (Tensor) bounds: the number of iterations is only known at run time, and "
      + "reverse mode must store residuals of every iteration to run the loop backwards. Use Lax.scan with a "
      + "fixed length, Lax.forLoop with static Int bounds (it lowers to scan), or forward mode (jvp, jacfwd, "
      + "linearize), which differentiates whileLoop directly.")
}

/// The body of a linear sub-jaxpr seen by `backwardPass`: `residual`
/// binders become constants, the others linear inputs.
func linearView(_ j: Jaxpr, residual: [Bool]) -> Jaxpr {
  let (res, lin) = partition(j.inVars, by: residual)
  return Jaxpr(constVars: res, inVars: lin, equations: j.equations, outputs: j.outputs)
}

func scanTranspose(_ p: ScanParams, _ cts: [Tensor?], _ ops: [TransposeOperand]) -> [Tensor?]? {
  let nC = p.numConsts, nK = p.numCarry
  let body = p.body
  let inAvals = body.inAvals
  // Residual binders: non-linear constants and xs.
  let residual = ops.indices.map { i in !ops[i].isLinear && !(nC..<(nC + nK)).contains(i) }
  let constRes = Array(residual[..<nC]), xsRes = Array(residual[(nC + nK)...])
  let linConstAvals = partition(Array(inAvals[..<nC]), by: constRes).off.map(tangentAval)
  let carryAvals = inAvals[nC..<(nC + nK)].map(tangentAval)
  let linXAvals = partition(Array(inAvals[(nC + nK)...]), by: xsRes).off.map(tangentAval)
  let ysNz = cts[nK...].map { $0 != nil }
  let ctYAvals = partition(Array(body.outAvals[nK...]), by: ysNz).on.map(tangentAval)
  let resConstAvals = partition(Array(inAvals[..<nC]), by: constRes).on
  let resXAvals = partition(Array(inAvals[(nC + nK)...]), by: xsRes).on
  let view = linearView(body, residual: residual)
  let nRC = resConstAvals.count, nLC = linConstAvals.count, nCY = ctYAvals.count

  // Transposed body: consts = residual consts; carry = (constant
  // cotangent accumulators, carry cotangents); xs = (nonzero ys
  // cotangents, residual xs); ys = cotangents of the linear xs.
  guard let traced = traceSubJaxpr("scan", resConstAvals + linConstAvals + carryAvals + ctYAvals + resXAvals, { args in
    var rest = args[...]
    func take(_ n: Int) -> [Tensor] { defer { rest = rest.dropFirst(n) }; return Array(rest.prefix(n)) }
    let resC = take(nRC), acc = take(nLC), ctCarry = take(nK), ctY = take(nCY), resX = take(resXAvals.count)
    let ctYs = merge(ysNz, on: ctY.map { Optional($0) }, off: ysNz.map { _ in nil })
    let inCts = backwardPass(ClosedJaxpr(jaxpr: view, consts: resC + resX), cotangents: ctCarry.map { Optional($0) } + ctYs)
    let ctC = Array(inCts[..<nLC]), ctK = Array(inCts[nLC..<(nLC + nK)]), ctX = Array(inCts[(nLC + nK)...])
    return zip(acc, ctC).map { a, c in c.map { Lax.add(a, $0) } ?? a }
      + zip(ctK, carryAvals).map { instantiateTangent($0, $1) }
      + zip(ctX, linXAvals).map { instantiateTangent($0, $1) }
  }) else { return nil }

  let params = ScanParams(
    body: traced.jaxpr, numConsts: traced.consts.count + nRC, numCarry: nLC + nK, length: p.length,
    reverse: !p.reverse, unroll: p.unroll)
  let values = { (range: Range<Int>, mask: [Bool]) in partition(Array(ops[range]), by: mask).on.map(\.value) }
  let operands = traced.consts + values(0..<nC, constRes) + linConstAvals.map(adZeros)
    + zip(cts[..<nK], carryAvals).map { instantiateTangent($0, $1) } + cts[nK...].compactMap { $0 }
    + values((nC + nK)..<ops.count, xsRes)
  let outs = bind(.scan(params), operands)
  let ctConsts = Array(outs[..<nLC]), ctCarry = Array(outs[nLC..<(nLC + nK)]), ctXs = Array(outs[(nLC + nK)...])
  let constCts = merge(constRes, on: constRes.map { _ in nil }, off: ctConsts.map { Optional($0) })
  let carryCts = zip(ctCarry, ops[nC..<(nC + nK)]).map { ct, op in op.isLinear ? ct : nil }
  let xsCts = merge(xsRes, on: xsRes.map { _ in nil }, off: ctXs.map { Optional($0) })
  return constCts + carryCts + xsCts
}

/// cond: each branch is transposed on its own (its backward pass traced
/// with the residual operands as constants); cotangents that are zero in
/// every branch are dropped from all of them.
func condTranspose(_ p: CondParams, _ cts: [Tensor?], _ ops: [TransposeOperand]) -> [Tensor?]? {
  let operands = Array(ops.dropFirst())
  let residual = operands.map { !$0.isLinear }
  let (resOps, linOps) = partition(operands, by: residual)
  let ctsNz = cts.map { $0 != nil }
  let ctAvals = partition(p.branches[0].outAvals, by: ctsNz).on.map(tangentAval)
  let linAvals = linOps.map { tangentAval($0.aval) }
  var nonzero = linOps.map { _ in false }
  var traced: [TracedBody] = []
  for branch in p.branches {
    let view = linearView(branch, residual: residual)
    guard let t = traceSubJaxpr("cond", resOps.map(\.aval) + ctAvals, { args in
      let ct = Array(args[resOps.count...])
      let inCts = backwardPass(
        ClosedJaxpr(jaxpr: view, consts: Array(args[..<resOps.count])),
        cotangents: merge(ctsNz, on: ct.map { Optional($0) }, off: ctsNz.map { _ in nil }))
      nonzero = orFlags(nonzero, inCts.map { $0 != nil })
      return zip(inCts, linAvals).map { instantiateTangent($0, $1) }
    }) else { return nil }
    traced.append(t)
  }
  let (unified, consts) = unifyBranchConstants(traced)
  let branches = unified.map { j in
    pruneDeadEquations(Jaxpr(constVars: [], inVars: j.inVars, equations: j.equations, outputs: partition(j.outputs, by: nonzero).on))
  }
  let outs = bind(.cond(CondParams(branches: branches)), [ops[0].value] + consts + resOps.map(\.value) + cts.compactMap { $0 })
  let linCts = merge(nonzero, on: outs.map { Optional($0) }, off: nonzero.map { _ in nil })
  return [nil] + merge(residual, on: residual.map { _ in nil }, off: linCts)
}
