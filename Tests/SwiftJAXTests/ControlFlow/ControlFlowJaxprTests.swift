import Testing
@testable import SwiftJAX

/// Staged control flow prints like JAX's make_jaxpr and typechecks.
@Suite struct ControlFlowJaxprTests {
  @Test func scanJaxpr() throws {
    let j = makeJaxpr({ a in
      let (c, ys) = Lax.scan({ c, x in (c + x, c * x) }, initial: Tensor(Float(0)), xs: a[0])
      return [c, ys]
    }, [ShapedArray(shape: [5], dtype: .float32)])
    try j.jaxpr.typecheck()
    #expect(j.description == ControlFlowFixtures.jaxpr("scan_cumsum"))
  }

  @Test func whileJaxpr() throws {
    let j = makeJaxpr({ a in
      let (i, n) = Lax.whileLoop(cond: { i, n in i < n }, body: { i, n in (i + 1, n) }, initial: (Tensor(Int32(0)), a[0]))
      return [i, n]
    }, [ShapedArray(shape: [], dtype: .int32)])
    try j.jaxpr.typecheck()
    #expect(j.description == ControlFlowFixtures.jaxpr("while_counter"))
  }

  @Test func condJaxpr() throws {
    let j = makeJaxpr({ a in
      [Lax.cond(a[0], { x in x * 2.0 }, { x in x + 1.0 }, a[1])]
    }, [ShapedArray(shape: [], dtype: .bool), ShapedArray(shape: [], dtype: .float32)])
    try j.jaxpr.typecheck()
    #expect(j.description == ControlFlowFixtures.jaxpr("cond"))
  }

  @Test func capturedConstantsBecomeOperands() throws {
    let w = Tensor([1, 2, 3] as [Float])
    let j = makeJaxpr({ a in
      [Lax.scan({ c, _ in (c * w, c) }, initial: a[0], xs: nil, length: 4).0]
    }, [ShapedArray(shape: [3], dtype: .float32)])
    try j.jaxpr.typecheck()
    guard case .scan(let p) = j.jaxpr.equations.last?.primitive else {
      Issue.record("expected a scan equation")
      return
    }
    #expect(p.numConsts == 1)
    #expect(j.jaxpr.constVars.count == 1)
  }
}
