import Foundation

// The host-callback primitive (`Primitive.hostCallback`): JAX's
// `debug_print` / `debug_callback`. It hands its operands' values to a
// Swift closure when the program *runs* — eagerly at once, in compiled code
// through the runtime callback of the generated C (so in program order,
// once per iteration inside `scan`/`whileLoop` loops), per example under
// `vmap` (as JAX prints one line per batch element), and on primal values
// only under `jvp`/`grad`.
//
// It is the one primitive with an effect, so the passes that drop or move
// equations (DCE, CSE, constant folding, loop-invariant motion) ask
// `hasEffect` first. Its single output is a bool[] token nobody reads,
// which keeps the compiler's one-output assumptions intact; the jaxpr
// printer hides it (JAX's `debug_print` has no outputs).

/// The payload of ``Primitive/hostCallback(_:)``.
public final class HostCallback: Hashable, CustomStringConvertible, @unchecked Sendable {
  /// The printed primitive name: "debug_print" or "debug_callback".
  public let name: String
  /// `Debug.print`'s format string (printed as `fmt=`), or the callback's
  /// description.
  public let format: String
  /// Called with the operands' concrete values when the program runs.
  let action: ([Tensor]) -> Void

  init(name: String, format: String, action: @escaping ([Tensor]) -> Void) {
    self.name = name
    self.format = format
    self.action = action
  }

  public static func == (a: HostCallback, b: HostCallback) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
  public var description: String { "\(name)[\(format)]" }

  /// The token every host callback returns.
  static let tokenAval = ShapedArray(shape: [], dtype: .bool)

  var printedParams: [String] {
    name == "debug_print" ? ["fmt=\(format)", "ordered=True"] : ["callback=\(format)", "ordered=True"]
  }

  /// Runs the callback on concrete operands; returns the token.
  func evaluate(_ inputs: [ConcreteArray]) -> [ConcreteArray] {
    // The values are handed over as eager tensors: the callback may index
    // or format them freely, outside any trace of the caller.
    InterpreterContext.withoutDynamicTrace { action(inputs.map { Tensor(value: $0) }) }
    let token = ConcreteArray(uninitialized: HostCallback.tokenAval)
    token.setElement(0, .bool(true))
    return [token]
  }

  /// JVP: the callback sees the primal values only (as in JAX); the token
  /// has no tangent.
  func jvp(_ x: [Tensor], site: CallSite?) -> ([Tensor], [Tensor?]) {
    (bind(.hostCallback(self), x, site: site), [nil])
  }

  /// vmap: one call per example, in batch order (JAX prints one line per
  /// batch element); unbatched operands are passed whole.
  func batch(_ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> ([Tensor], [Int?]) {
    var token: [Tensor] = []
    for b in 0..<c.size {
      let slices = zip(xs, dims).map { x, d -> Tensor in
        guard let d else { return x }
        var start = [Int](repeating: 0, count: x.rank)
        var limit = x.shape
        start[d] = b
        limit[d] = b + 1
        let shape = x.shape.enumerated().filter { $0.offset != d }.map(\.element)
        return Lax.reshape(Lax.slice(x, start: start, limit: limit), shape)
      }
      token = bind(.hostCallback(self), slices, site: c.site)
    }
    return (token, [nil])
  }
}

extension Primitive {
  /// Whether the primitive (or a body it carries) has an effect, so it
  /// must run even when its outputs are unused, exactly once per execution
  /// and in program order: never removed, merged, folded or hoisted.
  public var hasEffect: Bool {
    switch self {
    case .hostCallback: return true
    case .scan(let p): return p.body.hasEffect
    case .whileLoop(let p): return p.cond.hasEffect || p.body.hasEffect
    case .cond(let p): return p.branches.contains { $0.hasEffect }
    case .custom(let c): return c.function?.hasEffect ?? false
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType,
      .iota, .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice,
      .dynamicUpdateSlice, .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative,
      .dotGeneral, .sort:
      return false
    }
  }
}

extension Jaxpr {
  /// Whether any equation has an effect (see ``Primitive/hasEffect``).
  public var hasEffect: Bool { equations.contains { $0.primitive.hasEffect } }
}
