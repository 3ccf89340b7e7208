// User-defined derivative rules: `customJVP` and `customVJP` (JAX's
// `jax.custom_jvp` / `jax.custom_vjp`). Outside transformations the
// function runs as is; under a transformation it is staged to a Jaxpr and
// bound as `Primitive.custom`, whose JVP rule is the user's rule.

extension CustomCall {
  /// The JVP rule of `.custom` (called from ``Primitive/jvp(_:_:site:)``).
  func jvp(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    if kind == .lin {
      // custom_lin is linear in its tangent operands: apply it again.
      let ts = zip(t.dropFirst(numResiduals), x.dropFirst(numResiduals)).map { instantiateTangent($0, $1.aval) }
      if t.prefix(numResiduals).contains(where: { $0 != nil }) {
        JAXError.raise(JAXError(.transformation, primitiveName, "differentiating the residuals of a customVJP rule is not supported", site: site))
      }
      let y = bind(.custom(self), x, site: site)
      return (y, bind(.custom(self), Array(x.prefix(numResiduals)) + ts, site: site))
    }
    if t.prefix(numConsts).contains(where: { $0 != nil }) {
      JAXError.raise(JAXError(
        .transformation, primitiveName,
        "the function \(name) with a custom derivative captures a value that is being differentiated. "
          + "Custom rules only see the function's arguments: pass the captured value as an argument instead.",
        site: site))
      return (outAvals.map { _ in .invalid }, outAvals.map { _ in nil })
    }
    let args = Array(x.dropFirst(numConsts))
    // Only a nonzero tangent is refused, as JAX's defjvp skips the rule
    // of an argument that is not being differentiated.
    for (i, message) in nonDifferentiable.sorted(by: { $0.key < $1.key }) where t[numConsts + i] != nil {
      JAXError.raise(JAXError(.transformation, name, message, site: site))
      return (outAvals.map { _ in .invalid }, outAvals.map { _ in nil })
    }
    let argTangents = zip(t.dropFirst(numConsts), args).map { instantiateTangent($0, $1.aval) }
    switch kind {
    case .jvp:
      return jvpRule!(args, argTangents)
    case .vjp:
      let (ys, residuals) = forward!(args)
      let lin = CustomCall(
        kind: .lin, name: name, function: nil, numConsts: 0,
        inAvals: residuals.map(\.aval) + argTangents.map(\.aval), outAvals: ys.map { tangentAval($0.aval) },
        backward: backward, numResiduals: residuals.count)
      let ts = bind(.custom(lin), residuals + argTangents, site: site)
      return (ys, ts.map { Optional($0) })
    case .lin:
      fatalError("unreachable")
    }
  }

  /// The transpose of `custom_lin`: the user's backward function.
  func transposeLin(_ cts: [Tensor?], _ residuals: [Tensor]) -> [Tensor?] {
    let ctsIn = zip(cts, outAvals).map { instantiateTangent($0, $1) }
    return backward!(residuals, ctsIn).map { Optional($0) }
  }
}

/// Stages `f` and binds it as a `.custom` primitive with the payload that
/// `make` builds from (jaxpr, number of captured constants, in avals).
private func bindCustom(
  _ f: ([Tensor]) -> [Tensor], _ args: [Tensor],
  make: (Jaxpr, Int, [ShapedArray]) -> CustomCall, site: CallSite
) -> [Tensor] {
  let closed = traceToJaxpr(f, args.map(\.aval))
  // Closure-convert: captured values become leading operands.
  let j = closed.jaxpr
  let converted = Jaxpr(constVars: [], inVars: j.constVars + j.inVars, equations: j.equations, outputs: j.outputs)
  let call = make(converted, closed.consts.count, converted.inAvals)
  return bind(.custom(call), closed.consts + args, site: site)
}

/// Plain eager code: the function can simply run.
var isEager: Bool {
  let ctx = InterpreterContext.current
  return ctx.depth == 0 && ctx.dynamic == nil
}

