// Forward-mode differentiation of the control-flow primitives, after
// JAX's `_scan_jvp`, `_while_loop_jvp` and `_cond_jvp`: the sub-jaxprs
// are replaced by their JVPs (``jvpJaxpr(_:nonzeros:instantiate:op:)``)
// and the primitive is bound again on primals and tangents, so the loop
// stays one loop computing both.
//
// Symbolic zeros are kept: only operands with nonzero tangents get
// tangent binders. For loops, whether a carry's tangent is zero depends
// on the body (a zero initial tangent becomes nonzero if the body mixes
// in a nonzero one), so the set of nonzero carries is grown to a
// fixpoint before the body is used.

extension Primitive {
  /// JVP of a control-flow primitive.
  func controlFlowJVP(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    let result: ([Tensor], [Tensor?])?
    switch controlFlow {
    case .scan(let p): result = scanJVP(p, x, t, site: site)
    case .whileLoop(let p): result = whileJVP(p, x, t, site: site)
    case .cond(let p): result = condJVP(p, x, t, site: site)
    case nil: preconditionFailure("controlFlowJVP called for \(name)")
    }
    // Tracing a body failed: the error has been raised; give invalid outputs.
    let n = outputCount(inputCount: x.count)
    return result ?? (Array(repeating: .invalid, count: n), Array(repeating: nil, count: n))
  }
}

/// Iterates `step` on the carry flags until the flags it reports for the
/// carry outputs add nothing (at most `count + 1` rounds: each round that
/// does not converge adds at least one flag). Used for nonzero tangents
/// (JVP) and unknown values (partial evaluation) of loop carries.
func carryFixpoint<R>(_ initial: [Bool], _ step: ([Bool]) -> (R, [Bool])?) -> (R, [Bool])? {
  var flags = initial
  for _ in 0...initial.count {
    guard let (r, out) = step(flags) else { return nil }
    if out == flags { return (r, flags) }
    flags = orFlags(flags, out)
  }
  fatalError("carry fixpoint not reached")
}

/// Binders and outputs of a ``jvpJaxpr(_:nonzeros:instantiate:op:)``
/// result, grouped so that rules can rearrange them into their
/// primitive's operand convention.
struct JVPBinders {
  let captured: [Var]
  let primals: [Var]
  /// One entry per primal: its tangent binder, or nil (zero tangent).
  let tangents: [Var?]
  let primalOuts: [Atom]
  let tangentOuts: [Atom?]

  init(_ j: Jaxpr, captured n: Int, nonzeros: [Bool], outNonzeros: [Bool]) {
    let iv = j.inVars
    captured = Array(iv[..<n])
    primals = Array(iv[n..<(n + nonzeros.count)])
    tangents = merge(nonzeros, on: iv[(n + nonzeros.count)...].map { Optional($0) }, off: nonzeros.map { _ in nil })
    primalOuts = Array(j.outputs[..<outNonzeros.count])
    tangentOuts = merge(outNonzeros, on: j.outputs[outNonzeros.count...].map { Optional($0) }, off: outNonzeros.map { _ in nil })
  }

  /// Primal binders `r` followed by the nonzero tangent binders of `r`.
  func ins(_ r: Range<Int>) -> [Var] { Array(primals[r]) + tangents[r].compactMap { $0 } }
  func outs(_ r: Range<Int>) -> [Atom] { Array(primalOuts[r]) + tangentOuts[r].compactMap { $0 } }
}

/// Primal operands in `r` followed by their nonzero tangents
/// (instantiated where the flags demand a tangent the caller did not give).
func primalsAndTangents(_ x: [Tensor], _ t: [Tensor?], _ nz: [Bool], _ r: Range<Int>) -> [Tensor] {
  Array(x[r]) + r.compactMap { nz[$0] ? instantiateTangent(t[$0], x[$0].aval) : nil }
}

/// Splits the outputs of a JVP'd primitive (`[primals r..., tangents r...]`
/// per group) back into primals and optional tangents.
func unpackJVPOutputs(_ outs: [Tensor], groups: [(count: Int, nonzero: [Bool])]) -> ([Tensor], [Tensor?]) {
  var primals: [Tensor] = [], tangents: [Tensor?] = []
  var i = 0
  for g in groups {
    let ps = Array(outs[i..<(i + g.count)])
    i += g.count
    let nnz = g.nonzero.filter { $0 }.count
    let ts = Array(outs[i..<(i + nnz)]).map { Optional($0) }
    i += nnz
    primals += ps
    tangents += merge(g.nonzero, on: ts, off: g.nonzero.map { _ in nil })
  }
  return (primals, tangents)
}

