// Loop interchange for vmap of scan.
//
// `vmap(rollout)` turns a scan over small per-example state into a scan
// over a batched state: a Lorenz carry f32[3] becomes f32[1024, 3], and
// each step runs every equation over the whole batch, with the state in
// memory and strided accesses (every example's x, y, z are 3 floats
// apart). When the body treats the leading axis as independent examples,
// which vmap guarantees but a generic renderer cannot see, the two loops
// can be swapped:
//
//     scan(T) over carry[B, 3]   ==>   map over b < B of scan(T) over carry[3]
//
// The inner scan's carry is small again, so the native backend keeps it in
// registers, and the outer map (a scan with no carry) runs its iterations
// in parallel across the thread pool; each map iteration runs several
// examples side by side (unroll and jam) for SIMD. Every example performs exactly the
// operations it did before, so results are identical bit for bit.
//
// The rewrite applies only when every equation of the body is one of the
// row-independent forms below; otherwise the scan is left as it is.
// Scans with stacked outputs are interchanged without jamming: restacking
// the jammed examples' trajectories cost more than SIMD saved (1024 Lorenz
// trajectories of 1e4 steps: 150 ms with one example per iteration, 260
// ms with 16, 300-370 ms not interchanged).

extension Optimizer {
  /// Rewrites top-level scans whose carries are batches of small
  /// per-example states into a map over examples of a per-example scan.
  ///
  /// ```swift
  /// // vmap(rollout) over 1024 Lorenz states, jitted:
  /// //   scan[length=10000] carry f32[1024,3]
  /// // becomes
  /// //   scan[length=1024, no carry] { scan[length=10000] carry f32[3] }
  /// ```
  /// `jamStackedOutputs` also jams several examples per map iteration in
  /// scans with stacked outputs (off in the pipeline, where restacking the
  /// jammed trajectories costs more than it saves; tests check it).
  @discardableResult
  static func interchangeBatchedScans(_ program: inout ClosedJaxpr, jamStackedOutputs: Bool = false) -> Bool {
    let j = program.jaxpr
    guard j.equations.contains(where: { if case .scan = $0.primitive { true } else { false } }) else { return false }
    var eqns: [Equation] = []
    var changed = false
    for e in j.equations {
      if case .scan(let p) = e.primitive, let rewritten = interchange(e, p, jamStackedOutputs: jamStackedOutputs) {
        eqns += rewritten
        changed = true
      } else {
        eqns.append(e)
      }
    }
    if changed {
      program.jaxpr = Jaxpr(constVars: j.constVars, inVars: j.inVars, equations: eqns, outputs: j.outputs)
    }
    return changed
  }

  /// The equations replacing scan `e`, or nil when it does not qualify.
  private static func interchange(_ e: Equation, _ p: ScanParams, jamStackedOutputs: Bool) -> [Equation]? {
    guard let b = batchOfSmallCarries(p), let (body, batchedInputs) = perExampleBody(p, batch: b) else { return nil }
    // Carry outputs and stacked outputs must be per-example values.
    guard body.outputBatched.allSatisfy({ $0 }) else { return nil }
    let plan = InterchangePlan(e, p, body: body.jaxpr, batchedInputs: batchedInputs, batch: b,
                               jam: p.numYs == 0 || jamStackedOutputs)
    return plan.equations()
  }

  /// The batch size b when every carry is a batch of b >= 2 small states
  /// and together they are too big for registers (else the scan is fast
  /// as it is); nil otherwise.
  private static func batchOfSmallCarries(_ p: ScanParams) -> Int? {
    let nC = p.numConsts, nK = p.numCarry
    guard nK > 0, p.length > 0, let b = p.body.inVars[nC].aval.shape.first, b >= 2 else { return nil }
    var total = 0
    for v in p.body.inVars[nC..<(nC + nK)] {
      guard v.aval.rank >= 1, v.aval.shape[0] == b, v.aval.count / b <= smallElementLimit else { return nil }
      total += v.aval.count
    }
    return total > smallElementLimit ? b : nil
  }

