// Parameters of the control-flow primitives. Each carries closed
// sub-jaxprs whose captured constants were turned into leading input
// binders: the constants travel as ordinary operands of the primitive
// (JAX's `num_consts`), so every transformation sees them.

/// Parameters of `scan`. The body maps (consts, carry, x) to (carry, y).
public struct ScanParams: Hashable {
  public let body: Jaxpr
  public let numConsts: Int
  public let numCarry: Int
  public let length: Int
  public let reverse: Bool
  /// How many iterations the native backend unrolls into one loop step.
  public let unroll: Int

  public init(body: Jaxpr, numConsts: Int, numCarry: Int, length: Int, reverse: Bool, unroll: Int) {
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
  public let cond: Jaxpr
  public let body: Jaxpr
  public let condNConsts: Int
  public let bodyNConsts: Int

  public init(cond: Jaxpr, body: Jaxpr, condNConsts: Int, bodyNConsts: Int) {
    self.cond = cond
    self.body = body
    self.condNConsts = condNConsts
    self.bodyNConsts = bodyNConsts
  }
}

/// Parameters of `cond`: every branch maps the same operands to outputs
/// of the same types.
public struct CondParams: Hashable {
  public let branches: [Jaxpr]
  public init(branches: [Jaxpr]) { self.branches = branches }
}

/// Sub-jaxprs are compared by identity: two control-flow equations are the
/// same only if they run the very same body (what CSE and caching need).
extension Jaxpr: Hashable {
  public static func == (a: Jaxpr, b: Jaxpr) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}
