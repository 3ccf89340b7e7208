import Testing
@testable import SwiftJAX

@Suite struct MakeJaxprTests {
  let f32x3 = ShapedArray(shape: [3], dtype: .float32)

  @Test func sinTimesTwo() throws {
    let j = makeJaxpr({ x in [Lax.sin(x[0]) * 2.0] }, [f32x3])
    try j.jaxpr.typecheck()
    #expect(j.description == "{ lambda ; a:f32[3]. let b:f32[3] = sin a; c:f32[3] = mul b 2.0:f32[] in (c,) }")
  }

  @Test func intTimesLiteral() throws {
    let j = makeJaxpr({ x in [x[0] * 2] }, [ShapedArray(shape: [3], dtype: .int32)])
    #expect(j.description == "{ lambda ; a:i32[3]. let b:i32[3] = mul a 2:i32[] in (b,) }")
  }

  @Test func intPlusFloatLiteralConverts() throws {
    let j = makeJaxpr({ x in [x[0] + 2.5] }, [ShapedArray(shape: [3], dtype: .int32)])
    #expect(j.description == """
      { lambda ; a:i32[3]. let
          b:f32[3] = convert_element_type[new_dtype=float32 weak_type=True] a
          c:f32[3] = add b 2.5:f32[]
        in (c,) }
      """)
  }

  @Test func swiftScalarVariablesAreWeak() throws {
    let tau: Float = 0.5
    let j = makeJaxpr({ x in [tau * x[0] + (1.0 / 6.0) * x[0]] }, [f32x3])
    try j.jaxpr.typecheck()
    #expect(j.outAvals == [f32x3])
  }
}

@Suite struct BroadcastingJaxprTests {
  @Test func lowerRankGainsLeadingOnesOnly() throws {
    let j = makeJaxpr({ x in [x[0] + x[1]] }, [ShapedArray(shape: [2, 3], dtype: .float32), ShapedArray(shape: [3], dtype: .float32)])
    try j.jaxpr.typecheck()
    #expect(j.description == """
      { lambda ; a:f32[2,3] b:f32[3]. let
          c:f32[1,3] = broadcast_in_dim[broadcast_dimensions=(1,)] b
          d:f32[2,3] = add a c
        in (d,) }
      """)
  }

  @Test func sizeOneDimensionsBroadcastInThePrimitive() throws {
    let j = makeJaxpr({ x in [x[0] * x[1]] }, [ShapedArray(shape: [2, 3], dtype: .float32), ShapedArray(shape: [1, 3], dtype: .float32)])
    #expect(j.description == "{ lambda ; a:f32[2,3] b:f32[1,3]. let c:f32[2,3] = mul a b in (c,) }")
  }
}
