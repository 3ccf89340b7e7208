import Foundation
import Testing
@testable import SwiftJAX

/// custom_jvp / custom_vjp calls are inlined by the optimiser
/// (Pass+InlineCustom): jit compiles their functions natively, with no
/// runtime callback, and still equals eager bit for bit.
@Suite
struct InlineCustomTests {

  static let x = Tensor([-3, -0.0, 0, 0.5, 1, 20, 100, -100, .infinity, -.infinity, .nan, 1e-20] as [Float], shape: [3, 4])

  /// A custom_vjp function (x² with its own pullback).
  static let square = customVJP({ (x: Tensor) in x * x },
                                forward: { x in (x * x, x) },
                                backward: { (x: Tensor, g: Tensor) in g * 2.0 * x })

  /// A custom_jvp function calling another one (softplus inside).
  static let nested = customJVP({ (x: Tensor) in NN.softplus(x) * 3.0 - x },
                                jvp: { x, t in (NN.softplus(x) * 3.0 - x, t) }, name: "nested")

  @Test func customCallsCompileWithoutCallback() {
    let functions: [(String, (Tensor) -> Tensor)] = [
      ("relu", { NN.relu($0) }),
      ("softplus", { NN.softplus($0) }),
      ("relu6", { NN.relu6($0) + 1.0 }),
      ("customVJP", { Self.square($0) / 3.0 }),
      ("nested", { Self.nested($0) }),
      ("in scan", { x in
        Lax.scan({ (c: Tensor, _: Tensor?) in
          let n = NN.softplus(c) * 0.5 - Self.square(c) * 0.01
          return (n, n)
        }, initial: x, xs: nil, length: 5).0
      }),
    ]
    for (name, f) in functions {
      let jitted = jit(f)
      let lowered = jitted.lower(Self.x)
      #expect(!lowered.optimizedJaxpr.jaxpr.description.contains("custom_"), "\(name): a custom call is left")
      #expect(!lowered.cSource.contains("rt->callback("), "\(name): the C calls back")
      JITEquality.expectEqual(jitted(Self.x), f(Self.x), "\(name): jit vs eager:")
    }
  }

  @Test func gradientsOfInlinedCallsAreUnchanged() {
    // Differentiation sees the custom rule before jit inlines the primal:
    // relu'(0) stays 0 and the custom pullback of `square` is used.
    let g = jit(grad({ (x: Tensor) in Lax.reduceSum(NN.relu(x) + Self.square(x), axes: [0, 1]) }))
    let eager = grad({ (x: Tensor) in Lax.reduceSum(NN.relu(x) + Self.square(x), axes: [0, 1]) })
    let finite = Tensor([-3, -0.0, 0, 0.5, 1, 2] as [Float], shape: [2, 3])
    JITEquality.expectEqual(g(finite), eager(finite), "grad: jit vs eager:")
    #expect(g(finite).toArray(Float.self) == [-6, 0, 0, 2, 3, 5])
  }

  @Test func manyInlinedCallsKeepTheirOwnVariables() {
    // Regression: the substitution was keyed by ObjectIdentifier, so once
    // an inlined function's parameters were released, a later function's
    // variable could be allocated at a freed parameter's address and pick
    // up its replacement (scipy.stats.beta.logpdf fed a float to `or`).
    // Many different custom functions in one program make the reuse likely.
    let f = { (x: Tensor) -> Tensor in
      var acc = x
      for k in 1...40 {
        let c = Tensor(Float(k) * 0.1)
        acc = acc + Scipy.special.xlogy(acc * c, x) + Scipy.special.xlog1py(c, x) + NN.relu(acc - c)
      }
      return acc
    }
    let x = Tensor([0.5, 0.0, 2, 3] as [Float])
    let jitted = jit(f)
    #expect(!jitted.lower(x).optimizedJaxpr.jaxpr.description.contains("custom_"))
    JITEquality.expectEqual(jitted(x), f(x), "40 inlined custom calls: jit vs eager:")
  }
}
