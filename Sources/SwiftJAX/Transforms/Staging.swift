/// The staging interpreter behind ``makeJaxpr(_:_:)`` and `jit`
/// (JAX's `DynamicJaxprTrace`). It is installed as the dynamic trace, so
/// every primitive bound while it is active is recorded as an equation,
/// even one whose operands are all constants.
public final class StagingTrace: Trace {
  final class Builder {
    var constVars: [Var] = []
    var constValues: [Tensor] = []
    var constIndex: [ObjectIdentifier: Var] = [:]
    var inVars: [Var] = []
    var equations: [Equation] = []
  }

  let builder = Builder()

  public override var transformationName: String { "jit/makeJaxpr" }

  /// Concrete 0-d values become inline literals; other constants (and
  /// tracers of outer transformations captured by the function) become
  /// constant binders.
  public override func pure(_ value: Tensor) -> Tracer {
    if let c = value.value as? ConcreteArray, c.aval.rank == 0 {
      return StagingTracer(trace: self, atom: .literal(Literal(c)))
    }
    let key = ObjectIdentifier(value.value)
    if let v = builder.constIndex[key] { return StagingTracer(trace: self, atom: .v(v)) }
    let v = Var(value.aval)
    builder.constIndex[key] = v
    builder.constVars.append(v)
    builder.constValues.append(value)
    return StagingTracer(trace: self, atom: .v(v))
  }

  public override func lift(_ value: Tensor) -> Tracer { pure(value) }

  func newArgument(_ aval: ShapedArray) -> Tensor {
    let v = Var(aval)
    builder.inVars.append(v)
    return Tensor(value: StagingTracer(trace: self, atom: .v(v)))
  }

  public override func process(_ primitive: Primitive, _ tracers: [Tracer], site: CallSite?) -> [Tensor] {
    let inputs = tracers.map { ($0 as! StagingTracer).atom }
    let avals: [ShapedArray]
    do {
      avals = try primitive.abstractEval(inputs.map(\.aval))
    } catch {
      var e = error
      if e.site == nil { e.site = site }
      JAXError.raise(e)
      return Array(repeating: .invalid, count: primitive.outputCount(inputCount: tracers.count))
    }
    let outs = avals.map(Var.init)
    builder.equations.append(Equation(primitive, inputs, outs))
    return outs.map { Tensor(value: StagingTracer(trace: self, atom: .v($0))) }
  }

  /// Finishes the program with `outputs` (raised into this trace).
  func finish(_ outputs: [Tensor]) -> ClosedJaxpr {
    let outAtoms: [Atom] = outputs.map { out in
      if let t = out.value as? StagingTracer, t.trace === self { return t.atom }
      if out.isInvalid { return .v(Var(ShapedArray(shape: [], dtype: .float32))) }
      return (pure(out) as! StagingTracer).atom
    }
    let j = Jaxpr(constVars: builder.constVars, inVars: builder.inVars, equations: builder.equations, outputs: outAtoms)
    return ClosedJaxpr(jaxpr: j, consts: builder.constValues)
  }
}

/// A value being staged: a variable or a literal of the program under
/// construction.
final class StagingTracer: Tracer {
  let atom: Atom
  init(trace: StagingTrace, atom: Atom) {
    self.atom = atom
    super.init(trace: trace, aval: atom.aval)
  }
  override var kindName: String { "DynamicJaxprTracer" }
}

/// Stages `f` applied to abstract arguments into a ``ClosedJaxpr``.
/// Swift side effects in `f` happen once, now, at trace time — as in JAX.
///
/// - Parameters:
///   - f: the function, from flat input tensors to flat output tensors.
///   - inAvals: shapes/dtypes of the inputs.
///
/// ```swift
/// print(traceToJaxpr({ xs in [jnp.sin(xs[0]) * 2] }, [ShapedArray(shape: [3], dtype: .float32)]).jaxpr.equations.count)
/// // 2
/// ```
public func traceToJaxpr(_ f: ([Tensor]) -> [Tensor], _ inAvals: [ShapedArray]) -> ClosedJaxpr {
  InterpreterContext.withNewTrace(dynamic: true, { StagingTrace(level: $0) }) { trace in
    let args = inAvals.map(trace.newArgument)
    let outs = f(args)
    return trace.finish(outs)
  }
}

/// `jax.make_jaxpr` over flat tensor lists: returns the staged program for
/// `f` at the given input shapes/dtypes.
///
/// ```swift
/// let j = makeJaxpr({ xs in [Lax.sin(xs[0]) * 2.0] }, [ShapedArray(shape: [3], dtype: .float32)])
/// print(j)  // { lambda ; a:f32[3]. let b:f32[3] = sin a; c:f32[3] = mul b 2.0:f32[] in (c,) }
/// ```
public func makeJaxpr(_ f: ([Tensor]) -> [Tensor], _ inAvals: [ShapedArray]) -> ClosedJaxpr {
  traceToJaxpr(f, inAvals)
}
