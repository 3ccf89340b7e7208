// XLA's division semantics, which JAX's printed numbers carry.
//
// XLA:CPU does not divide by a divisor it can see is a broadcast or a
// constant: its algebraic simplifier rewrites `a / broadcast(b)` into
// `a * broadcast(1 / b)` and `a / c` (c a constant) into `a * (1 / c)`.
// Both round twice, so `x / 3` is 3.3333335 for x = 10 where IEEE
// division gives 3.3333333 — and JAX prints 3.3333335 (seed 002's moving
// average shows it). Measured with JAX 0.10.2 on 10^5 random float32 and
// float64 values: every quotient by a broadcast scalar or row, and by a
// constant under jit, equals `a * (1 / b)`; quotients of two arrays of the
// same shape, and scalar / scalar in eager mode, are IEEE divisions.
//
// SwiftJAX applies the same two rules:
// - broadcast divisor (its shape differs from the output's, the primitive
//   broadcasting it implicitly as XLA's explicit broadcast would): in the
//   eager kernel (`Kernels.binary`) and, by this rewrite, in compiled code;
// - literal divisor: inside control-flow bodies (`scan`, `while`, `cond`),
//   which JAX always compiles, both eagerly and under jit. At the top level
//   of a jitted function SwiftJAX keeps IEEE division, so jit equals eager
//   bit for bit there (JAX's own jit and eager differ in that one case).
// float16 and bfloat16 are left alone (XLA computes them in float32).

/// The division rules above, shared by the eager kernel and the compiler.
enum XLADivision {
  /// Whether a quotient with this divisor is computed as a product with
  /// its reciprocal because the divisor is broadcast to the output.
  static func appliesToBroadcast(divisor: ShapedArray, output: ShapedArray) -> Bool {
    applies(to: output.dtype) && divisor.shape != output.shape
  }

  static func applies(to dtype: DType) -> Bool { dtype == .float32 || dtype == .float64 }
}

extension Jaxpr {
  /// This program with XLA's division rules made explicit: `div(a, b)`
  /// with a broadcast divisor becomes `mul(a, div(1, b))`; with
  /// `literalDivisors`, `div(a, c)` with a literal `c` becomes
  /// `mul(a, 1/c)`. Control-flow bodies are rewritten with both rules.
  /// Returns `self` when nothing changes.
  func withXLADivisions(literalDivisors: Bool) -> Jaxpr {
    var changed = false
    var eqns: [Equation] = []
    eqns.reserveCapacity(equations.count)
    for e in equations {
      if let prim = e.primitive.withXLADivisionsInBodies() {
        changed = true
        eqns.append(Equation(prim, e.inputs, e.outputs))
      } else if let rewritten = Self.xlaDivision(e, literalDivisors: literalDivisors) {
        changed = true
        eqns.append(contentsOf: rewritten)
      } else {
        eqns.append(e)
      }
    }
    return changed ? Jaxpr(constVars: constVars, inVars: inVars, equations: eqns, outputs: outputs) : self
  }

  /// The replacement of one `div` equation, or nil if it stays a division.
  private static func xlaDivision(_ e: Equation, literalDivisors: Bool) -> [Equation]? {
    guard case .binary(.div) = e.primitive, e.outputs.count == 1 else { return nil }
    let (a, b) = (e.inputs[0], e.inputs[1])
    let out = e.outputs[0]
    guard XLADivision.applies(to: out.aval.dtype), b.aval.dtype == out.aval.dtype else { return nil }
    if literalDivisors, case .literal(let c) = b {
      let one = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: c.aval.dtype))
      one.setElement(0, .float(1))
      let r = Kernels.binary(.div, one, c.value, c.aval)  // flushes as eager and XLA do
      return [Equation(.binary(.mul), [a, .literal(Literal(r))], [out])]
    }
    guard XLADivision.appliesToBroadcast(divisor: b.aval, output: out.aval) else { return nil }
    let one = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: b.aval.dtype, weakType: true))
    one.setElement(0, .float(1))
    let r = Var(b.aval.with(dtype: b.aval.dtype))
    return [
      Equation(.binary(.div), [.literal(Literal(one)), b], [r]),
      Equation(.binary(.mul), [a, .v(r)], [out]),
    ]
  }
}

extension Primitive {
  /// The control-flow primitive with XLA's division rules applied to its
  /// bodies, or nil when it has none or they do not change.
  func withXLADivisionsInBodies() -> Primitive? {
    func body(_ j: Jaxpr) -> Jaxpr { j.withXLADivisions(literalDivisors: true) }
    switch controlFlow {
    case .scan(let p):
      let b = body(p.body)
      if b === p.body { return nil }
      return .scan(ScanParams(body: b, numConsts: p.numConsts, numCarry: p.numCarry, length: p.length, reverse: p.reverse, unroll: p.unroll))
    case .whileLoop(let p):
      let (c, b) = (body(p.cond), body(p.body))
      if c === p.cond && b === p.body { return nil }
      return .whileLoop(WhileParams(cond: c, body: b, condNConsts: p.condNConsts, bodyNConsts: p.bodyNConsts))
    case .cond(let p):
      let bs = p.branches.map(body)
      if zip(bs, p.branches).allSatisfy({ $0 === $1 }) { return nil }
      return .cond(CondParams(branches: bs))
    case nil:
      return nil
    }
  }
}