/// `customJVP` on flat leaves: `f` maps argument leaves to output leaves
/// (recording the output structure), `rule` maps (primal leaves, tangent
/// leaves) to (output leaves, output tangent leaves).
func customJVPFlat(
  name: String, _ args: [Tensor], f: @escaping ([Tensor]) -> ([Tensor], TreeDef),
  rule: @escaping ([Tensor], [Tensor]) -> ([Tensor], [Tensor?]), nonDifferentiable: [Int: String] = [:], site: CallSite
) -> ([Tensor], TreeDef) {
  var outDef: TreeDef = .leaf
  let outs = bindCustom({ l in let (o, d) = f(l); outDef = d; return o }, args, make: { j, nc, inAvals in
    CustomCall(
      kind: .jvp, name: name, function: j, numConsts: nc, inAvals: inAvals, outAvals: j.outAvals, jvpRule: rule,
      nonDifferentiable: nonDifferentiable)
  }, site: site)
  return (outs, outDef)
}

/// `customVJP` on flat leaves; `backward` gets the output structure to
/// rebuild cotangents.
func customVJPFlat(
  name: String, _ args: [Tensor], f: @escaping ([Tensor]) -> ([Tensor], TreeDef),
  forward: @escaping ([Tensor]) -> ([Tensor], [Tensor]),
  backward: @escaping ([Tensor], [Tensor], TreeDef) -> [Tensor], site: CallSite
) -> ([Tensor], TreeDef) {
  var outDef: TreeDef = .leaf
  let outs = bindCustom({ l in let (o, d) = f(l); outDef = d; return o }, args, make: { j, nc, inAvals in
    CustomCall(
      kind: .vjp, name: name, function: j, numConsts: nc, inAvals: inAvals, outAvals: j.outAvals,
      forward: forward, backward: { res, cts in backward(res, cts, outDef) })
  }, site: site)
  return (outs, outDef)
}

/// A function with a custom JVP rule (JAX's `jax.custom_jvp`).
///
/// `f` runs normally outside transformations; under `jvp`, `grad`...,
/// the derivative comes from `jvp`, which receives the primal argument
/// and its tangent and returns the output and its tangent. Use it for
/// numerical stability or for derivatives with a cheaper closed form:
///
/// ```swift
/// // log(1 + exp(x)) with a stable derivative
/// let softplus = customJVP({ (x: Tensor) in Lax.log1p(Lax.exp(x)) },
///                          jvp: { x, t in (Lax.log1p(Lax.exp(x)), t * Lax.logistic(x)) })
/// let g = grad(softplus)(Tensor(100.0 as Float))   // 1.0, not nan
/// ```
/// Values the function captures (rather than takes as arguments) are
/// treated as constants; differentiating with respect to one is an error.
/// (One- and two-argument forms; for more, pass an array or dictionary.)
public func customJVP<A: PyTree, R: PyTree>(
  _ f: @escaping (A) -> R, jvp rule: @escaping (A, A) -> (R, R),
  name: String = "custom_jvp", file: StaticString = #fileID, line: UInt = #line
) -> (A) -> R {
  return { a in
    if isEager { return f(a) }
    let (leaves, def) = treeFlatten(a)
    let (outs, outDef) = customJVPFlat(
      name: name, leaves, f: { treeFlatten(f(treeUnflatten(def, $0))) },
      rule: { p, t in
        let (y, ty) = rule(treeUnflatten(def, p), treeUnflatten(def, t))
        return (treeLeaves(y), treeLeaves(ty).map { Optional($0) })
      }, site: CallSite(file: file, line: line))
    return treeUnflatten(outDef, outs)
  }
}