  /// The body rewritten for one example, and which body inputs are
  /// per-example (batched along axis 0): the carries, plus constants/xs an
  /// elementwise op pairs with a batched value. Inputs found that way
  /// restart the analysis.
  private static func perExampleBody(_ p: ScanParams, batch b: Int) -> (PerExampleBody, Set<Int>)? {
    let nC = p.numConsts, nK = p.numCarry
    var batchedInputs = Set(nC..<(nC + nK))
    for _ in 0..<4 {
      switch PerExampleBody.make(p.body, batchedInputs: batchedInputs, batch: b) {
      case .success(let body):
        return (body, batchedInputs)
      case .needsBatched(let k):
        guard k < nC || k >= nC + nK, !batchedInputs.contains(k) else { return nil }
        batchedInputs.insert(k)
      case .failure:
        return nil
      }
    }
    return nil
  }
}

/// How `interchange` rewrites one qualifying scan `e`: a map (a scan with
/// no carry) of `blocks` iterations, each running `u` examples of the
/// per-example body side by side.
private struct InterchangePlan {
  let e: Equation
  let p: ScanParams
  /// The per-example body.
  let body: Jaxpr
  let b: Int
  /// Examples per map iteration.
  let u: Int
  var nC: Int { p.numConsts }
  var nK: Int { p.numCarry }
  var blocks: Int { b / u }
  let consts: [Int], xs: [Int]
  /// Body inputs every example shares, and those split by example.
  let sharedInputs: [Int], mappedInputs: [Int]

  init(_ e: Equation, _ p: ScanParams, body: Jaxpr, batchedInputs: Set<Int>, batch b: Int, jam: Bool) {
    self.e = e
    self.p = p
    self.body = body
    self.b = b
    consts = Array(0..<p.numConsts)
    xs = Array((p.numConsts + p.numCarry)..<p.body.inVars.count)
    sharedInputs = (consts + xs).filter { !batchedInputs.contains($0) }
    mappedInputs = (0..<p.body.inVars.count).filter { batchedInputs.contains($0) }
    u = jam ? Self.jamFactor(p, batch: b) : 1
  }

  /// Unroll and jam: each map iteration runs `u` examples in one time
  /// loop as independent copies of the body, which clang's SLP vectoriser
  /// packs into SIMD lanes (16 float32 lanes with AVX-512: 1024 Lorenz
  /// rollouts went from 104 ms with u = 1 to 13 ms with u = 16). Bounded
  /// so the copies' carries fit in vector registers and the C file stays
  /// quick to compile.
  static func jamFactor(_ p: ScanParams, batch b: Int) -> Int {
    var carryElements = 0
    for v in p.body.inVars[p.numConsts..<(p.numConsts + p.numCarry)] { carryElements += v.aval.count / b }
    let bodySize = p.body.equations.count
    return [16, 8, 4, 2].first(where: { n in b % n == 0 && n * carryElements <= 64 && n * bodySize <= 4096 }) ?? 1
  }

  func shaped(_ shape: [Int], _ a: ShapedArray) -> ShapedArray {
    ShapedArray(shape: shape, dtype: a.dtype, weakType: a.weakType)
  }

  /// The operands' preparation, the map, and the results' reshaping.
  func equations() -> [Equation] {
    let (pre, mapOperands) = self.mapOperands()
    let (outs, post) = outerResults()
    let map = Equation(
      .scan(ScanParams(body: mapBody(), numConsts: sharedInputs.count, numCarry: 0, length: blocks, reverse: false, unroll: 1)),
      sharedInputs.map { e.inputs[$0] } + mapOperands, outs)
    return pre + [map] + post
  }

