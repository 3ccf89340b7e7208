import Foundation
import Testing
@testable import SwiftJAX

/// Derivatives against real JAX 0.10.2 (Tests/Fixtures/ad.json, written by
/// scripts/fixtures/gen_ad.py), in float32 as JAX computes them.
@Suite struct ADFixtureTests {
  struct Case {
    let fields: [String: Any]
    func tensor(_ key: String) -> Tensor {
      let a = fields[key] as! [String: Any]
      let data = (a["data"] as! [NSNumber]).map { Float(truncating: $0) }
      let shape = a["shape"] as! [Int]
      let c = ConcreteArray(uninitialized: ShapedArray(shape: shape, dtype: .float32))
      for (i, v) in data.enumerated() { c.setElement(i, .float(Double(v))) }
      return Tensor(value: c)
    }
  }

  static let cases: [String: Case] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/ad.json")
    let root = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    var out: [String: Case] = [:]
    for c in root["cases"] as! [[String: Any]] { out[c["name"] as! String] = Case(fields: c) }
    return out
  }()

  func close(_ a: Tensor, _ b: Tensor, rtol: Double = 2e-5, atol: Double = 1e-5, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.dtype == .float32, "\(what): dtype \(a.dtype)", sourceLocation: sourceLocation)
    expectClose(a.toArray(Double.self), b.toArray(Double.self), rtol: rtol, atol: atol, what, sourceLocation: sourceLocation)
    #expect(a.shape == b.shape, "\(what): shape \(a.shape) vs \(b.shape)", sourceLocation: sourceLocation)
  }

  static func rosenbrock(_ x: Tensor) -> Tensor {
    let n = x.shape[0]
    let lo = Lax.sliceInDim(x, start: 0, limit: n - 1, axis: 0)
    let hi = Lax.sliceInDim(x, start: 1, limit: n, axis: 0)
    let terms = 100.0 * Lax.integerPow(hi - Lax.integerPow(lo, 2), 2) + Lax.integerPow(1.0 - lo, 2)
    return Lax.reduceSum(terms, axes: [0])
  }

  @Test func rosenbrockGradAndHessian() {
    let c = Self.cases["rosenbrock"]!
    let x = c.tensor("x")
    close(Self.rosenbrock(x), c.tensor("value"), "value")
    close(grad(Self.rosenbrock)(x), c.tensor("grad"), "grad")
    close(hessian(Self.rosenbrock)(x), c.tensor("hessian"), "hessian")
    // Hessian by jacfwd of jacfwd, and jacrev of grad, agree too.
    close(jacrev(grad(Self.rosenbrock))(x), c.tensor("hessian"), "jacrev(grad)")
  }

  /// log_softmax as jax.nn does it: shift by a stop_gradient max.
  static func logSoftmax(_ z: Tensor) -> Tensor {
    let shape = z.shape
    let m = stopGradient(Lax.reduceMax(z, axes: [1]))
    let shifted = z - Lax.broadcastInDim(m, shape: shape, broadcastDimensions: [0])
    let lse = Lax.log(Lax.reduceSum(Lax.exp(shifted), axes: [1]))
    return shifted - Lax.broadcastInDim(lse, shape: shape, broadcastDimensions: [0])
  }

  static func softmaxXent(_ w: Tensor, _ b: Tensor, _ x: Tensor, _ labels: Tensor) -> Tensor {
    let logits = Lax.dot(x, w) + Lax.broadcastInDim(b, shape: [x.shape[0], w.shape[1]], broadcastDimensions: [1])
    let ll = Lax.reduceSum(labels * logSoftmax(logits), axes: [1])
    return -(Lax.reduceSum(ll, axes: [0]) / Float(x.shape[0]))
  }

  @Test func softmaxCrossEntropyGrad() {
    let c = Self.cases["softmax_xent"]!
    let (w, b, x, y) = (c.tensor("w"), c.tensor("b"), c.tensor("x"), c.tensor("labels"))
    let loss = { (w: Tensor, b: Tensor, x: Tensor, y: Tensor) in Self.softmaxXent(w, b, x, y) }
    let vg = valueAndGrad(loss)
    let (value, gw) = vg(w, b, x, y)
    close(value, c.tensor("value"), "value")
    close(gw, c.tensor("grad_w"), "grad w")
    // (Swift 6.3 cannot type-check `grad(f, ...)(a, b, ...)` in one
    // expression for several arguments: bind the function first.)
    let gradWB = grad(loss, argnums: [0, 1])
    let gs = gradWB(w, b, x, y)
    #expect(gs.argnums == [0, 1])
    close(gs[0], c.tensor("grad_w"), "argnums grad w")
    close(gs[1], c.tensor("grad_b"), "argnums grad b")
    let gradAll = grad(loss, argnums: .all)
    let (gw2, gb2, gx, gy) = gradAll(w, b, x, y)
    close(gw2, c.tensor("grad_w"), "all grad w")
    close(gb2, c.tensor("grad_b"), "all grad b")
    #expect(gx.shape == x.shape && gy.shape == y.shape)
  }

  @Test func jacobiansOfVectorFunction() {
    let c = Self.cases["vector_fn"]!
    let a = c.tensor("A")
    let f = { (x: Tensor) in Lax.tanh(Lax.dot(a, x)) * Lax.rev(x, dimensions: [0]) + Lax.integerPow(Lax.sin(x), 2) }
    let x = c.tensor("x")
    close(f(x), c.tensor("value"), "value")
    close(jacfwd(f)(x), c.tensor("jacfwd"), "jacfwd")
    close(jacrev(f)(x), c.tensor("jacrev"), "jacrev")
  }

  @Test func valueAndGradWithAux() {
    let c = Self.cases["value_and_grad_aux"]!
    let f = { (w: Tensor, x: Tensor) -> (Tensor, Tensor) in
      let pred = x * w
      return (Lax.reduceSum(Lax.integerPow(pred - 1.0, 2), axes: [0]), pred)
    }
    let vg = valueAndGrad(f, hasAux: true)
    let ((value, aux), g) = vg(c.tensor("w"), c.tensor("x"))
    close(value, c.tensor("value"), "value")
    close(aux, c.tensor("aux"), "aux")
    close(g, c.tensor("grad"), "grad")
    let ga = grad(f, hasAux: true)
    let (g2, aux2) = ga(c.tensor("w"), c.tensor("x"))
    close(g2, c.tensor("grad"), "grad(hasAux)")
    close(aux2, c.tensor("aux"), "aux of grad(hasAux)")
  }
}
