import Testing
@testable import SwiftJAX

func runLinalg(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  switch c.op {
  case "matmul": return [x[0] <*> x[1]]
  case "dot": return [jnp.dot(x[0], x[1])]
  case "vdot": return [jnp.vdot(x[0], x[1])]
  case "inner": return [jnp.inner(x[0], x[1])]
  case "outer": return [jnp.outer(x[0], x[1])]
  case "tensordot":
    if let n = c.int("axes") { return [jnp.tensordot(x[0], x[1], axes: n)] }
    let ax = c.params["axes"] as! [[Int]]
    return [jnp.tensordot(x[0], x[1], axes: (ax[0], ax[1]))]
  case "einsum": return [jnp.einsum(c.params["spec"] as! String, x)]
  case "trace": return [jnp.trace(x[0], offset: c.int("offset")!)]
  case "norm":
    var ord: Linalg.NormOrder? = nil
    switch c.params["ord"] {
    case let s as String: ord = s == "inf" ? .inf : s == "-inf" ? .negInf : .fro
    case let i as Int: ord = .p(Double(i))
    default: break
    }
    return [Linalg.norm(x[0], ord: ord, axis: c.axis(), keepDims: c.bool("keepdims"))]
  case "det": return [Linalg.det(x[0])]
  case "inv": return [Linalg.inv(x[0])]
  case "solve": return [Linalg.solve(x[0], x[1])]
  case "cholesky": return [Linalg.cholesky(x[0])]
  case "qr": let (q, r) = Linalg.qr(x[0]); return [q, r]
  case "qr_complete": let (q, r) = Linalg.qr(x[0], reduced: false); return [q, r]
  default: return nil
  }
}

extension NumpySuite {
@Suite struct NumpyLinalgTests {
  @Test func float32AndIntegerMatchJAX() { checkFixtures("linalg", rtol: 2e-4, runLinalg) }
  @Test func float64MatchesJAX() { checkFixtures("linalg_x64", x64: true, rtol: 1e-8, runLinalg) }

  @Test func incompatibleEinsumSpecIsAnError() {
    do {
      try JAXError.capture { _ = jnp.einsum("ij,jk->ik", jnp.ones([2, 3]), jnp.ones([4, 5])) }
      Issue.record("expected an error")
    } catch let e as JAXError {
      #expect(e.operation == "einsum" && e.message.contains("'j'"))
    } catch { Issue.record("\(error)") }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = jnp.einsum("ijk,jk->ik", jnp.ones([2, 3]), jnp.ones([3, 5])) } }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = jnp.einsum("ij->iz", jnp.ones([2, 3])) } }
  }

  @Test func solveWithMismatchedShapesIsAnError() {
    do {
      try JAXError.capture { _ = Linalg.solve(jnp.eye(3), jnp.ones([4])) }
      Issue.record("expected an error")
    } catch let e as JAXError {
      #expect(e.operation == "solve" && e.kind == .shape && e.message.contains("(4,)"))
    } catch { Issue.record("\(error)") }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = Linalg.solve(jnp.ones([2, 3]), jnp.ones([2])) } }
  }

  @Test func matmulOperatorTraces() throws {
    let f32 = { (s: [Int]) in ShapedArray(shape: s, dtype: .float32) }
    let j = makeJaxpr({ x in [x[0] <*> x[1]] }, [f32([5, 2, 3]), f32([3, 4])])
    try j.jaxpr.typecheck()
    #expect(j.outAvals == [f32([5, 2, 4])])
  }
}
}
