// Jaxpr-level building blocks shared by the control-flow AD rules
// (JVP+ControlFlow, PartialEval+Scan, PartialEval+CondWhile,
// Transpose+ControlFlow). The rules rewrite sub-jaxprs, so they need
// JAX's `jvp_jaxpr`, binder rearrangement, dead-code pruning and the
// "every branch takes every branch's constants" convention of `cond`.

/// Splits `xs` by `mask`: elements where the mask is true, and the others.
func partition<T>(_ xs: [T], by mask: [Bool]) -> (on: [T], off: [T]) {
  var on: [T] = [], off: [T] = []
  for (x, m) in zip(xs, mask) { if m { on.append(x) } else { off.append(x) } }
  return (on, off)
}

/// Inverse of ``partition(_:by:)``: interleaves `on` and `off` following `mask`.
func merge<T>(_ mask: [Bool], on: [T], off: [T]) -> [T] {
  var i = on.makeIterator(), o = off.makeIterator()
  return mask.map { $0 ? i.next()! : o.next()! }
}

/// Elementwise `or` of two flag lists (fixpoints only ever add unknowns
/// or nonzeros).
func orFlags(_ a: [Bool], _ b: [Bool]) -> [Bool] { zip(a, b).map { $0 || $1 } }

/// Jaxpr transformations here build new binder/output lists around
/// existing equations; dropping an output leaves dead equations behind,
/// which this removes (primitives have no side effects, so only data
/// dependence matters).
func pruneDeadEquations(_ j: Jaxpr) -> Jaxpr {
  var live = Set<ObjectIdentifier>()
  for case .v(let v) in j.outputs { live.insert(ObjectIdentifier(v)) }
  var kept: [Equation] = []
  for e in j.equations.reversed() where e.primitive.hasEffect || e.outputs.contains(where: { live.contains(ObjectIdentifier($0)) }) {
    kept.append(e)
    for case .v(let v) in e.inputs { live.insert(ObjectIdentifier(v)) }
  }
  return Jaxpr(constVars: j.constVars, inVars: j.inVars, equations: kept.reversed(), outputs: j.outputs)
}

/// Stages `f` at `inAvals` as a closed sub-jaxpr (captured constants as
/// leading binders); raises and returns nil if tracing failed.
func traceSubJaxpr(_ op: String, _ inAvals: [ShapedArray], _ f: ([Tensor]) -> [Tensor]) -> TracedBody? {
  guard let b = Lax.traceBody(inAvals, f) else {
    JAXError.raise(JAXError(.transformation, op, "differentiating the body of \(op) failed (see the captured error)"))
    return nil
  }
  return b
}

/// JAX's `ad.jvp_jaxpr`: the JVP of a closed (const-free) jaxpr as a new
/// sub-jaxpr with binders `[captured..., primals..., nonzero tangents...]`
/// and outputs `[primal outputs..., tangents...]`, where an output tangent
/// is present when it is nonzero or `instantiate` asks for it. Integer and
/// bool values never get tangents, whatever the flags say, so loops do not
/// carry useless float0 state.
func jvpJaxpr(_ jaxpr: Jaxpr, nonzeros: [Bool], instantiate: [Bool], op: String) -> JVPJaxpr? {
  let inAvals = jaxpr.inAvals
  let nz = zip(nonzeros, inAvals).map { $0 && $1.dtype.isDifferentiable }
  var outNz: [Bool] = []
  let tangentAvals = partition(inAvals, by: nz).on.map(tangentAval)
  let traced = traceSubJaxpr(op, inAvals + tangentAvals) { args in
    let primals = Array(args[..<inAvals.count])
    let tangents = merge(nz, on: Array(args[inAvals.count...]).map { Optional($0) }, off: [Tensor?](repeating: nil, count: nz.count))
    let (outs, outTs) = jvpFlat({ evalJaxpr(jaxpr, consts: [], args: $0) }, primals: primals, tangents: tangents)
    outNz = zip(zip(outTs, instantiate), outs).map { ti, o in (ti.0 != nil || ti.1) && o.dtype.isDifferentiable }
    let ts = zip(zip(outTs, outNz), outs).compactMap { ti, o in ti.1 ? instantiateTangent(ti.0, o.aval) : nil }
    return outs + ts
  }
  guard let traced else { return nil }
  return JVPJaxpr(body: traced, outNonzero: outNz)
}

/// A JVP'd sub-jaxpr and which of its output tangents are present.
struct JVPJaxpr {
  let body: TracedBody
  let outNonzero: [Bool]
}

/// Masks `flags` to the differentiable avals.
func differentiable(_ flags: [Bool], _ avals: [ShapedArray]) -> [Bool] {
  zip(flags, avals).map { $0 && $1.dtype.isDifferentiable }
}

/// `cond` passes the same operands to every branch, so constants captured
/// by one branch's tracing become binders of all of them (unused
/// elsewhere), as `Lax.branches` does for user branches. Returns the
/// branches and the constants to pass (after the index, before the rest).
func unifyBranchConstants(_ traced: [TracedBody]) -> (branches: [Jaxpr], consts: [Tensor]) {
  let branches = traced.enumerated().map { k, b -> Jaxpr in
    var inVars: [Var] = []
    for (m, other) in traced.enumerated() {
      inVars += m == k ? Array(b.jaxpr.inVars[..<b.consts.count]) : other.consts.map { Var($0.aval) }
    }
    inVars += b.jaxpr.inVars[b.consts.count...]
    return Jaxpr(constVars: [], inVars: inVars, equations: b.jaxpr.equations, outputs: b.jaxpr.outputs)
  }
  return (branches, traced.flatMap(\.consts))
}

/// A recorded equation's operand may be known now (a value) or unknown;
/// residual plumbing in the partial-evaluation rules uses this to say
/// where each operand of a new equation comes from.
enum OperandSource {
  /// Operand `i` of the original equation.
  case operand(Int)
  /// Output `k` of the equation computing the known part (a residual).
  case knownOutput(Int)
  /// Output `k` of the loop-invariant (hoisted) residual computation.
  case hoisted(Int)
}