  /// Operands of the map: shared values whole; per-example values with the
  /// example axis first (the stacked xs [T, b, ...] is transposed to
  /// [b, T, ...]), reshaped to [blocks, u, ...].
  func mapOperands() -> ([Equation], [Atom]) {
    var pre: [Equation] = []
    var operands: [Atom] = []
    for k in mappedInputs {
      var a = e.inputs[k]
      if k >= nC + nK {
        let perm = [1, 0] + Array(2..<a.aval.rank)
        let t = Var(shaped(perm.map { a.aval.shape[$0] }, a.aval))
        pre.append(Equation(.transpose(permutation: perm), [a], [t]))
        a = .v(t)
      }
      if u > 1 {
        let r = Var(shaped([blocks, u] + a.aval.shape.dropFirst(), a.aval))
        pre.append(Equation(.reshape(newSizes: r.aval.shape), [a], [r]))
        a = .v(r)
      }
      operands.append(a)
    }
    return (pre, operands)
  }

  /// The map body: binders for shared values and for one block of each
  /// mapped operand, split into the block's examples; the jammed scan; the
  /// examples' results stacked into the block's.
  func mapBody() -> Jaxpr {
    var eqns: [Equation] = []
    var sharedBinder: [Int: Var] = [:]
    for k in sharedInputs { sharedBinder[k] = Var(e.inputs[k].aval) }  // xs whole: [T, ...]
    var blockBinder: [Int: Var] = [:]
    var example: [[Int: Atom]] = Array(repeating: [:], count: u)
    for k in mappedInputs {
      blockBinder[k] = splitBlock(input: k, into: &example, &eqns)
    }
    var operands: [[Int: Atom]] = example
    for c in 0..<u {
      for (k, v) in sharedBinder { operands[c][k] = .v(v) }
    }
    let (finals, stacked) = jammedScan(operands, &eqns)
    var outs: [Atom] = []
    for k in 0..<nK { outs.append(.v(stack(finals.map { $0[k] }, &eqns))) }
    for j in 0..<(e.outputs.count - nK) { outs.append(.v(stack(stacked.map { $0[j] }, &eqns))) }
    return Jaxpr(constVars: [], inVars: sharedInputs.map { sharedBinder[$0]! } + mappedInputs.map { blockBinder[$0]! },
                 equations: eqns, outputs: outs)
  }

  /// The binder of mapped input `k`'s block, and (for u > 1) the slices
  /// that give each example its row.
  func splitBlock(input k: Int, into example: inout [[Int: Atom]], _ eqns: inout [Equation]) -> Var {
    let inner = body.inVars[k].aval  // per-example aval of the body binder
    let per = k >= nC + nK ? shaped([p.length] + inner.shape, inner) : inner
    let v = Var(u == 1 ? per : shaped([u] + per.shape, per))
    if u == 1 {
      example[0][k] = .v(v)
      return v
    }
    for c in 0..<u {
      let row = Var(shaped([1] + per.shape, per)), q = Var(per)
      eqns.append(Equation(.slice(start: [c] + per.shape.map { _ in 0 }, limit: [c + 1] + per.shape, strides: nil), [.v(v)], [row]))
      eqns.append(Equation(.squeeze(dimensions: [0]), [.v(row)], [q]))
      example[c][k] = .v(q)
    }
    return v
  }

  /// The jammed scan: u copies of the per-example body side by side, on
  /// each example's operands; returns each example's final carries and
  /// stacked outputs.
  func jammedScan(_ operand: [[Int: Atom]], _ eqns: inout [Equation]) -> (finals: [[Var]], stacked: [[Var]]) {
    let copies = (0..<u).map { _ in body.withFreshVariables() }
    let groups = [consts, Array(nC..<(nC + nK)), xs]
    let innerIns = groups.flatMap { g in copies.indices.flatMap { c in g.map { copies[c].inVars[$0] } } }
    let innerOperands = groups.flatMap { g in (0..<u).flatMap { c in g.map { operand[c][$0]! } } }
    let innerBody = Jaxpr(
      constVars: [], inVars: innerIns, equations: copies.flatMap(\.equations),
      outputs: copies.flatMap { $0.outputs[..<nK] } + copies.flatMap { $0.outputs[nK...] })
    let finals = (0..<u).map { _ in body.outputs[..<nK].map { Var($0.aval) } }
    let stacked = (0..<u).map { _ in body.outputs[nK...].map { Var(shaped([p.length] + $0.aval.shape, $0.aval)) } }
    eqns.append(Equation(
      .scan(ScanParams(body: innerBody, numConsts: nC * u, numCarry: nK * u, length: p.length, reverse: p.reverse, unroll: p.unroll)),
      innerOperands, finals.flatMap { $0 } + stacked.flatMap { $0 }))
    return (finals, stacked)
  }

