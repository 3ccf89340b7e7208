// Partial evaluation (Autodidax's `PartialEvalTrace`, JAX's
// `JaxprTrace`): run a function on a mix of known values and unknown
// ones; operations on known values run now, operations touching an
// unknown value are recorded. `linearize` runs a JVP on top of it with
// known primals and unknown tangents, so what gets recorded is exactly
// the linear tangent map, as a Jaxpr.
//
// Extension point for control flow: primitives that carry sub-Jaxprs
// (scan, while, cond) need their own rules, because "record the whole
// equation as unknown" would re-run the known part of the loop in the
// linear program. Add a case to `Primitive.partialEvalRule` (trace level)
// and `Primitive.partialEvalJaxprRule` (Jaxpr level; `partialEvalJaxpr`
// is the known/unknown splitting a scan rule runs to its fixpoint).

/// How an unknown value of a partial-evaluation trace is computed.
enum PartialEvalRecipe {
  /// An input of the program being built.
  case lambdaBinding
  /// A known value used by recorded equations: a constant of the program.
  case const(Tensor)
  /// An output of a recorded equation.
  case equation(RecordedEquation)
}

/// An equation recorded by partial evaluation: inputs are tracers (so
/// the graph can be walked from the outputs), outputs are the variables
/// the output tracers stand for.
final class RecordedEquation {
  let primitive: Primitive
  let inputs: [PartialEvalTracer]
  let outputs: [Var]
  init(_ primitive: Primitive, _ inputs: [PartialEvalTracer], _ outputs: [Var]) {
    self.primitive = primitive
    self.inputs = inputs
    self.outputs = outputs
  }
}

/// A value of a partial-evaluation trace: known (it has a value now) or
/// unknown (it has a type and a recipe).
final class PartialEvalTracer: Tracer {
  let known: Tensor?
  let recipe: PartialEvalRecipe?
  /// The variable standing for an unknown value.
  let variable: Var?

  init(trace: PartialEvalTrace, known: Tensor) {
    self.known = known
    self.recipe = nil
    self.variable = nil
    super.init(trace: trace, aval: known.aval)
  }

  init(trace: PartialEvalTrace, aval: ShapedArray, recipe: PartialEvalRecipe, variable: Var? = nil) {
    self.known = nil
    self.recipe = recipe
    self.variable = variable ?? Var(aval)
    super.init(trace: trace, aval: aval)
  }

  override var kindName: String { "JaxprTracer" }
}

/// A trace-level partial-evaluation rule for a primitive with
/// sub-Jaxprs: given the trace and the operands (some known), return the
/// outputs (known values or unknown tracers built with
/// ``PartialEvalTrace/record(_:_:outAvals:)``).
typealias PartialEvalRule = (PartialEvalTrace, [PartialEvalTracer], CallSite?) -> [Tensor]

/// A Jaxpr-level rule: split one equation given which inputs are
/// unknown into a known equation, an unknown one, which outputs are
/// unknown and the residual variables passed from the first to the second.
typealias PartialEvalJaxprRule = ([Bool], Equation) -> (known: Equation?, unknown: Equation?, outUnknown: [Bool], residuals: [Var])

extension Primitive {
  /// The custom partial-evaluation rule, if the default (all known: run
  /// it; otherwise record it) is not right. Exhaustive on purpose.
  var partialEvalRule: PartialEvalRule? {
    switch self {
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType,
      .iota, .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice,
      .dynamicUpdateSlice, .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative,
      .dotGeneral, .sort, .custom, .convGeneralDilated, .reduceWindow, .fft, .hostCallback, .collective:
      return nil
    case .scan(let p): return { scanPartialEval(p, $0, $1, site: $2) }
    case .whileLoop(let p): return { whilePartialEval(p, $0, $1, site: $2) }
    case .cond(let p): return { condPartialEval(p, $0, $1, site: $2) }
    }
  }

  /// The custom Jaxpr-level partial-evaluation rule, if any.
  var partialEvalJaxprRule: PartialEvalJaxprRule? {
    switch self {
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType,
      .iota, .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice,
      .dynamicUpdateSlice, .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative,
      .dotGeneral, .sort, .custom, .convGeneralDilated, .reduceWindow, .fft, .hostCallback, .collective:
      return nil
    case .scan(let p): return { scanPartialEvalJaxpr(p, $0, $1) }
    case .whileLoop(let p): return { whilePartialEvalJaxpr(p, $0, $1) }
    case .cond(let p): return { condPartialEvalJaxpr(p, $0, $1) }
    }
  }
}

/// The partial-evaluation interpreter.
final class PartialEvalTrace: Trace {
  override var transformationName: String { "linearize" }

