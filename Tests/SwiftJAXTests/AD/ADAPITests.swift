import Foundation
import Testing
@testable import SwiftJAX

/// The public API: errors, integer inputs, pytrees, custom rules, staging.
@Suite(.serialized) struct ADAPITests {
  let x3 = Tensor([0.5, -1.0, 2.0] as [Float])

  @Test func gradOfNonScalarOutputIsAnError() {
    let line: UInt = #line; let g = grad({ (x: Tensor) in Lax.sin(x) })
    #expect {
      try JAXError.capture { _ = g(x3) }
    } throws: { e in
      let e = e as! JAXError
      return e.kind == .shape && e.message.hasPrefix("grad requires a scalar output, got shape (3,)")
        && e.site?.line == line && e.site!.file.hasSuffix("ADAPITests.swift")
    }
  }

  @Test func gradWithRespectToIntegerIsAnError() {
    #expect {
      try JAXError.capture {
        let g = grad({ (x: Tensor, n: Tensor) in Lax.reduceSum(x, axes: [0]) }, argnums: [1])
        _ = g(x3, Tensor([1, 2] as [Int32]))
      }
    } throws: { e in
      let e = e as! JAXError
      return e.kind == .dtype && e.message.contains("argument 1 has dtype int32")
        && e.message.contains("use vjp or set allowInt: true")
    }
    #expect {
      try JAXError.capture { _ = grad({ (n: Tensor) in Lax.convertElementType(n, .float32) })(Tensor([1] as [Int32])) }
    } throws: { ($0 as! JAXError).message.contains("argument 0 has dtype int32") }
  }

  @Test func gradOfIntegerOutputIsAnError() {
    #expect {
      try JAXError.capture { _ = grad({ (x: Tensor) in Lax.argmax(x, axis: 0) })(x3) }
    } throws: { ($0 as! JAXError).message.contains("requires real-valued outputs") }
  }

  @Test func allowIntGivesFloat0Zeros() throws {
    let g = try JAXError.capture {
      grad({ (n: Tensor) in Lax.reduceSum(Lax.convertElementType(n, .float32), axes: [0]) }, allowInt: true)(Tensor([1, 2] as [Int32]))
    }
    #expect(g.dtype == .bool && g.shape == [2] && g.toArray(Bool.self) == [false, false])
  }

  @Test func vjpOfIntegerInputGivesFloat0() {
    let (y, pb) = vjp({ (x: Tensor, n: Tensor) in x * Lax.convertElementType(n, .float32) }, x3, Tensor([1, 2, 3] as [Int32]))
    #expect(y.toArray(Float.self) == [0.5, -2, 6])
    let (gx, gn) = pb(Tensor([1, 1, 1] as [Float]))
    #expect(gx.toArray(Float.self) == [1, 2, 3])
    #expect(gn.dtype == .bool && gn.shape == [3])
  }

  @Test func jvpAndLinearizeOfSeveralArguments() {
    let f = { (a: Tensor, b: Tensor) in Lax.sin(a) * b }
    let (a, b) = (x3, Tensor([1, 2, 3] as [Float]))
    let (ta, tb) = (Tensor([1, 0, 0] as [Float]), Tensor([0, 1, 1] as [Float]))
    let (y, ty) = jvp(f, primals: (a, b), tangents: (ta, tb))
    let expected = zip(a.toArray(Float.self), zip(b.toArray(Float.self), zip(ta.toArray(Float.self), tb.toArray(Float.self))))
      .map { av, r in cos(av) * r.1.0 * r.0 + sin(av) * r.1.1 }
    expectClose(ty.toArray(Double.self), expected.map(Double.init), rtol: 1e-6, "jvp")
    expectClose(y.toArray(Double.self), f(a, b).toArray(Double.self), rtol: 0, "primal")
    let (y2, fJvp) = linearize(f, a, b)
    expectClose(y2.toArray(Double.self), y.toArray(Double.self), rtol: 0, "linearize primal")
    expectClose(fJvp(ta, tb).toArray(Double.self), ty.toArray(Double.self), rtol: 1e-6, "linearize tangent")
  }

  @Test func gradOverPyTrees() {
    let params: [String: Tensor] = ["w": Tensor([1, 2] as [Float]), "b": Tensor(0.5 as Float)]
    let loss = { (p: [String: Tensor], x: Tensor) in
      Lax.reduceSum(Lax.integerPow(p["w"]! * x + p["b"]!, 2), axes: [0])
    }
    let lg = grad(loss)
    let g = lg(params, Tensor([3, -1] as [Float]))
    // d/dw = 2 (w x + b) x, d/db = Σ 2 (w x + b)
    let gw: [Float] = g["w"]!.toArray(Float.self)
    let gb: Float = g["b"]!.item(Float.self)
    #expect(gw == [21, 3])
    #expect(gb == 4)
  }

  @Test func jvpRequiresMatchingTangents() {
    #expect {
      try JAXError.capture { _ = jvp({ (x: Tensor) in x }, primals: x3, tangents: Tensor([1, 2] as [Float])) }
    } throws: { ($0 as! JAXError).kind == .treeMismatch }
  }

  @Test func customJVPRuleIsUsed() {
    // log1p(exp(x)) with a stable derivative: the naive one overflows.
    let softplus = customJVP({ (x: Tensor) in Lax.log1p(Lax.exp(x)) },
                             jvp: { x, t in (Lax.log1p(Lax.exp(x)), t * Lax.logistic(x)) }, name: "softplus")
    let g = grad({ (x: Tensor) in Lax.reduceSum(softplus(x), axes: [0]) })(Tensor([0, 100] as [Float]))
    #expect(g.toArray(Float.self) == [0.5, 1])
    let naive = grad({ (x: Tensor) in Lax.reduceSum(Lax.log1p(Lax.exp(x)), axes: [0]) })(Tensor([0, 100] as [Float]))
    #expect(naive.toArray(Float.self)[1].isNaN)
    // Second derivative differentiates the rule: σ'(x) = σ(1 - σ).
    let h = grad(grad({ (x: Tensor) in softplus(x) }))(Tensor(0 as Float))
    #expect(abs(h.item(Float.self) - 0.25) < 1e-6)
    // Outside transformations the function just runs.
    #expect(abs(softplus(Tensor(0 as Float)).item(Float.self) - log(2)) < 1e-6)
    // Staged, it is one custom_jvp_call equation.
    let j = makeJaxpr({ [softplus($0[0])] }, [ShapedArray(shape: [2], dtype: .float32)])
    #expect(j.jaxpr.equations.map(\.primitive.name) == ["custom_jvp_call"])
    #expect(j.description.contains("jvp=softplus"))
  }

  @Test func customVJPRuleIsUsed() {
    // Clip the cotangent flowing back through x to [-1, 1].
    let clip = customVJP({ (x: Tensor) in x },
                         forward: { x in (x, [Tensor]()) },
                         backward: { (_: [Tensor], g: Tensor) in Lax.clamp(Tensor(-1 as Float), g, Tensor(1 as Float)) })
    let g = grad({ (x: Tensor) in Lax.reduceSum(clip(x) * 5.0, axes: [0]) })(x3)
    #expect(g.toArray(Float.self) == [1, 1, 1])
    // Residuals flow from forward to backward.
    let square = customVJP({ (x: Tensor) in x * x },
                           forward: { x in (x * x, x) },
                           backward: { (x: Tensor, g: Tensor) in g * 2.0 * x })
    let (y, pb) = vjp(square, x3)
    #expect(y.toArray(Float.self) == [0.25, 1, 4])
    #expect(pb(Tensor([1, 1, 1] as [Float])).toArray(Float.self) == [1, -2, 4])
    // Forward mode of a customVJP function is an error, as in JAX.
    #expect {
      try JAXError.capture { _ = jvp(square, primals: x3, tangents: x3) }
    } throws: { ($0 as! JAXError).message.contains("can't apply forward-mode autodiff") }
  }

  @Test func customRuleCapturingDifferentiatedValueIsAnError() {
    #expect {
      try JAXError.capture {
        _ = grad({ (w: Tensor) in
          let f = customJVP({ (x: Tensor) in x * w }, jvp: { x, t in (x * w, t * w) })
          return f(Tensor(2 as Float))
        })(Tensor(3 as Float))
      }
    } throws: { ($0 as! JAXError).message.contains("captures a value that is being differentiated") }
  }

  @Test func stopGradientBlocksDerivatives() {
    let f = { (x: Tensor) in Lax.reduceSum(x * stopGradient(x), axes: [0]) }
    #expect(grad(f)(x3).toArray(Float.self) == x3.toArray(Float.self))
  }

  @Test func gradOfSinStagesLikeJAX() throws {
    // jax.make_jaxpr(jax.grad(jnp.sin))(1.0): sin a; cos a; mul 1.0 b.
    let j = makeJaxpr({ [grad({ (x: Tensor) in Lax.sin(x) })($0[0])] }, [ShapedArray(shape: [], dtype: .float32)])
    try j.jaxpr.typecheck()
    #expect(j.jaxpr.equations.map(\.primitive.name) == ["sin", "cos", "mul"])
    #expect(j.description.contains("mul 1.0:f32[]"))
  }

  @Test func zeroTangentsStaySymbolic() throws {
    // Differentiating w.r.t. x only: the y-branch gets no tangent equations.
    let (_, lin) = linearizeFlat({ xs in [Lax.add(Lax.sin(xs[0]), Lax.exp(Lax.convertElementType(xs[1], .float32)))] },
                                 [Tensor(1 as Float), Tensor(2 as Int32)])
    try lin.jaxpr.jaxpr.typecheck()
    #expect(lin.jaxpr.jaxpr.equations.map(\.primitive.name) == ["mul"])
    #expect(lin.differentiableInputs == [true, false])
  }

  @Test func hessianOfQuadraticForm() {
    let a = Tensor([2, 1, 1, 3] as [Float], shape: [2, 2])
    let f = { (x: Tensor) in Lax.reduceSum(x * Lax.dot(a, x), axes: [0]) }
    // H = A + Aᵀ
    #expect(hessian(f)(Tensor([1, -1] as [Float])).toArray(Float.self) == [4, 2, 2, 6])
  }

  @Test func partialEvalJaxprSplitsKnownAndUnknown() throws {
    let j = makeJaxpr({ xs in
      let k = Lax.sin(xs[0])
      return [Lax.cos(xs[0]), Lax.mul(k, xs[1])]
    }, [ShapedArray(shape: [3], dtype: .float32), ShapedArray(shape: [3], dtype: .float32)]).jaxpr
    let (known, unknown, outUnknown, nres) = partialEvalJaxpr(j, unknownInputs: [false, true])
    try known.typecheck()
    try unknown.typecheck()
    #expect(outUnknown == [false, true])
    #expect(nres == 1)
    #expect(known.equations.map(\.primitive.name) == ["sin", "cos"])
    #expect(unknown.equations.map(\.primitive.name) == ["mul"])
    // Evaluating the two halves gives the original outputs.
    let x = Tensor([0.1, 0.2, 0.3] as [Float]), y = Tensor([1, 2, 3] as [Float])
    let k = evalJaxpr(known, consts: [], args: [x])
    let u = evalJaxpr(unknown, consts: [], args: [k[1], y])
    let full = evalJaxpr(j, consts: [], args: [x, y])
    #expect(k[0].toArray(Float.self) == full[0].toArray(Float.self))
    #expect(u[0].toArray(Float.self) == full[1].toArray(Float.self))
  }
}