  /// The block's result: the u examples' values stacked along a new axis.
  func stack(_ parts: [Var], _ eqns: inout [Equation]) -> Var {
    if u == 1 { return parts[0] }
    let a = parts[0].aval
    var rows: [Atom] = []
    for x in parts {
      let r = Var(shaped([1] + a.shape, a))
      eqns.append(Equation(.broadcastInDim(shape: [1] + a.shape, broadcastDimensions: Array(1..<(a.rank + 1))), [.v(x)], [r]))
      rows.append(.v(r))
    }
    let out = Var(shaped([u] + a.shape, a))
    eqns.append(Equation(.concatenate(dimension: 0), rows, [out]))
    return out
  }

  /// Outer results: [blocks, u, ...] back to [b, ...]; stacked outputs
  /// come out [b, T, ...] and are transposed back to [T, b, ...].
  func outerResults() -> ([Var], [Equation]) {
    var outs: [Var] = []
    var post: [Equation] = []
    for (j, y) in e.outputs.enumerated() {
      let perExample = j < nK ? Array(y.aval.shape.dropFirst()) : [p.length] + y.aval.shape.dropFirst(2)
      var result = y
      if j >= nK {
        result = Var(shaped([b] + perExample, y.aval))
        post.append(Equation(.transpose(permutation: [1, 0] + Array(2..<y.aval.rank)), [.v(result)], [y]))
      }
      if u > 1 {
        let blocked = Var(shaped([blocks, u] + perExample, y.aval))
        post.insert(Equation(.reshape(newSizes: [b] + perExample), [.v(blocked)], [result]), at: 0)
        result = blocked
      }
      outs.append(result)
    }
    return (outs, post)
  }
}

extension Jaxpr {
  /// The same program with new variables (equation parameters, including
  /// sub-jaxprs, are shared), so copies can sit side by side in one body.
  func withFreshVariables() -> Jaxpr {
    var renamed: [ObjectIdentifier: Var] = [:]
    func fresh(_ v: Var) -> Var {
      let n = Var(v.aval)
      renamed[ObjectIdentifier(v)] = n
      return n
    }
    func atom(_ a: Atom) -> Atom {
      if case .v(let v) = a { return .v(renamed[ObjectIdentifier(v)] ?? v) }
      return a
    }
    let ins = inVars.map(fresh)
    let eqns = equations.map { e in Equation(e.primitive, e.inputs.map(atom), e.outputs.map(fresh)) }
    return Jaxpr(constVars: [], inVars: ins, equations: eqns, outputs: outputs.map(atom))
  }
}

/// A scan body rewritten for one example: every batched value loses its
/// leading axis.
private struct PerExampleBody {
  var jaxpr: Jaxpr
  /// Whether each output of the original body was batched.
  var outputBatched: [Bool]

  enum Result {
    case success(PerExampleBody)
    /// Body input `k` must be treated as batched (an elementwise op pairs
    /// it with a batched value).
    case needsBatched(Int)
    case failure
  }

  static func make(_ body: Jaxpr, batchedInputs: Set<Int>, batch b: Int) -> Result {
    let rewriter = PerExampleRewriter(batch: b)
    guard let inVars = rewriter.bindInputs(body.inVars, batched: batchedInputs) else { return .failure }
    for e in body.equations {
      if let stop = rewriter.rewrite(e) { return stop }
    }
    let jaxpr = Jaxpr(constVars: [], inVars: inVars, equations: rewriter.equations, outputs: body.outputs.map(rewriter.atom))
    return .success(PerExampleBody(jaxpr: jaxpr, outputBatched: body.outputs.map(rewriter.isBatched)))
  }
}

