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
// in parallel across the thread pool. Every example performs exactly the
// operations it did before, so results are identical bit for bit.
//
// The rewrite applies only when every equation of the body is one of the
// row-independent forms below; otherwise the scan is left as it is.

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
  @discardableResult
  static func interchangeBatchedScans(_ program: inout ClosedJaxpr) -> Bool {
    let j = program.jaxpr
    guard j.equations.contains(where: { if case .scan = $0.primitive { true } else { false } }) else { return false }
    var eqns: [Equation] = []
    var changed = false
    for e in j.equations {
      if case .scan(let p) = e.primitive, let rewritten = interchange(e, p) {
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
  private static func interchange(_ e: Equation, _ p: ScanParams) -> [Equation]? {
    let nC = p.numConsts, nK = p.numCarry
    guard nK > 0, p.length > 0, let b = p.body.inVars[nC].aval.shape.first, b >= 2 else { return nil }
    // Every carry is a batch of b small states.
    for v in p.body.inVars[nC..<(nC + nK)] {
      guard v.aval.rank >= 1, v.aval.shape[0] == b, v.aval.count / b <= smallElementLimit else { return nil }
    }
    // Which body inputs are per-example (batched along axis 0): the
    // carries, plus constants/xs an elementwise op pairs with a batched
    // value. Inputs found that way restart the analysis.
    var batchedInputs = Set((nC..<(nC + nK)).map { $0 })
    var rewrite: PerExampleBody? = nil
    for _ in 0..<4 {
      switch PerExampleBody.make(p.body, batchedInputs: batchedInputs, batch: b) {
      case .success(let r):
        rewrite = r
      case .needsBatched(let k):
        guard k < nC || k >= nC + nK, !batchedInputs.contains(k) else { return nil }
        batchedInputs.insert(k)
        continue
      case .failure:
        return nil
      }
      break
    }
    guard let body = rewrite else { return nil }
    // Carry outputs and stacked outputs must be per-example values.
    guard body.outputBatched.allSatisfy({ $0 }) else { return nil }

    let consts = Array(0..<nC), xs = Array((nC + nK)..<p.body.inVars.count)
    let sharedInputs = (consts + xs).filter { !batchedInputs.contains($0) }
    let mappedInputs = (0..<p.body.inVars.count).filter { batchedInputs.contains($0) }

    var pre: [Equation] = []
    // Operands of the outer map: shared values whole, per-example values
    // with the example axis first (xs rows are [b, ...] inside the loop,
    // so the stacked xs [T, b, ...] is transposed to [b, T, ...]).
    var mapOperands: [Atom] = []
    for k in mappedInputs {
      let a = e.inputs[k]
      if k >= nC + nK {
        let perm = [1, 0] + Array(2..<a.aval.rank)
        let t = Var(ShapedArray(shape: perm.map { a.aval.shape[$0] }, dtype: a.aval.dtype, weakType: a.aval.weakType))
        pre.append(Equation(.transpose(permutation: perm), [a], [t]))
        mapOperands.append(.v(t))
      } else {
        mapOperands.append(a)
      }
    }

    // The map body: binders for shared values, then one example's slice of
    // each mapped operand; it runs the per-example scan.
    var binder: [Int: Var] = [:]
    for k in sharedInputs { binder[k] = Var(e.inputs[k].aval) }  // xs whole: [T, ...]
    for k in mappedInputs {
      let inner = body.jaxpr.inVars[k].aval  // per-example aval of the body binder
      binder[k] = Var(k >= nC + nK ? ShapedArray(shape: [p.length] + inner.shape, dtype: inner.dtype, weakType: inner.weakType) : inner)
    }
    let innerOuts = body.jaxpr.outputs.enumerated().map { i, a -> Var in
      i < nK ? Var(a.aval) : Var(ShapedArray(shape: [p.length] + a.aval.shape, dtype: a.aval.dtype, weakType: a.aval.weakType))
    }
    let innerScan = Equation(
      .scan(ScanParams(body: body.jaxpr, numConsts: nC, numCarry: nK, length: p.length, reverse: p.reverse, unroll: p.unroll)),
      (0..<p.body.inVars.count).map { .v(binder[$0]!) }, innerOuts)
    let mapBody = Jaxpr(constVars: [], inVars: sharedInputs.map { binder[$0]! } + mappedInputs.map { binder[$0]! },
                        equations: [innerScan], outputs: innerOuts.map { .v($0) })

    // Outer results: final carries are already [b, ...]; stacked outputs
    // come out [b, T, ...] and are transposed back to [T, b, ...].
    var outs: [Var] = Array(e.outputs[..<nK])
    var post: [Equation] = []
    for y in e.outputs[nK...] {
      let perm = [1, 0] + Array(2..<y.aval.rank)
      let t = Var(ShapedArray(shape: perm.map { y.aval.shape[$0] }, dtype: y.aval.dtype, weakType: y.aval.weakType))
      outs.append(t)
      post.append(Equation(.transpose(permutation: perm), [.v(t)], [y]))
    }
    let map = Equation(
      .scan(ScanParams(body: mapBody, numConsts: sharedInputs.count, numCarry: 0, length: b, reverse: false, unroll: 1)),
      sharedInputs.map { e.inputs[$0] } + mapOperands, outs)
    return pre + [map] + post
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
    var value: [ObjectIdentifier: Var] = [:]
    var batched = Set<ObjectIdentifier>()
    var inputIndex: [ObjectIdentifier: Int] = [:]
    func strip(_ a: ShapedArray) -> ShapedArray {
      ShapedArray(shape: Array(a.shape.dropFirst()), dtype: a.dtype, weakType: a.weakType)
    }
    var inVars: [Var] = []
    for (k, v) in body.inVars.enumerated() {
      let isBatched = batchedInputs.contains(k)
      if isBatched && (v.aval.rank == 0 || v.aval.shape[0] != b) { return .failure }
      let n = Var(isBatched ? strip(v.aval) : v.aval)
      value[ObjectIdentifier(v)] = n
      if isBatched { batched.insert(ObjectIdentifier(v)) }
      inputIndex[ObjectIdentifier(v)] = k
      inVars.append(n)
    }
    func atom(_ a: Atom) -> Atom {
      if case .v(let v) = a { return .v(value[ObjectIdentifier(v)]!) }
      return a
    }
    func isBatched(_ a: Atom) -> Bool {
      if case .v(let v) = a { return batched.contains(ObjectIdentifier(v)) }
      return false
    }

    var eqns: [Equation] = []
    for e in body.equations {
      let anyBatched = e.inputs.contains(where: isBatched)
      let ins = e.inputs.map(atom)
      guard anyBatched else {
        // Shared computation: every example computes the same value.
        let outs = e.outputs.map { Var($0.aval) }
        for (o, n) in zip(e.outputs, outs) { value[ObjectIdentifier(o)] = n }
        eqns.append(Equation(e.primitive, ins, outs))
        continue
      }
      let rank0 = e.inputs[e.inputs.firstIndex(where: isBatched)!].aval.rank
      var prim: Primitive
      switch e.primitive {
      case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType:
        // Operands are either batched or scalars (the same for every example).
        for a in e.inputs where !isBatched(a) && a.aval.rank > 0 {
          if case .v(let v) = a, let k = inputIndex[ObjectIdentifier(v)] { return .needsBatched(k) }
          return .failure
        }
        prim = e.primitive
      case .slice(let start, let limit, let strides):
        guard start[0] == 0, limit[0] == b, (strides?[0] ?? 1) == 1 else { return .failure }
        prim = .slice(start: Array(start.dropFirst()), limit: Array(limit.dropFirst()), strides: strides.map { Array($0.dropFirst()) })
      case .squeeze(let dims):
        guard !dims.contains(0) else { return .failure }
        prim = .squeeze(dimensions: dims.map { $0 - 1 })
      case .expandDims(let dims):
        guard !dims.contains(0) else { return .failure }
        prim = .expandDims(dimensions: dims.map { $0 - 1 })
      case .broadcastInDim(let shape, let dims):
        guard dims.first == 0, shape.first == b else { return .failure }
        prim = .broadcastInDim(shape: Array(shape.dropFirst()), broadcastDimensions: dims.dropFirst().map { $0 - 1 })
      case .concatenate(let d):
        guard d > 0, e.inputs.allSatisfy(isBatched) else { return .failure }
        prim = .concatenate(dimension: d - 1)
      case .reshape(let sizes):
        guard sizes.first == b, rank0 >= 1 else { return .failure }
        prim = .reshape(newSizes: Array(sizes.dropFirst()))
      case .transpose(let perm):
        guard perm.first == 0 else { return .failure }
        prim = .transpose(permutation: perm.dropFirst().map { $0 - 1 })
      case .rev(let dims):
        guard !dims.contains(0) else { return .failure }
        prim = .rev(dimensions: dims.map { $0 - 1 })
      case .reduce(let op, let axes):
        guard !axes.contains(0) else { return .failure }
        prim = .reduce(op, axes: axes.map { $0 - 1 })
      case .argReduce(let op, let axis, let t):
        guard axis != 0 else { return .failure }
        prim = .argReduce(op, axis: axis - 1, indexDType: t)
      case .cumulative(let op, let axis, let reverse):
        guard axis != 0 else { return .failure }
        prim = .cumulative(op, axis: axis - 1, reverse: reverse)
      default:
        return .failure
      }
      // Single-operand forms need that operand batched (checked above for
      // concatenate; elementwise ops were checked operand by operand).
      if !e.primitive.isElementwise && e.inputs.count != 1 && !e.inputs.allSatisfy(isBatched) { return .failure }
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
      eqns.append(Equation(prim, ins, outs))
    }
    let outputs = body.outputs.map(atom)
    return .success(PerExampleBody(jaxpr: Jaxpr(constVars: [], inVars: inVars, equations: eqns, outputs: outputs),
                                   outputBatched: body.outputs.map(isBatched)))
  }
}
