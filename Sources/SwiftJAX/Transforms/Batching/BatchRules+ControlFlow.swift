// Batching of the control-flow primitives (JAX's `_scan_batching_rule`,
// `_while_loop_batching_rule`, `_cond_batching_rule`). Their bodies are
// sub-jaxprs, so batching one means staging a new body that runs the old one
// under a `BatchTrace`. Batch axes inside bodies are always axis 0.

extension BatchContext {
  /// Stages `jaxpr` batched: inputs marked in `inBatched` get a leading
  /// batch axis; an output is batched if it depends on a batched input or
  /// is marked in `forceOut`, and then has its batch axis first. Returns the
  /// new body (captured constants as leading inputs, as `Lax.traceBody`
  /// makes them) and which outputs are batched; nil if tracing failed.
  func batchJaxpr(_ jaxpr: Jaxpr, inBatched: [Bool], forceOut: [Bool]) -> (body: TracedBody, outBatched: [Bool])? {
    var outBatched: [Bool] = []
    let avals = zip(jaxpr.inAvals, inBatched).map { a, b in b ? a.with(shape: [size] + a.shape) : a }
    let traced = Lax.traceBody(avals) { args in
      InterpreterContext.withNewTrace({ BatchTrace(level: $0, axisSize: size, axisName: axisName) }) { trace in
        let boxed = zip(args, inBatched).map { trace.box($0, $1 ? 0 : nil) }
        let outs = trace.withAxisName { evalJaxpr(jaxpr, consts: [], args: boxed) }
        outBatched = []
        return outs.enumerated().map { i, o in
          let (v, d) = trace.unbox(o)
          let batched = d != nil || forceOut[i]
          outBatched.append(batched)
          return batched ? materialize(v, d, at: 0) : v
        }
      }
    }
    return traced.map { ($0, outBatched) }
  }

  /// Which carries end up batched: a carry is batched if it starts batched
  /// or the body makes it batched, iterated to a fixed point (JAX's
  /// `_scan_batching_rule` loop). `batchedInputs(carry)` gives the body's
  /// input batchedness for a carry assignment.
  func carryFixpoint(
    _ jaxpr: Jaxpr, initial: [Bool], carryOutputs: Range<Int>, batchedInputs: ([Bool]) -> [Bool]
  ) -> [Bool]? {
    var carry = initial
    while true {
      var force = [Bool](repeating: false, count: jaxpr.outputs.count)
      for (k, i) in carryOutputs.enumerated() { force[i] = carry[k] }
      guard let (_, out) = batchJaxpr(jaxpr, inBatched: batchedInputs(carry), forceOut: force) else { return nil }
      let next = zip(carry, carryOutputs.map { out[$0] }).map { $0 || $1 }
      if next == carry { return carry }
      carry = next
    }
  }

  func invalid(_ n: Int) -> ([Tensor], [Int?]) {
    (Array(repeating: .invalid, count: n), Array(repeating: nil, count: n))
  }

  /// Operands for a batched body: batched ones with the batch axis first
  /// (materialized if they were shared but must now be batched).
  func operands(_ xs: ArraySlice<Tensor>, _ dims: ArraySlice<Int?>, batched: [Bool]) -> [Tensor] {
    zip(zip(xs, dims), batched).map { xd, b in b ? materialize(xd.0, xd.1, at: 0) : xd.0 }
  }
}