  /// Values from outside (concrete or lower-level tracers) are known.
  override func pure(_ value: Tensor) -> Tracer { PartialEvalTracer(trace: self, known: value) }

  /// A new unknown input of the program being built.
  func newArgument(_ aval: ShapedArray) -> PartialEvalTracer {
    PartialEvalTracer(trace: self, aval: aval, recipe: .lambdaBinding)
  }

  /// `t` as an unknown (a known value becomes a program constant).
  func instantiate(_ t: PartialEvalTracer) -> PartialEvalTracer {
    if let k = t.known { return PartialEvalTracer(trace: self, aval: k.aval, recipe: .const(k)) }
    return t
  }

  /// Any value as an unknown tracer of this trace.
  func instantiate(_ x: Tensor) -> PartialEvalTracer {
    if let t = x.value as? PartialEvalTracer, t.trace === self { return instantiate(t) }
    return PartialEvalTracer(trace: self, aval: x.aval, recipe: .const(x))
  }

  /// Records `primitive` applied to (instantiated) `inputs` with outputs
  /// of types `outAvals`; returns the unknown output tracers.
  func record(_ primitive: Primitive, _ inputs: [PartialEvalTracer], outAvals: [ShapedArray]) -> [Tensor] {
    let ins = inputs.map(instantiate)
    let vars = outAvals.map(Var.init)
    let eqn = RecordedEquation(primitive, ins, vars)
    return zip(outAvals, vars).map { aval, v in
      Tensor(value: PartialEvalTracer(trace: self, aval: aval, recipe: .equation(eqn), variable: v))
    }
  }

  override func process(_ primitive: Primitive, _ tracers: [Tracer], site: CallSite?) -> [Tensor] {
    let ts = tracers.map { $0 as! PartialEvalTracer }
    if ts.allSatisfy({ $0.known != nil }) { return bind(primitive, ts.map { $0.known! }, site: site) }
    if let rule = primitive.partialEvalRule { return rule(self, ts, site) }
    let avals: [ShapedArray]
    do {
      avals = try primitive.abstractEval(ts.map(\.aval))
    } catch {
      var e = error
      if e.site == nil { e.site = site }
      JAXError.raise(e)
      return Array(repeating: .invalid, count: primitive.outputCount(inputCount: ts.count))
    }
    return record(primitive, ts, outAvals: avals)
  }

  /// Builds the Jaxpr computing `outputs` from `inputs` (Autodidax's
  /// `tracers_to_jaxpr`): constants become constant binders (rank-0
  /// concrete ones become literals), equations are emitted in dependency
  /// order.
  func buildJaxpr(inputs: [PartialEvalTracer], outputs: [PartialEvalTracer]) -> ClosedJaxpr {
    var constVars: [Var] = []
    var constValues: [Tensor] = []
    var literals: [ObjectIdentifier: Literal] = [:]
    var equations: [Equation] = []
    var seenEqns = Set<ObjectIdentifier>()
    var seenTracers = Set<ObjectIdentifier>()
    let inputSet = Set(inputs.map { ObjectIdentifier($0) })

    func atom(_ t: PartialEvalTracer) -> Atom {
      if let l = literals[ObjectIdentifier(t)] { return .literal(l) }
      return .v(t.variable!)
    }
    // Iterative post-order walk (programs can be long chains).
    var stack: [(PartialEvalTracer, Bool)] = outputs.map { ($0, false) }
    while let (t, expanded) = stack.popLast() {
      let id = ObjectIdentifier(t)
      if expanded {
        if case .equation(let e) = t.recipe!, seenEqns.insert(ObjectIdentifier(e)).inserted {
          equations.append(Equation(e.primitive, e.inputs.map(atom), e.outputs))
        }
        continue
      }
      if seenTracers.contains(id) { continue }
      seenTracers.insert(id)
      switch t.recipe! {
      case .lambdaBinding:
        if !inputSet.contains(id) {
          JAXError.raise(JAXError(.transformation, "linearize", "internal error: an unknown input is not an argument of the program"))
        }
      case .const(let value):
        if let c = value.value as? ConcreteArray, c.aval.rank == 0 {
          literals[id] = Literal(c)
        } else {
          constVars.append(t.variable!)
          constValues.append(value)
        }
      case .equation(let e):
        if seenEqns.contains(ObjectIdentifier(e)) { continue }
        stack.append((t, true))
        for i in e.inputs.reversed() { stack.append((i, false)) }
      }
    }
    let j = Jaxpr(
      constVars: constVars, inVars: inputs.map { $0.variable! }, equations: equations, outputs: outputs.map(atom))
    return ClosedJaxpr(jaxpr: j, consts: constValues)
  }
}
