// Parameters of the control-flow primitives. Each carries closed
// sub-jaxprs whose captured constants were turned into leading input
// binders: the constants travel as ordinary operands of the primitive
// (JAX's `num_consts`), so every transformation sees them.

/// Parameters of `scan`. The body maps (consts, carry, x) to (carry, y).
///
/// ```swift
/// // Printed in a jaxpr as: scan[length=10 num_consts=0 num_carry=1 reverse=False ...]
/// ```
public struct ScanParams: Hashable {
  /// The loop body: (consts, carry, x slices) -> (new carry, y slices).
  public let body: Jaxpr
  /// How many leading body inputs are loop-invariant constants.
  public let numConsts: Int
  /// How many body inputs (after the constants) and outputs are the carry.
  public let numCarry: Int
  /// The number of iterations.
  public let length: Int
  /// Whether the loop runs from the last slice to the first.
  public let reverse: Bool
  /// How many iterations the native backend unrolls into one loop step.
  public let unroll: Int

  /// Scan parameters, as `Lax.scan` stages them.
  ///
  /// - Parameters:
  ///   - body: The loop body.
  ///   - numConsts: Leading loop-invariant inputs of `body`.
  ///   - numCarry: Carry inputs and outputs of `body`.
  ///   - length: The number of iterations.
  ///   - reverse: Whether to run from the last slice to the first.
  ///   - unroll: Iterations per native loop step.
  package init(body: Jaxpr, numConsts: Int, numCarry: Int, length: Int, reverse: Bool, unroll: Int) {
    self.body = body
    self.numConsts = numConsts
    self.numCarry = numCarry
    self.length = length
    self.reverse = reverse
    self.unroll = unroll
  }

  /// Number of scanned-over inputs.
  public var numXs: Int { body.inVars.count - numConsts - numCarry }
  /// Number of stacked outputs.
  public var numYs: Int { body.outputs.count - numCarry }
}

/// Parameters of `while`: `cond` maps (cond consts, carry) to a bool
/// scalar, `body` maps (body consts, carry) to carry.
public struct WhileParams: Hashable {
  /// The loop condition: (cond consts, carry) -> bool scalar.
  public let cond: Jaxpr
  /// The loop body: (body consts, carry) -> carry.
  public let body: Jaxpr
  /// How many leading operands are the condition's constants.
  public let condNConsts: Int
  /// How many operands after those are the body's constants.
  public let bodyNConsts: Int

  /// While-loop parameters, as `Lax.whileLoop` stages them.
  ///
  /// - Parameters:
  ///   - cond: The condition.
  ///   - body: The body.
  ///   - condNConsts: The condition's constant operands.
  ///   - bodyNConsts: The body's constant operands.
  package init(cond: Jaxpr, body: Jaxpr, condNConsts: Int, bodyNConsts: Int) {
    self.cond = cond
    self.body = body
    self.condNConsts = condNConsts
    self.bodyNConsts = bodyNConsts
  }
}

/// Parameters of `cond`: every branch maps the same operands to outputs
/// of the same types.
///
/// ```swift
/// let staged = makeJaxpr({ xs in [Lax.cond(xs[0] > 0, { x in x }, { x in -x }, xs[0])] }, [ShapedArray(shape: [], dtype: .float32)])
/// guard case .cond(let params) = staged.jaxpr.equations.last!.primitive else { fatalError() }
/// params.branches.count  // 2
/// ```
public struct CondParams: Hashable {
  /// The branches, selected by the integer index operand (clamped).
  public let branches: [Jaxpr]
  /// Cond parameters, as `Lax.cond`/`Lax.switchCase` stage them.
  ///
  /// - Parameter branches: The branches, all of the same signature.
  package init(branches: [Jaxpr]) { self.branches = branches }
}

/// Sub-jaxprs are compared by identity: two control-flow equations are the
/// same only if they run the very same body (what CSE and caching need).
extension Jaxpr: Hashable {
  public static func == (a: Jaxpr, b: Jaxpr) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}