/// `scan`: consts and carries get their batch axis first; scanned inputs
/// keep the scan axis first and take the batch axis second, and so do the
/// stacked outputs.
func batchScan(_ p: ScanParams, _ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> ([Tensor], [Int?]) {
  let (nc, nk) = (p.numConsts, p.numCarry)
  let constB = dims[..<nc].map { $0 != nil }
  let xsB = dims[(nc + nk)...].map { $0 != nil }
  let inputs = { (carry: [Bool]) in constB + carry + xsB }
  let outCount = nk + p.numYs
  guard
    let carryB = c.carryFixpoint(p.body, initial: dims[nc..<(nc + nk)].map { $0 != nil }, carryOutputs: 0..<nk, batchedInputs: inputs),
    let (body, outB) = c.batchJaxpr(p.body, inBatched: inputs(carryB), forceOut: carryB + Array(repeating: false, count: p.numYs))
  else { return c.invalid(outCount) }
  let consts = c.operands(xs[..<nc], dims[..<nc], batched: constB)
  let carry = c.operands(xs[nc..<(nc + nk)], dims[nc..<(nc + nk)], batched: carryB)
  // Scanned inputs: the scan axis is axis 0 of the per-example value, so
  // the batch axis goes to 1 and each iteration sees it at 0.
  let scanned = zip(xs[(nc + nk)...], dims[(nc + nk)...]).map { x, d in d.map { c.moveAxis(x, from: $0, to: 1) } ?? x }
  let params = ScanParams(
    body: body.jaxpr, numConsts: body.consts.count + nc, numCarry: nk, length: p.length, reverse: p.reverse, unroll: p.unroll)
  let outs = bind(.scan(params), body.consts + consts + carry + scanned, site: c.site)
  let outDims: [Int?] = (0..<outCount).map { i in i < nk ? (outB[i] ? 0 : nil) : (outB[i] ? 1 : nil) }
  return (outs, outDims)
}

/// `while`: with a shared predicate, batch the carries as needed; with a
/// per-example predicate, run while any example is still looping and let
/// the finished ones keep their carry (a `select_n` per carry), as JAX does.
func batchWhile(_ p: WhileParams, _ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> ([Tensor], [Int?]) {
  let (ncc, nbc) = (p.condNConsts, p.bodyNConsts)
  let nk = xs.count - ncc - nbc
  let condConstB = dims[..<ncc].map { $0 != nil }
  let bodyConstB = dims[ncc..<(ncc + nbc)].map { $0 != nil }
  let carryIn = dims[(ncc + nbc)...].map { $0 != nil }
  guard
    var carryB = c.carryFixpoint(p.body, initial: carryIn, carryOutputs: 0..<nk, batchedInputs: { bodyConstB + $0 }),
    let (_, predB) = c.batchJaxpr(p.cond, inBatched: condConstB + carryB, forceOut: [false])
  else { return c.invalid(nk) }
  let predBatched = predB[0]
  if predBatched { carryB = Array(repeating: true, count: nk) }
  guard
    let (cond, _) = c.batchJaxpr(p.cond, inBatched: condConstB + carryB, forceOut: [false]),
    let (body, _) = c.batchJaxpr(p.body, inBatched: bodyConstB + carryB, forceOut: carryB)
  else { return c.invalid(nk) }
  let condConsts = c.operands(xs[..<ncc], dims[..<ncc], batched: condConstB)
  let bodyConsts = c.operands(xs[ncc..<(ncc + nbc)], dims[ncc..<(ncc + nbc)], batched: bodyConstB)
  let carry = c.operands(xs[(ncc + nbc)...], dims[(ncc + nbc)...], batched: carryB)
  let outDims: [Int?] = carryB.map { $0 ? 0 : nil }

  if !predBatched {
    let params = WhileParams(
      cond: cond.jaxpr, body: body.jaxpr, condNConsts: cond.consts.count + ncc, bodyNConsts: body.consts.count + nbc)
    let outs = bind(.whileLoop(params), cond.consts + condConsts + body.consts + bodyConsts + carry, site: c.site)
    return (outs, outDims)
  }

  // Per-example predicate: loop while any example's predicate holds; the
  // body recomputes the predicate and only advances the examples for which
  // it holds.
  let nCondIn = cond.consts.count + ncc
  let carryAvals = carry.map(\.aval)
  let condAvals = (cond.consts + condConsts).map(\.aval)
  let bodyAvals = (body.consts + bodyConsts).map(\.aval)
  guard
    let anyCond = Lax.traceBody(condAvals + carryAvals, { args in
      let pred = evalJaxpr(cond.jaxpr, consts: [], args: args)[0]
      return [c.bind1(.reduce(.or, axes: [0]), [pred])]
    }),
    let stepBody = Lax.traceBody(condAvals + bodyAvals + carryAvals, { args in
      let condArgs = Array(args[..<nCondIn])
      let bodyArgs = Array(args[nCondIn..<(nCondIn + bodyAvals.count)])
      let old = Array(args[(nCondIn + bodyAvals.count)...])
      let pred = evalJaxpr(cond.jaxpr, consts: [], args: condArgs + old)[0]
      let new = evalJaxpr(body.jaxpr, consts: [], args: bodyArgs + old)
      return zip(old, new).map { o, n in
        let which = o.shape == pred.shape ? pred : c.bind1(.broadcastInDim(shape: o.shape, broadcastDimensions: [0]), [pred])
        return c.bind1(.selectN, [which, o, n])
      }
    })
  else { return c.invalid(nk) }
  let params = WhileParams(
    cond: anyCond.jaxpr, body: stepBody.jaxpr,
    condNConsts: anyCond.consts.count + nCondIn, bodyNConsts: stepBody.consts.count + nCondIn + bodyAvals.count)
  let outs = bind(
    .whileLoop(params),
    anyCond.consts + cond.consts + condConsts + stepBody.consts + cond.consts + condConsts + body.consts + bodyConsts + carry,
    site: c.site)
  return (outs, outDims)
}

/// `cond`/`switch`: with a shared index, batch every branch alike; with a
/// per-example index, run every branch and pick each example's result
/// with `select_n` (JAX converts to `select` the same way).
func batchCond(_ p: CondParams, _ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> ([Tensor], [Int?]) {
  let nOut = p.branches[0].outputs.count
  let opsB = dims.dropFirst().map { $0 != nil }
  let ops = c.operands(xs.dropFirst(), dims.dropFirst(), batched: opsB)
  let indexBatched = dims[0] != nil
  // Outputs batched in any branch are batched in all of them, so the
  // branches keep one output type.
  var outB = [Bool](repeating: indexBatched, count: nOut)
  for b in p.branches {
    guard let (_, o) = c.batchJaxpr(b, inBatched: opsB, forceOut: outB) else { return c.invalid(nOut) }
    outB = zip(outB, o).map { $0 || $1 }
  }
  var traced: [TracedBody] = []
  for b in p.branches {
    guard let (t, _) = c.batchJaxpr(b, inBatched: opsB, forceOut: outB) else { return c.invalid(nOut) }
    traced.append(t)
  }
  let outDims: [Int?] = outB.map { $0 ? 0 : nil }

  if indexBatched {
    let results = traced.map { evalJaxpr($0.jaxpr, consts: [], args: $0.consts + ops) }
    // cond clamps its index into the branches.
    let idx = c.moveAxis(xs[0], from: dims[0]!, to: 0)
    let lo = c.scalar(.int(0), idx.dtype), hi = c.scalar(.int(Int64(p.branches.count - 1)), idx.dtype)
    let which = c.bind1(.clamp, [lo, idx, hi])
    let outs = (0..<nOut).map { k -> Tensor in
      let shape = results[0][k].shape
      let w = shape == which.shape ? which : c.bind1(.broadcastInDim(shape: shape, broadcastDimensions: [0]), [which])
      return c.bind1(.selectN, [w] + results.map { $0[k] })
    }
    return (outs, outDims)
  }

  // Every branch takes every branch's captured constants, as
  // `Lax.branches` arranges them.
  let allConsts = traced.flatMap(\.consts)
  let jaxprs = traced.enumerated().map { k, t -> Jaxpr in
    var inVars: [Var] = []
    for (m, other) in traced.enumerated() {
      inVars += m == k ? Array(t.jaxpr.inVars[..<t.consts.count]) : other.consts.map { Var($0.aval) }
    }
    inVars += t.jaxpr.inVars[t.consts.count...]
    return Jaxpr(constVars: [], inVars: inVars, equations: t.jaxpr.equations, outputs: t.jaxpr.outputs)
  }
  let outs = bind(.cond(CondParams(branches: jaxprs)), [xs[0]] + allConsts + ops, site: c.site)
  return (outs, outDims)
}