/// Two-argument ``customJVP(_:jvp:name:file:line:)``: the rule receives
/// (primals, tangents) as pairs.
public func customJVP<A: PyTree, B: PyTree, R: PyTree>(
  _ f: @escaping (A, B) -> R, jvp rule: @escaping ((A, B), (A, B)) -> (R, R),
  name: String = "custom_jvp", file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> R {
  return { a, b in
    if isEager { return f(a, b) }
    let flat = FlatArguments(a, b)
    let (outs, outDef) = customJVPFlat(
      name: name, flat.leaves, f: { let (a, b) = flat.unflatten($0, as: A.self, B.self); return treeFlatten(f(a, b)) },
      rule: { p, t in
        let (y, ty) = rule(flat.unflatten(p, as: A.self, B.self), flat.unflatten(t, as: A.self, B.self))
        return (treeLeaves(y), treeLeaves(ty).map { Optional($0) })
      }, site: CallSite(file: file, line: line))
    return treeUnflatten(outDef, outs)
  }
}

/// A function with a custom VJP (JAX's `jax.custom_vjp` with `defvjp`).
///
/// `forward` returns the output and residuals saved for the backward
/// pass; `backward` maps (residuals, output cotangent) to the argument's
/// cotangent. Reverse mode (`grad`, `vjp`, `jacrev`) uses them; forward
/// mode (`jvp`, `jacfwd`) is an error, as in JAX.
///
/// ```swift
/// // clip the gradient flowing back through x
/// let clipGrad = customVJP({ (x: Tensor) in x },
///   forward: { x in (x, [Tensor]()) },
///   backward: { _, g in Lax.clamp(Tensor(-1 as Float), g, Tensor(1 as Float)) })
/// ```
public func customVJP<A: PyTree, R: PyTree, Res: PyTree>(
  _ f: @escaping (A) -> R, forward: @escaping (A) -> (R, Res), backward: @escaping (Res, R) -> A,
  name: String = "custom_vjp", file: StaticString = #fileID, line: UInt = #line
) -> (A) -> R {
  return { a in
    if isEager { return f(a) }
    let (leaves, def) = treeFlatten(a)
    var resDef: TreeDef = .leaf
    let (outs, outDef) = customVJPFlat(
      name: name, leaves, f: { treeFlatten(f(treeUnflatten(def, $0))) },
      forward: { p in
        let (y, res) = forward(treeUnflatten(def, p))
        let (rl, rd) = treeFlatten(res)
        resDef = rd
        return (treeLeaves(y), rl)
      },
      backward: { res, cts, od in
        treeLeaves(backward(treeUnflatten(resDef, res), treeUnflatten(od, cts)))
      }, site: CallSite(file: file, line: line))
    return treeUnflatten(outDef, outs)
  }
}

/// Two-argument ``customVJP(_:forward:backward:name:file:line:)``:
/// `backward` returns the pair of argument cotangents.
public func customVJP<A: PyTree, B: PyTree, R: PyTree, Res: PyTree>(
  _ f: @escaping (A, B) -> R, forward: @escaping (A, B) -> (R, Res), backward: @escaping (Res, R) -> (A, B),
  name: String = "custom_vjp", file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> R {
  return { a, b in
    if isEager { return f(a, b) }
    let flat = FlatArguments(a, b)
    var resDef: TreeDef = .leaf
    let (outs, outDef) = customVJPFlat(
      name: name, flat.leaves, f: { let (a, b) = flat.unflatten($0, as: A.self, B.self); return treeFlatten(f(a, b)) },
      forward: { p in
        let (a, b) = flat.unflatten(p, as: A.self, B.self)
        let (y, res) = forward(a, b)
        let (rl, rd) = treeFlatten(res)
        resDef = rd
        return (treeLeaves(y), rl)
      },
      backward: { res, cts, od in
        let (ga, gb) = backward(treeUnflatten(resDef, res), treeUnflatten(od, cts))
        return FlatArguments(ga, gb).leaves
      }, site: CallSite(file: file, line: line))
    return treeUnflatten(outDef, outs)
  }
}

/// `jax.lax.stop_gradient`: the identity on values, with zero derivative.
/// Use it to treat part of a computation as a constant, e.g. the shift in
/// a numerically safe log-sum-exp:
///
/// ```swift
/// let m = stopGradient(Lax.reduceMax(x, axes: [0]))
/// let lse = Lax.add(Lax.log(Lax.reduceSum(Lax.exp(Lax.sub(x, m)), axes: [0])), m)
/// ```
/// Under `jit`/`makeJaxpr` it is staged as a `custom_jvp_call` (named
/// `stop_gradient`) of the identity, with a zero tangent rule.
public func stopGradient<T: PyTree>(_ x: T, file: StaticString = #fileID, line: UInt = #line) -> T {
  let (leaves, def) = treeFlatten(x)
  if isEager || !leaves.contains(where: \.isTracer) { return x }
  let site = CallSite(file: file, line: line)
  let outs = leaves.map { leaf -> Tensor in
    guard leaf.isTracer, leaf.dtype.isDifferentiable else { return leaf }
    return customJVPFlat(
      name: "stop_gradient", [leaf], f: { ($0, .leaf) }, rule: { p, _ in (p, [nil]) }, site: site
    ).0[0]
  }
  return treeUnflatten(def, outs)
}
