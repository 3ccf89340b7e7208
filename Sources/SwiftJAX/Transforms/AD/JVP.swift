/// The forward-mode interpreter (Autodidax's `JVPTrace`): every value is a
/// pair (primal, tangent) and each primitive is processed by its JVP rule
/// (``Primitive/jvp(_:_:site:)``).
///
/// Tangents are *symbolically* zero when nil (JAX's `Zero`): a primitive
/// whose tangent inputs are all zero is applied to the primals only, and
/// integer/bool values never carry tangents. This keeps forward passes as
/// cheap as plain evaluation where nothing is being differentiated.
final class JVPTrace: Trace {
  override var transformationName: String { "jvp" }

  override func pure(_ value: Tensor) -> Tracer { JVPTracer(trace: self, primal: value, tangent: nil) }

  override func process(_ primitive: Primitive, _ tracers: [Tracer], site: CallSite?) -> [Tensor] {
    var primals: [Tensor] = []
    var tangents: [Tensor?] = []
    primals.reserveCapacity(tracers.count)
    tangents.reserveCapacity(tracers.count)
    var anyTangent = false
    for t in tracers {
      let j = t as! JVPTracer
      primals.append(j.primal)
      tangents.append(j.tangent)
      if j.tangent != nil { anyTangent = true }
    }
    if !anyTangent { return bind(primitive, primals, site: site) }
    let (outs, outTangents) = primitive.jvp(primals, tangents, site: site)
    return zip(outs, outTangents).map { p, t in wrap(p, t) }
  }

  /// Pairs a primal with its tangent; a zero tangent needs no tracer.
  func wrap(_ primal: Tensor, _ tangent: Tensor?) -> Tensor {
    guard let tangent, primal.dtype.isDifferentiable, !primal.isInvalid, !tangent.isInvalid else {
      return primal
    }
    return Tensor(value: JVPTracer(trace: self, primal: primal, tangent: tangent))
  }

  /// Splits a value into (primal, tangent) as seen from this trace.
  func unpack(_ x: Tensor) -> (Tensor, Tensor?) {
    if let j = x.value as? JVPTracer, j.trace === self { return (j.primal, j.tangent) }
    return (x, nil)
  }
}

/// A (primal, tangent) pair being traced by forward-mode AD.
final class JVPTracer: Tracer {
  let primal: Tensor
  /// nil: a symbolic zero.
  let tangent: Tensor?

  init(trace: JVPTrace, primal: Tensor, tangent: Tensor?) {
    self.primal = primal
    self.tangent = tangent
    super.init(trace: trace, aval: primal.aval)
  }

  override var concreteValue: ConcreteArray? { primal.concrete }
  override var kindName: String { "JVPTracer" }
}

/// Forward-mode AD on flat lists (JAX's `jvp` on flattened arguments).
/// A nil tangent is a symbolic zero; tangents of integer/bool primals are
/// ignored (they are zero by definition). Returned tangents are nil where
/// they are known to be zero.
func jvpFlat(
  _ f: ([Tensor]) -> [Tensor], primals: [Tensor], tangents: [Tensor?]
) -> (primals: [Tensor], tangents: [Tensor?]) {
  InterpreterContext.withNewTrace({ JVPTrace(level: $0) }) { trace in
    let ins = zip(primals, tangents).map { p, t in
      trace.wrap(p, p.dtype.isDifferentiable ? t : nil)
    }
    let outs = f(ins)
    var ps: [Tensor] = []
    var ts: [Tensor?] = []
    for o in outs {
      let (p, t) = trace.unpack(o)
      ps.append(p)
      ts.append(t)
    }
    return (ps, ts)
  }
}
