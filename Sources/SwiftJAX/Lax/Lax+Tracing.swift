// Tracing helpers shared by the control-flow functions: each body is
// staged into a sub-jaxpr whose captured constants become leading input
// binders (passed to the primitive as operands).

/// A traced function body: a Jaxpr whose first `consts.count` inputs
/// receive `consts`.
struct TracedBody {
  var jaxpr: Jaxpr
  var consts: [Tensor]
}

extension Lax {
  /// Stages `f` at `inAvals`; nil if tracing raised a (captured) error.
  static func traceBody(_ inAvals: [ShapedArray], _ f: ([Tensor]) -> [Tensor]) -> TracedBody? {
    var failed = false
    let closed = traceToJaxpr({ args in
      let outs = f(args)
      if outs.contains(where: \.isInvalid) { failed = true }
      return outs
    }, inAvals)
    if failed { return nil }
    let j = closed.jaxpr
    return TracedBody(
      jaxpr: Jaxpr(constVars: [], inVars: j.constVars + j.inVars, equations: j.equations, outputs: j.outputs),
      consts: closed.consts)
  }

  /// Explains how two lists of carry types differ, JAX style, or nil.
  static func carryMismatch(_ what: String, _ ins: [ShapedArray], _ outs: [ShapedArray], def: TreeDef) -> String? {
    for (i, (a, b)) in zip(ins, outs).enumerated() where !sameType(a, b) {
      let why = a.shape != b.shape ? "the shapes do not match" : "the dtypes do not match"
      return "\(what) carry input and carry output must have equal types, but the input carry component carry[\(i)] has type \(a.dtype.name)\(a.shape) but the corresponding output carry component has type \(b.dtype.name)\(b.shape), so \(why)"
    }
    return nil
  }

  /// Weakly typed initial carries (Swift literals, `jnp.full((3,), 10)`)
  /// that the body changes are promoted to the type the body returns and
  /// the body is traced again, as JAX's `_promote_weak_typed_inputs` does:
  /// a weak int carry that the body turns into float32 becomes float32.
  static func fixWeakCarry(_ initial: [Tensor], _ outs: [ShapedArray]) -> [Tensor]? {
    var changed = false
    let fixed = zip(initial, outs).map { x, o -> Tensor in
      guard x.weakType, x.shape == o.shape else { return x }
      if x.dtype == o.dtype {
        if o.weakType { return x }
        changed = true
        return Numpy.convert(x, to: o.dtype, weak: false)
      }
      changed = true
      let r = DType.resultType(x.aval.promotionType, o.promotionType)
      return Numpy.convert(x, to: r.dtype, weak: false)
    }
    return changed ? fixed : nil
  }
}