/// The state of one `PerExampleBody.make`: which body values are batched
/// and what each becomes per example.
///
/// A class on purpose. This used to be local variables captured by nested
/// functions, and Swift 6.3's optimiser (release builds only) freed the
/// box holding the captured `batched` set (`swift_deallocUninitializedObject`)
/// on the path where an equation has one operand, then kept inserting into
/// it: a use after free that crashed about one `ensemble_lorenz` run in
/// three. Stored properties are not boxed captures.
private final class PerExampleRewriter {
  let b: Int
  /// Each original variable's per-example variable.
  private var value: [ObjectIdentifier: Var] = [:]
  /// The original variables that carry the batch axis.
  private var batched = Set<ObjectIdentifier>()
  /// The position of each body input, to ask for it to be batched.
  private var inputIndex: [ObjectIdentifier: Int] = [:]
  /// The rewritten equations so far.
  private(set) var equations: [Equation] = []

  init(batch b: Int) { self.b = b }

  /// Per-example binders for the body inputs; nil if an input said to be
  /// batched has no batch axis.
  func bindInputs(_ inVars: [Var], batched batchedInputs: Set<Int>) -> [Var]? {
    var binders: [Var] = []
    for (k, v) in inVars.enumerated() {
      let isBatched = batchedInputs.contains(k)
      if isBatched && (v.aval.rank == 0 || v.aval.shape[0] != b) { return nil }
      let n = Var(isBatched ? strip(v.aval) : v.aval)
      value[ObjectIdentifier(v)] = n
      if isBatched { batched.insert(ObjectIdentifier(v)) }
      inputIndex[ObjectIdentifier(v)] = k
      binders.append(n)
    }
    return binders
  }

  func atom(_ a: Atom) -> Atom {
    if case .v(let v) = a { return .v(value[ObjectIdentifier(v)]!) }
    return a
  }

  func isBatched(_ a: Atom) -> Bool {
    if case .v(let v) = a { return batched.contains(ObjectIdentifier(v)) }
    return false
  }

  private func strip(_ a: ShapedArray) -> ShapedArray {
    ShapedArray(shape: Array(a.shape.dropFirst()), dtype: a.dtype, weakType: a.weakType)
  }

  /// Appends the per-example form of `e`; returns what `make` should
  /// return instead when `e` has none.
  func rewrite(_ e: Equation) -> PerExampleBody.Result? {
    let ins = e.inputs.map(atom)
    guard e.inputs.contains(where: isBatched) else {
      if rewriteSharedBroadcast(e, ins) { return nil }
      // Shared computation: every example computes the same value.
      let outs = e.outputs.map { Var($0.aval) }
      for (o, n) in zip(e.outputs, outs) { value[ObjectIdentifier(o)] = n }
      equations.append(Equation(e.primitive, ins, outs))
      return nil
    }
    return rewriteBatched(e, ins)
  }

  /// vmap broadcasting a shared value along the batch axis: each example's
  /// row is the broadcast without that axis.
  private func rewriteSharedBroadcast(_ e: Equation, _ ins: [Atom]) -> Bool {
    guard case .broadcastInDim(let shape, let dims) = e.primitive, shape.first == b, !dims.contains(0) else { return false }
    let out = e.outputs[0].aval
    let per = Var(ShapedArray(shape: Array(shape.dropFirst()), dtype: out.dtype, weakType: out.weakType))
    equations.append(Equation(.broadcastInDim(shape: per.aval.shape, broadcastDimensions: dims.map { $0 - 1 }), ins, [per]))
    value[ObjectIdentifier(e.outputs[0])] = per
    batched.insert(ObjectIdentifier(e.outputs[0]))
    return true
  }