func scanJVP(_ p: ScanParams, _ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?])? {
  let nC = p.numConsts, nK = p.numCarry, nX = p.numXs, nY = p.numYs
  let nz = differentiable(t.map { $0 != nil }, x.map(\.aval))
  let constNz = Array(nz[..<nC]), xsNz = Array(nz[(nC + nK)...])
  let step = { (carryNz: [Bool]) -> (JVPJaxpr, [Bool])? in
    let inst = carryNz + Array(repeating: false, count: nY)
    guard let r = jvpJaxpr(p.body, nonzeros: constNz + carryNz + xsNz, instantiate: inst, op: "scan") else { return nil }
    return (r, Array(r.outNonzero[..<nK]))
  }
  guard let (jvp, carryNz) = carryFixpoint(Array(nz[nC..<(nC + nK)]), step) else { return nil }
  let (traced, outNz) = (jvp.body, jvp.outNonzero)
  let inNz = constNz + carryNz + xsNz
  let b = JVPBinders(traced.jaxpr, captured: traced.consts.count, nonzeros: inNz, outNonzeros: outNz)
  let consts = 0..<nC, carry = nC..<(nC + nK), xs = (nC + nK)..<(nC + nK + nX)
  let body = Jaxpr(
    constVars: [], inVars: b.captured + b.ins(consts) + b.ins(carry) + b.ins(xs),
    equations: traced.jaxpr.equations, outputs: b.outs(0..<nK) + b.outs(nK..<(nK + nY)))
  let params = ScanParams(
    body: body, numConsts: traced.consts.count + nC + constNz.filter { $0 }.count,
    numCarry: nK + carryNz.filter { $0 }.count, length: p.length, reverse: p.reverse, unroll: p.unroll)
  let operands = traced.consts + primalsAndTangents(x, t, inNz, consts) + primalsAndTangents(x, t, inNz, carry)
    + primalsAndTangents(x, t, inNz, xs)
  let outs = bind(.scan(params), operands, site: site)
  return unpackJVPOutputs(outs, groups: [(nK, Array(outNz[..<nK])), (nY, Array(outNz[nK...]))])
}

/// `while`: the body is JVP'd with a carry fixpoint; the condition only
/// reads primals, so it gets extra (unused) binders for the tangent carries.
func whileJVP(_ p: WhileParams, _ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?])? {
  let cC = p.condNConsts, bC = p.bodyNConsts, nK = x.count - cC - bC
  let nz = differentiable(t.map { $0 != nil }, x.map(\.aval))
  let bconstNz = Array(nz[cC..<(cC + bC)])
  let step = { (carryNz: [Bool]) -> (JVPJaxpr, [Bool])? in
    guard let r = jvpJaxpr(p.body, nonzeros: bconstNz + carryNz, instantiate: carryNz, op: "while") else { return nil }
    return (r, r.outNonzero)
  }
  guard let (jvp, carryNz) = carryFixpoint(Array(nz[(cC + bC)...]), step) else { return nil }
  let traced = jvp.body
  let bodyNz = bconstNz + carryNz
  let b = JVPBinders(traced.jaxpr, captured: traced.consts.count, nonzeros: bodyNz, outNonzeros: carryNz)
  let body = Jaxpr(
    constVars: [], inVars: b.captured + b.ins(0..<bC) + b.ins(bC..<(bC + nK)),
    equations: traced.jaxpr.equations, outputs: b.outs(0..<nK))
  let carryTangentAvals = partition(Array(x[(cC + bC)...]), by: carryNz).on.map { tangentAval($0.aval) }
  let cond = Jaxpr(
    constVars: [], inVars: p.cond.inVars + carryTangentAvals.map(Var.init), equations: p.cond.equations,
    outputs: p.cond.outputs)
  let params = WhileParams(
    cond: cond, body: body, condNConsts: cC, bodyNConsts: traced.consts.count + bC + bconstNz.filter { $0 }.count)
  let allNz = Array(repeating: false, count: cC) + bodyNz
  let operands = Array(x[..<cC]) + traced.consts + primalsAndTangents(x, t, allNz, cC..<(cC + bC))
    + primalsAndTangents(x, t, allNz, (cC + bC)..<x.count)
  let outs = bind(.whileLoop(params), operands, site: site)
  return unpackJVPOutputs(outs, groups: [(nK, carryNz)])
}

/// `cond`/`switch`: every branch is JVP'd with the same nonzero operand
/// tangents and instantiates the union of the branches' nonzero output
/// tangents, so all branches keep one output signature.
func condJVP(_ p: CondParams, _ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?])? {
  let ops = Array(x.dropFirst()), opTangents = Array(t.dropFirst())
  let opsNz = differentiable(opTangents.map { $0 != nil }, ops.map(\.aval))
  let nOut = p.branches[0].outputs.count
  var first: [JVPJaxpr] = []
  for branch in p.branches {
    guard let r = jvpJaxpr(branch, nonzeros: opsNz, instantiate: Array(repeating: false, count: nOut), op: "cond") else { return nil }
    first.append(r)
  }
  let outNz = first.map(\.outNonzero).reduce(Array(repeating: false, count: nOut), orFlags)
  var traced: [TracedBody] = []
  for (branch, r) in zip(p.branches, first) {
    if r.outNonzero == outNz {
      traced.append(r.body)
    } else {
      guard let again = jvpJaxpr(branch, nonzeros: opsNz, instantiate: outNz, op: "cond") else { return nil }
      traced.append(again.body)
    }
  }
  // Drop each branch's captured constants into the shared operand list.
  let (branches, consts) = unifyBranchConstants(traced)
  // Tracing already ordered binders as [captured, primals, nonzero
  // tangents] and outputs as [primals, tangents]: cond's convention.
  let operands = [x[0]] + consts + primalsAndTangents(ops, opTangents, opsNz, 0..<ops.count)
  let outs = bind(.cond(CondParams(branches: branches)), operands, site: site)
  return unpackJVPOutputs(outs, groups: [(nOut, outNz)])
}
