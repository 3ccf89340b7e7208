/// Structured control flow (`jax.lax.scan`, `while_loop`, `fori_loop`,
/// `cond`, `switch`). Bodies are traced once into sub-jaxprs, so loops
/// stay loops under `jit` and every transformation applies to them.
extension Lax {
  /// `jax.lax.scan`: loops `f` over the leading axis of `xs`, threading a
  /// carry and stacking the per-step outputs.
  ///
  /// ```swift
  /// // cumulative sum (seed 002)
  /// let (total, partials) = Lax.scan({ s, x in (s + x, s + x) }, initial: Tensor(Int32(0)), xs: sequence)
  /// ```
  /// - Parameters:
  ///   - f: `(carry, x) -> (newCarry, y)`; the carry must keep its pytree
  ///     structure, shapes and dtypes.
  ///   - initial: the initial carry (any pytree of tensors).
  ///   - xs: a pytree whose leaves share a leading axis of `length`.
  ///   - length: required when `xs` has no leaves.
  ///   - reverse: iterate from the end (outputs stay in index order).
  ///   - unroll: iterations per native loop step under `jit`.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func scan<C: PyTree, X: PyTree, Y: PyTree>(
    _ f: (C, X) -> (C, Y), initial: C, xs: X, length: Int? = nil, reverse: Bool = false, unroll: Int = 1,
    file: StaticString = #fileID, line: UInt = #line
  ) -> (C, Y) {
    let site = CallSite(file: file, line: line)
    let (initLeaves, carryDef) = treeFlatten(initial)
    let (xsLeaves, xsDef) = treeFlatten(xs)
    func failure(_ kind: JAXError.Kind, _ msg: String) -> (C, Y) {
      JAXError.raise(JAXError(kind, "scan", msg, site: site))
      return (treeUnflatten(carryDef, initLeaves.map { _ in Tensor.invalid }), emptyTree(Y.self))
    }
    if initLeaves.contains(where: \.isInvalid) || xsLeaves.contains(where: \.isInvalid) {
      return failure(.value, "an input is invalid (an earlier error was captured)")
    }
    var n = length
    for x in xsLeaves {
      guard x.rank >= 1 else { return failure(.shape, "scanned-over inputs must have a leading axis, got \(x.aval)") }
      if let m = n, m != x.shape[0] {
        return failure(.shape, "scan got \(length != nil ? "length argument \(m) but " : "")inputs with inconsistent leading axis sizes: \(xsLeaves.map { shapeString($0.shape) }.joined(separator: ", "))")
      }
      n = x.shape[0]
    }
    guard let len = n else { return failure(.value, "scan needs `length` when `xs` has no leaves") }
    let xAvals = xsLeaves.map { $0.aval.with(shape: Array($0.shape.dropFirst())) }
    var carryIn = initLeaves
    var yDef: TreeDef = .none
    var body: TracedBody? = nil
    for attempt in 0..<2 {
      var treeError: String? = nil
      let nCarry = carryIn.count
      body = traceBody(carryIn.map(\.aval) + xAvals) { args in
        let c = treeUnflatten(carryDef, Array(args[..<nCarry]), as: C.self)
        let x = treeUnflatten(xsDef, Array(args[nCarry...]), as: X.self)
        let (c2, y) = f(c, x)
        let (cl, cd) = treeFlatten(c2)
        if let d = carryDef.firstDifference(from: cd) { treeError = d }
        let (yl, yd) = treeFlatten(y)
        yDef = yd
        return cl + yl
      }
      if let d = treeError { return failure(.treeMismatch, "the body function's output carry must have the same pytree structure as the initial carry; they differ \(d)") }
      guard let b = body else { return failure(.value, "tracing the body function failed (see the captured error)") }
      let outCarry = Array(b.jaxpr.outAvals[..<nCarry])
      if attempt == 0, let fixed = fixWeakCarry(carryIn, outCarry) { carryIn = fixed; continue }
      if let msg = carryMismatch("scan body function", carryIn.map(\.aval), outCarry, def: carryDef) { return failure(.shape, msg) }
      break
    }
    let b = body!
    let params = ScanParams(body: b.jaxpr, numConsts: b.consts.count, numCarry: carryIn.count, length: len, reverse: reverse, unroll: Swift.max(1, unroll))
    let outs = bind(.scan(params), b.consts + carryIn + xsLeaves, site: site)
    return (treeUnflatten(carryDef, Array(outs[..<carryIn.count])), treeUnflatten(yDef, Array(outs[carryIn.count...])))
  }

  /// `scan` with no scanned-over inputs (`jax.lax.scan(f, init, None, length)`):
  /// the body receives `nil` as its `x`.
  ///
  /// ```swift
  /// let (_, trajectory) = Lax.scan({ coords, _ in
  ///   let next = stepper(coords)
  ///   return (next, next)
  /// }, initial: initCoords, xs: nil, length: 10_000)
  /// ```
  public static func scan<C: PyTree, Y: PyTree>(
    _ f: (C, Tensor?) -> (C, Y), initial: C, xs: Tensor? = nil, length: Int, reverse: Bool = false, unroll: Int = 1,
    file: StaticString = #fileID, line: UInt = #line
  ) -> (C, Y) {
    scan(f, initial: initial, xs: xs, length: length as Int?, reverse: reverse, unroll: unroll, file: file, line: line)
  }

  /// `jax.lax.map`: applies `f` to each slice along the leading axis.
  ///
  /// ```swift
  /// Lax.map({ (x: Tensor) in x * x }, jnp.arange(4))  // [0 1 4 9]
  /// ```
  public static func map<X: PyTree, Y: PyTree>(_ f: (X) -> Y, _ xs: X, file: StaticString = #fileID, line: UInt = #line) -> Y {
    scan({ (c: Tensor?, x: X) in (c, f(x)) }, initial: nil as Tensor?, xs: xs, file: file, line: line).1
  }

  /// `jax.lax.while_loop`: repeats `body` while `cond` is true.
  ///
  /// ```swift
  /// let (end, _) = Lax.whileLoop(cond: { v in v.0 < v.1 }, body: { v in (v.0 + 1, v.1) }, initial: (i, n))
  /// ```
  /// Differentiable in forward mode only: reverse mode through a loop of
  /// unknown trip count is an error (use `scan` or a static `forLoop`).
  public static func whileLoop<each C: PyTree>(
    cond: (repeat each C) -> Tensor, body: (repeat each C) -> (repeat each C), initial: (repeat each C),
    file: StaticString = #fileID, line: UInt = #line
  ) -> (repeat each C) {
    let site = CallSite(file: file, line: line)
    let (initLeaves, carryDef) = flattenTuple(repeat each initial)
    let outs = withoutActuallyEscaping(cond) { c in
      withoutActuallyEscaping(body) { b in
        whileLoopFlat(flatFunction(c, carryDef), flatBranch(b, carryDef), initLeaves, carryDef, site: site)
      }
    }
    return unflattenTuple(carryDef, outs, as: repeat (each C).self)
  }

  /// A loop condition as a function of flat leaves.
  static func flatFunction<each C: PyTree>(_ fn: @escaping (repeat each C) -> Tensor, _ def: TreeDef) -> ([Tensor]) -> Tensor {
    return { leaves in
      let c = unflattenTuple(def, leaves, as: repeat (each C).self)
      return fn(repeat each c)
    }
  }

  static func whileLoopFlat(
    _ cond: ([Tensor]) -> Tensor, _ body: ([Tensor]) -> ([Tensor], TreeDef), _ initLeaves: [Tensor], _ carryDef: TreeDef,
    site: CallSite
  ) -> [Tensor] {
    func failure(_ kind: JAXError.Kind, _ msg: String) -> [Tensor] {
      JAXError.raise(JAXError(kind, "while_loop", msg, site: site))
      return initLeaves.map { _ in Tensor.invalid }
    }
    if initLeaves.contains(where: \.isInvalid) { return failure(.value, "an input is invalid (an earlier error was captured)") }
    var carryIn = initLeaves
    var condBody: TracedBody? = nil
    var loopBody: TracedBody? = nil
    for attempt in 0..<2 {
      var treeError: String? = nil
      condBody = traceBody(carryIn.map(\.aval)) { args in [cond(args)] }
      loopBody = traceBody(carryIn.map(\.aval)) { args in
        let (l, d) = body(args)
        if let diff = carryDef.firstDifference(from: d) { treeError = diff }
        return l
      }
      if let d = treeError { return failure(.treeMismatch, "body_fun output and input must have identical pytree structures; they differ \(d)") }
      guard let cb = condBody, let lb = loopBody else { return failure(.value, "tracing the loop functions failed (see the captured error)") }
      let condOut = cb.jaxpr.outAvals
      guard condOut.count == 1, condOut[0].shape == [], condOut[0].dtype == .bool else {
        return failure(.dtype, "cond_fun must return a boolean scalar, but got output type(s) [\(condOut.map { "\($0.dtype.name)\($0.shape)" }.joined(separator: ", "))]")
      }
      if attempt == 0, let fixed = fixWeakCarry(carryIn, lb.jaxpr.outAvals) { carryIn = fixed; continue }
      if let msg = carryMismatch("while_loop body function", carryIn.map(\.aval), lb.jaxpr.outAvals, def: carryDef) { return failure(.shape, msg) }
      break
    }
    let cb = condBody!, lb = loopBody!
    let params = WhileParams(cond: cb.jaxpr, body: lb.jaxpr, condNConsts: cb.consts.count, bodyNConsts: lb.consts.count)
    return bind(.whileLoop(params), cb.consts + lb.consts + carryIn, site: site)
  }

  /// `jax.lax.fori_loop` with static bounds: lowered to `scan`, so it stays
  /// reverse-differentiable. The body receives the index as an int32
  /// scalar tensor.
  ///
  /// ```swift
  /// // 2-D advection (seed 001)
  /// let final = Lax.forLoop(0, 1000, body: { _, density in
  ///   density - dt * velocity * Numpy.gradient(density, axis: 0)
  /// }, initial: initialDensity)
  /// ```
  public static func forLoop<C: PyTree>(
    _ lower: Int, _ upper: Int, body: (Tensor, C) -> C, initial: C, unroll: Int = 1,
    file: StaticString = #fileID, line: UInt = #line
  ) -> C {
    let start = Numpy.convert(Tensor(weak: lower), to: .int32, weak: false)
    let (out, _) = scan({ (carry: Tuple2Tree<Tensor, C>, _: Tensor?) -> (Tuple2Tree<Tensor, C>, Tensor?) in
      let (i, x) = (carry.a, carry.b)
      return (Tuple2Tree(i + 1, body(i, x)), nil)
    }, initial: Tuple2Tree(start, initial), xs: nil, length: Swift.max(upper - lower, 0), unroll: unroll, file: file, line: line)
    return out.b
  }

  /// `jax.lax.fori_loop` with traced bounds: lowered to `whileLoop`.
  ///
  /// ```swift
  /// Lax.forLoop(jnp.array(0), jnp.array(5), body: { i, x in x + i }, initial: jnp.array(0))  // 10
  /// ```
  public static func forLoop<C: PyTree>(
    _ lower: Tensor, _ upper: Tensor, body: (Tensor, C) -> C, initial: C,
    file: StaticString = #fileID, line: UInt = #line
  ) -> C {
    let lo = Numpy.convert(lower, to: .int32, weak: false, file: file, line: line)
    let hi = Numpy.convert(upper, to: .int32, weak: false, file: file, line: line)
    let out = whileLoop(cond: { (i: Tensor, n: Tensor, _: C) in i < n },
                        body: { (i: Tensor, n: Tensor, x: C) -> (Tensor, Tensor, C) in (i + 1, n, body(i, x)) },
                        initial: (lo, hi, initial), file: file, line: line)
    return out.2
  }

  /// `jax.lax.cond`: `trueFn(operands)` if `pred` else `falseFn(operands)`.
  /// Both branches are traced and must return the same types. Under
  /// `vmap` with a batched predicate it becomes a `select`.
  ///
  /// ```swift
  /// let y = Lax.cond(x > 0, { x in x * 2 }, { x in x + 1 }, x)
  /// ```
  public static func cond<Ops: PyTree, R: PyTree>(
    _ pred: Tensor, _ trueFn: (Ops) -> R, _ falseFn: (Ops) -> R, _ operands: Ops,
    file: StaticString = #fileID, line: UInt = #line
  ) -> R {
    let site = CallSite(file: file, line: line)
    guard pred.rank == 0 else {
      JAXError.raise(JAXError(.shape, "cond", "pred must be a scalar, got shape \(shapeString(pred.shape)); use Numpy.where for elementwise selection, or vmap for a batch of predicates", site: site))
      return emptyTree(R.self)
    }
    let index = pred.dtype.isBool
      ? Lax.convertElementType(pred, .int32)
      : Lax.convertElementType(Lax.ne(pred, Numpy.convert(Tensor(weak: 0), to: pred.dtype, weak: false)), .int32)
    let (opLeaves, opDef) = treeFlatten(operands)
    return withoutActuallyEscaping(trueFn) { t in
      withoutActuallyEscaping(falseFn) { f in
        let fns: [([Tensor]) -> ([Tensor], TreeDef)] = [f, t].map { fn in
          { leaves in treeFlatten(fn(treeUnflatten(opDef, leaves, as: Ops.self))) }
        }
        let (outs, def) = branches(index, fns, opLeaves, op: "cond", site: site)
        return treeUnflatten(def, outs)
      }
    }
  }

  /// `cond` with two operands (`lax.cond(pred, f, g, x, y)`).
  public static func cond<O0: PyTree, O1: PyTree, R: PyTree>(
    _ pred: Tensor, _ trueFn: (O0, O1) -> R, _ falseFn: (O0, O1) -> R, _ x: O0, _ y: O1,
    file: StaticString = #fileID, line: UInt = #line
  ) -> R {
    cond(pred, { (o: Tuple2Tree<O0, O1>) in trueFn(o.a, o.b) }, { o in falseFn(o.a, o.b) }, Tuple2Tree(x, y), file: file, line: line)
  }

  /// `jax.lax.switch`: applies `branches[index]` (index clamped to the
  /// valid range, as JAX does).
  ///
  /// ```swift
  /// print(Lax.switch(jnp.array(1), [{ (x: Tensor) in x + 1 }, { x in x * 10 }], jnp.array([1.0, 2.0])))
  /// // [10. 20.]
  /// ```
  public static func `switch`<Ops: PyTree, R: PyTree>(
    _ index: Tensor, _ branches: [(Ops) -> R], _ operands: Ops,
    file: StaticString = #fileID, line: UInt = #line
  ) -> R {
    let site = CallSite(file: file, line: line)
    guard index.rank == 0, index.dtype.isInteger, !branches.isEmpty else {
      JAXError.raise(JAXError(.dtype, "switch", "the index must be an integer scalar and there must be at least one branch, got \(index.aval) and \(branches.count) branches", site: site))
      return emptyTree(R.self)
    }
    let i = Numpy.convert(index, to: .int32, weak: false)
    let clamped = Lax.clamp(Tensor(Int32(0)), i, Tensor(Int32(branches.count - 1)))
    let (opLeaves, opDef) = treeFlatten(operands)
    let fns: [([Tensor]) -> ([Tensor], TreeDef)] = branches.map { fn in
      { leaves in treeFlatten(fn(treeUnflatten(opDef, leaves, as: Ops.self))) }
    }
    let (outs, def) = self.branches(clamped, fns, opLeaves, op: "switch", site: site)
    return treeUnflatten(def, outs)
  }

  /// A branch as a function of flat leaves to flat leaves and structure.
  static func flatBranch<each Ops: PyTree, each R: PyTree>(
    _ fn: @escaping (repeat each Ops) -> (repeat each R), _ opDef: TreeDef
  ) -> ([Tensor]) -> ([Tensor], TreeDef) {
    return { leaves in
      let ops = unflattenTuple(opDef, leaves, as: repeat (each Ops).self)
      let r = fn(repeat each ops)
      return flattenTuple(repeat each r)
    }
  }

  /// Traces each branch on the flat operands and binds `cond`.
  static func branches(
    _ index: Tensor, _ fns: [([Tensor]) -> ([Tensor], TreeDef)], _ opLeaves: [Tensor], op: String, site: CallSite
  ) -> ([Tensor], TreeDef) {
    var outDefs: [TreeDef] = []
    var traced: [TracedBody] = []
    for fn in fns {
      guard let b = traceBody(opLeaves.map(\.aval), { args in
        let (l, d) = fn(args)
        outDefs.append(d)
        return l
      }) else {
        JAXError.raise(JAXError(.value, op, "tracing a branch failed (see the captured error)", site: site))
        return ([], .none)
      }
      traced.append(b)
    }
    for (i, d) in outDefs.enumerated().dropFirst() {
      if let diff = outDefs[0].firstDifference(from: d) {
        JAXError.raise(JAXError(.treeMismatch, op, "branch 0 and branch \(i) must return the same pytree structure; they differ \(diff)", site: site))
        return ([Tensor](repeating: .invalid, count: outDefs[0].leafCount), outDefs[0])
      }
      for (a, b) in zip(traced[0].jaxpr.outAvals, traced[i].jaxpr.outAvals) where !sameType(a, b) {
        let names = op == "cond" ? "false_fun and true_fun" : "branch 0 and branch \(i)"
        JAXError.raise(JAXError(.shape, op, "\(names) output must have identical types, got \(a.dtype.name)\(a.shape) and \(b.dtype.name)\(b.shape)", site: site))
        return ([Tensor](repeating: .invalid, count: outDefs[0].leafCount), outDefs[0])
      }
    }
    // Every branch takes every branch's constants (unused ones ignored).
    let allConsts = traced.flatMap(\.consts)
    var jaxprs: [Jaxpr] = []
    for (k, b) in traced.enumerated() {
      var inVars: [Var] = []
      for (m, other) in traced.enumerated() {
        if m == k {
          inVars += b.jaxpr.inVars[..<b.consts.count]
        } else {
          inVars += other.consts.map { Var($0.aval) }
        }
      }
      inVars += b.jaxpr.inVars[b.consts.count...]
      jaxprs.append(Jaxpr(constVars: [], inVars: inVars, equations: b.jaxpr.equations, outputs: b.jaxpr.outputs))
    }
    let outs = bind(.cond(CondParams(branches: jaxprs)), [index] + allConsts + opLeaves, site: site)
    return (outs, outDefs[0])
  }
}

/// A tree with no leaves, as the result of a failed operation whose output
/// structure is unknown.
func emptyTree<T: PyTree>(_ t: T.Type) -> T {
  var none = [Tensor]()[...]
  return T.unflattenTree(.none, &none)
}
