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
  /// The printed primitive name: "debug_print", "debug_callback" or
  /// "pure_callback".
  public let name: String
  /// `Debug.print`'s format string (printed as `fmt=`), or the callback's
  /// description.
  public let format: String
  /// Called with the operands' concrete values when the program runs;
  /// returns the results (empty for the effect-only callbacks).
  let action: ([Tensor]) -> [Tensor]
  /// The results' types (`pureCallback`); empty: the callback only has an
  /// effect and the primitive returns a token.
  public let resultAvals: [ShapedArray]
  /// A pure callback (`pureCallback`) may be removed when its results are
  /// unused, like any primitive; the others are effects.
  public let isPure: Bool

  init(name: String, format: String, action: @escaping ([Tensor]) -> Void) {
    self.name = name
    self.format = format
    self.action = { action($0); return [] }
    self.resultAvals = []
    self.isPure = false
  }

  init(pure name: String, resultAvals: [ShapedArray], action: @escaping ([Tensor]) -> [Tensor]) {
    self.name = "pure_callback"
    self.format = name
    self.action = action
    self.resultAvals = resultAvals
    self.isPure = true
  }

  /// The primitive's output types: the results, or the token.
  var outAvals: [ShapedArray] { resultAvals.isEmpty ? [HostCallback.tokenAval] : resultAvals }

  public static func == (a: HostCallback, b: HostCallback) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
  public var description: String { "\(name)[\(format)]" }

  /// The token every host callback returns.
  static let tokenAval = ShapedArray(shape: [], dtype: .bool)

  var printedParams: [String] {
    switch name {
    case "debug_print": ["fmt=\(format)", "ordered=True"]
    case "pure_callback": ["callback=\(format)", "result_avals=(\(resultAvals.map(\.description).joined(separator: ", ")))"]
    default: ["callback=\(format)", "ordered=True"]
    }
  }

  /// Runs the callback on concrete operands; returns its results (checked
  /// against the declared types) or the token.
  func evaluate(_ inputs: [ConcreteArray]) -> [ConcreteArray] {
    // The values are handed over as eager tensors: the callback may index
    // or format them freely, outside any trace of the caller.
    let results = InterpreterContext.withoutDynamicTrace { action(inputs.map { Tensor(value: $0) }) }
    if resultAvals.isEmpty {
      let token = ConcreteArray(uninitialized: HostCallback.tokenAval)
      token.setElement(0, .bool(true))
      return [token]
    }
    let got = results.map(\.aval)
    let matches = got.count == resultAvals.count
      && zip(got, resultAvals).allSatisfy { $0.shape == $1.shape && $0.dtype == $1.dtype }
    let values = results.compactMap { $0.value as? ConcreteArray }
    guard matches, values.count == results.count else {
      JAXError.raise(JAXError(
        .value, name,
        "the callback \(format) returned \(got.map(\.description)) but was declared to return \(resultAvals.map(\.description))"))
      return resultAvals.map { a in
        let c = ConcreteArray(uninitialized: a)
        memset(c.data, 0, max(a.byteCount, 1))
        return c
      }
    }
    // Results keep the declared weak types.
    return zip(values, resultAvals).map { v, a in
      v.aval.weakType == a.weakType ? v : Kernels.convertElementType(v, a)
    }
  }

  /// JVP: the callback sees the primal values only (as in JAX) and its
  /// token has no tangent. A pure callback's results have no derivative
  /// rule: differentiating through one is an error, as in JAX (wrap it in
  /// `customJVP`).
  func jvp(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = bind(.hostCallback(self), x, site: site)
    if isPure && t.contains(where: { $0 != nil }) {
      JAXError.raise(JAXError(
        .transformation, name,
        "pure callbacks (\(format)) have no derivative rule; define one with customJVP around the pureCallback call", site: site))
    }
    return (y, y.map { _ in nil })
  }

  /// vmap: one call per example, in batch order (JAX prints one line per
  /// batch element; `pure_callback`'s "sequential" method); unbatched
  /// operands are passed whole and the results are stacked.
  func batch(_ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> ([Tensor], [Int?]) {
    var token: [Tensor] = []
    var perExample: [[Tensor]] = []
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
      perExample.append(token)
    }
    if resultAvals.isEmpty { return (token, [nil]) }
    let outs = resultAvals.indices.map { k in
      Lax.concatenate(perExample.map { Lax.reshape($0[k], [1] + $0[k].shape) }, dimension: 0)
    }
    return (outs, outs.map { _ in 0 })
  }
}

extension Primitive {
  /// Whether the primitive (or a body it carries) has an effect, so it
  /// must run even when its outputs are unused, exactly once per execution
  /// and in program order: never removed, merged, folded or hoisted.
  public var hasEffect: Bool {
    switch self {
    case .hostCallback(let h): return !h.isPure
    case .scan(let p): return p.body.hasEffect
    case .whileLoop(let p): return p.cond.hasEffect || p.body.hasEffect
    case .cond(let p): return p.branches.contains { $0.hasEffect }
    case .custom(let c): return c.function?.hasEffect ?? false
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType,
      .iota, .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice,
      .dynamicUpdateSlice, .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative,
      .dotGeneral, .sort, .convGeneralDilated, .reduceWindow, .fft, .collective:
      return false
    }
  }
}

extension Jaxpr {
  /// Whether any equation has an effect (see ``Primitive/hasEffect``).
  public var hasEffect: Bool { equations.contains { $0.primitive.hasEffect } }
}