  /// An equation with a batched operand: the same primitive with the batch
  /// axis removed from its parameters, when it treats examples
  /// independently.
  private func rewriteBatched(_ e: Equation, _ atoms: [Atom]) -> PerExampleBody.Result? {
    var ins = atoms
    let prim: Primitive
    if e.primitive.isElementwise {
      if let stop = squeezeSharedOperands(e, &ins) { return stop }
      prim = e.primitive
    } else {
      // Single-operand forms need that operand batched (concatenate checks
      // all of its operands itself).
      guard e.inputs.count == 1 || e.inputs.allSatisfy(isBatched),
            let p = perExample(e.primitive, operandRank: e.inputs[0].aval.rank) else { return .failure }
      prim = p
    }
    guard let avals = try? prim.abstractEval(ins.map(\.aval)) else { return .failure }
    // The per-example result must be the batched result minus its axis.
    for (o, a) in zip(e.outputs, avals) where o.aval.shape != [b] + a.shape || o.aval.dtype != a.dtype {
      return .failure
    }
    let outs = avals.map { Var($0) }
    for (o, n) in zip(e.outputs, outs) {
      value[ObjectIdentifier(o)] = n
      batched.insert(ObjectIdentifier(o))
    }
    equations.append(Equation(prim, ins, outs))
    return nil
  }

  /// Operands of an elementwise op are batched, scalars (the same for every
  /// example), or shared with a size-1 batch axis (lax's size-1
  /// broadcasting, as vmap's rule leaves a shared operand): that axis is
  /// dropped.
  private func squeezeSharedOperands(_ e: Equation, _ ins: inout [Atom]) -> PerExampleBody.Result? {
    let rank0 = e.inputs[e.inputs.firstIndex(where: isBatched)!].aval.rank
    for (i, a) in e.inputs.enumerated() where !isBatched(a) && a.aval.rank > 0 {
      if a.aval.rank == rank0, a.aval.shape[0] == 1 {
        let row = Var(strip(a.aval))
        equations.append(Equation(.squeeze(dimensions: [0]), [ins[i]], [row]))
        ins[i] = .v(row)
        continue
      }
      if case .v(let v) = a, let k = inputIndex[ObjectIdentifier(v)] { return .needsBatched(k) }
      return .failure
    }
    return nil
  }

  /// `p` for one example of a batched (leading-axis) operand of rank
  /// `rank`; nil when `p` mixes examples or is not rewritten.
  private func perExample(_ p: Primitive, operandRank rank: Int) -> Primitive? {
    switch p {
    case .slice(let start, let limit, let strides):
      guard start[0] == 0, limit[0] == b, (strides?[0] ?? 1) == 1 else { return nil }
      return .slice(start: Array(start.dropFirst()), limit: Array(limit.dropFirst()), strides: strides.map { Array($0.dropFirst()) })
    case .squeeze(let dims):
      return dims.contains(0) ? nil : .squeeze(dimensions: dims.map { $0 - 1 })
    case .expandDims(let dims):
      return dims.contains(0) ? nil : .expandDims(dimensions: dims.map { $0 - 1 })
    case .broadcastInDim(let shape, let dims):
      guard dims.first == 0, shape.first == b else { return nil }
      return .broadcastInDim(shape: Array(shape.dropFirst()), broadcastDimensions: dims.dropFirst().map { $0 - 1 })
    case .concatenate(let d):
      return d > 0 ? .concatenate(dimension: d - 1) : nil
    case .reshape(let sizes):
      guard sizes.first == b, rank >= 1 else { return nil }
      return .reshape(newSizes: Array(sizes.dropFirst()))
    case .transpose(let perm):
      return perm.first == 0 ? .transpose(permutation: perm.dropFirst().map { $0 - 1 }) : nil
    case .rev(let dims):
      return dims.contains(0) ? nil : .rev(dimensions: dims.map { $0 - 1 })
    case .reduce(let op, let axes):
      return axes.contains(0) ? nil : .reduce(op, axes: axes.map { $0 - 1 })
    case .argReduce(let op, let axis, let t):
      return axis == 0 ? nil : .argReduce(op, axis: axis - 1, indexDType: t)
    case .cumulative(let op, let axis, let reverse):
      return axis == 0 ? nil : .cumulative(op, axis: axis - 1, reverse: reverse)
    // Elementwise primitives are handled by the caller; the rest mix
    // examples or carry sub-programs this rewrite does not enter.
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType,
      .iota, .dynamicSlice, .dynamicUpdateSlice, .pad, .gather, .scatter, .dotGeneral, .sort,
      .convGeneralDilated, .reduceWindow, .fft, .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      return nil
    }
  }
}
