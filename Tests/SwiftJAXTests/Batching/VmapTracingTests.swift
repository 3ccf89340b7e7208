import Testing
@testable import SwiftJAX

/// vmap staged under makeJaxpr: the batched program typechecks and has
/// the shapes (and, for simple cases, the text) JAX produces.
@Suite struct VmapTracingTests {
  func f32(_ s: Int...) -> ShapedArray { ShapedArray(shape: s, dtype: .float32) }

  @Test func squareOfRows() throws {
    let j = makeJaxpr({ xs in [vmap({ (x: Tensor) in x * x })(xs[0])] }, [f32(2, 5)])
    try j.jaxpr.typecheck()
    #expect(j.description == "{ lambda ; a:f32[2,5]. let b:f32[2,5] = mul a a in (b,) }")
  }

  @Test func sharedArgumentAndOutAxis() throws {
    func f(_ x: Tensor, _ y: Tensor) -> Tensor { x + y }
    let j = makeJaxpr({ xs in [vmap(f, inAxes: [0, nil], outAxes: 1)(xs[0], xs[1])] }, [f32(4), f32(2)])
    try j.jaxpr.typecheck()
    #expect(j.outAvals == [f32(2, 4)])
    print(j)
  }
}


extension VmapTracingTests {
  @Test func tupleOutputsWithPerElementOutAxes() throws {
    let stats = vmap({ (row: Tensor) in (Lax.reduceSum(row, axes: [0]), Lax.neg(row)) }, inAxes: 1, outAxes: [0, 1])
    let j = makeJaxpr({ xs in
      let (s, n) = stats(xs[0])
      return [s, n]
    }, [f32(3, 4)])
    try j.jaxpr.typecheck()
    #expect(j.outAvals == [f32(4), f32(3, 4)])
  }

  @Test func singleOutputStillUsesThePlainOverload() throws {
    let j = makeJaxpr({ xs in [vmap({ (x: Tensor) in Lax.neg(x) })(xs[0])] }, [f32(2)])
    #expect(j.outAvals == [f32(2)])
  }
}
