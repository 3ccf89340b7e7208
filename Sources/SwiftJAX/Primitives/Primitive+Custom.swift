import Foundation

// The custom-derivative primitive (`Primitive.custom`): JAX's
// `custom_jvp_call`, `custom_vjp_call` and `custom_lin` in one case whose
// payload says which. Its shape rule, eager evaluation and printed
// parameters live here so that the shared primitive files only need one
// line each; its JVP and transpose rules are in Transforms/AD.
//
// For other transformations (vmap, the compiler) a `.custom` equation is
// simply a call of `call.function` (a closed-over-nothing Jaxpr whose
// first `numConsts` inputs are the values the function captured):
// inline it, or map over it, and the custom derivative is dropped only
// by transformations that never differentiate.

/// The payload of ``Primitive/custom(_:)``: a function with a
/// user-supplied derivative rule, staged as a Jaxpr.
public final class CustomCall: Hashable, CustomStringConvertible {
  /// Which custom-derivative primitive this is.
  ///
  /// ```swift
  /// let double = CustomJVP { (x: Tensor) in x * 2 }
  /// double.defjvp { p, t in (double(p), 2 * t) }
  /// let staged = makeJaxpr({ xs in [double(xs[0])] }, [ShapedArray(shape: [], dtype: .float32)])
  /// guard case .custom(let call) = staged.jaxpr.equations[0].primitive else { fatalError() }
  /// call.primitiveName  // custom_jvp_call
  /// ```
  public enum Kind: Sendable {
    /// `custom_jvp_call`: `jvpRule` gives output tangents.
    case jvp
    /// `custom_vjp_call`: `forward`/`backward` give the pullback.
    case vjp
    /// `custom_lin`: the linear tangent map of a `custom_vjp` function,
    /// operands (residuals..., tangents...); only ever transposed.
    case lin
  }

  /// Which custom-derivative primitive this is.
  public let kind: Kind
  /// A name for printing (`jvp=name`).
  public let name: String
  /// The primal function; its inputs are (captured values..., arguments...).
  /// Empty for `.lin`.
  public let function: Jaxpr?
  /// Number of leading operands that are captured values.
  public let numConsts: Int
  /// The operands' shapes and dtypes.
  public let inAvals: [ShapedArray]
  /// The results' shapes and dtypes.
  public let outAvals: [ShapedArray]
  /// `.jvp`: (primal arguments, tangents) → (outputs, output tangents;
  /// nil for a symbolic zero).
  let jvpRule: (([Tensor], [Tensor]) -> ([Tensor], [Tensor?]))?
  /// `.vjp`: primal arguments → (outputs, residuals).
  let forward: (([Tensor]) -> ([Tensor], [Tensor]))?
  /// `.vjp`/`.lin`: (residuals, output cotangents) → argument cotangents.
  let backward: (([Tensor], [Tensor]) -> [Tensor])?
  /// `.lin`: number of leading residual operands.
  let numResiduals: Int
  /// `.jvp`: arguments (by position, captured values not counted) JAX
  /// refuses to differentiate, with the error to raise when one of them
  /// has a nonzero tangent (`lax.betainc` in `a` and `b`, `lax.zeta`).
  let nonDifferentiable: [Int: String]

  init(
    kind: Kind, name: String, function: Jaxpr?, numConsts: Int, inAvals: [ShapedArray], outAvals: [ShapedArray],
    jvpRule: (([Tensor], [Tensor]) -> ([Tensor], [Tensor?]))? = nil,
    forward: (([Tensor]) -> ([Tensor], [Tensor]))? = nil,
    backward: (([Tensor], [Tensor]) -> [Tensor])? = nil, numResiduals: Int = 0,
    nonDifferentiable: [Int: String] = [:]
  ) {
    self.kind = kind
    self.name = name
    self.function = function
    self.numConsts = numConsts
    self.inAvals = inAvals
    self.outAvals = outAvals
    self.jvpRule = jvpRule
    self.forward = forward
    self.backward = backward
    self.numResiduals = numResiduals
    self.nonDifferentiable = nonDifferentiable
  }

  public static func == (a: CustomCall, b: CustomCall) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }

  public var primitiveName: String {
    switch kind {
    case .jvp: "custom_jvp_call"
    case .vjp: "custom_vjp_call"
    case .lin: "custom_lin"
    }
  }

  public var description: String { "\(primitiveName)[\(name)]" }

  /// The shape rule: operands must have the types the function was
  /// traced at.
  func abstractEval(_ ins: [ShapedArray]) throws(JAXError) -> [ShapedArray] {
    if ins.count != inAvals.count || zip(ins, inAvals).contains(where: { $0.shape != $1.shape || $0.dtype != $1.dtype }) {
      throw JAXError(
        .value, primitiveName,
        "\(name) was traced for operands \(inAvals.map(\.description)) but called with \(ins.map(\.description))")
    }
    return outAvals
  }

  var printedParams: [String] {
    var p: [String] = []
    if let function { p.append("call_jaxpr=\(function)") }
    switch kind {
    case .jvp: p.append("jvp=\(name)")
    case .vjp: p += ["bwd=\(name)", "fwd=\(name)"]
    case .lin: p += ["bwd=\(name)", "num_res=\(numResiduals)"]
    }
    if kind != .lin { p.append("num_consts=\(numConsts)") }
    p.append("symbolic_zeros=False")
    return p
  }
}

extension Primitive {
  /// Eager evaluation of `.custom` (nil for every other primitive): run
  /// the staged function. Evaluating a `custom_lin` means forward-mode
  /// differentiation of a `customVJP` function, which JAX also rejects.
  func evaluateCustom(_ inputs: [ConcreteArray], outputs: [ShapedArray]) -> [ConcreteArray]? {
    guard case .custom(let call) = self else { return nil }
    let args = inputs.map { Tensor(value: $0) }
    switch call.kind {
    case .jvp, .vjp:
      let outs = evalJaxpr(call.function!, consts: [], args: args)
      return outs.map { ($0.value as? ConcreteArray) ?? zeroArray($0.aval) }
    case .lin:
      JAXError.raise(JAXError(
        .transformation, call.primitiveName,
        "can't apply forward-mode autodiff (jvp, jacfwd, linearize's tangent map evaluated forward) to a "
          + "customVJP function (\(call.name)); use reverse mode (vjp, grad, jacrev) or define it with customJVP."))
      return outputs.map(zeroArray)
    }
  }
}

private func zeroArray(_ aval: ShapedArray) -> ConcreteArray {
  let c = ConcreteArray(uninitialized: aval)
  memset(c.data, 0, max(aval.byteCount, 1))
  return c
}
