import Testing
@testable import SwiftJAX

/// Each pass, followed by the typechecker, on small programs.
@Suite struct OptimizerTests {
  let f32x3 = ShapedArray(shape: [3], dtype: .float32)

  func program(_ f: @escaping ([Tensor]) -> [Tensor], _ avals: [ShapedArray]) -> ClosedJaxpr {
    makeJaxpr(f, avals)
  }

  @Test func dceRemovesUnusedWork() throws {
    var p = program({ x in _ = Lax.sin(x[0]); return [Lax.cos(x[0])] }, [f32x3])
    Optimizer.deadCodeElimination(&p)
    try p.jaxpr.typecheck()
    #expect(p.description == "{ lambda ; a:f32[3]. let b:f32[3] = cos a in (b,) }")
  }

  @Test func cseMergesRepeatedComputations() throws {
    var p = program({ x in [Lax.sin(x[0]) + Lax.sin(x[0])] }, [f32x3])
    Optimizer.eliminateCommonSubexpressions(&p)
    try p.jaxpr.typecheck()
    #expect(p.description == "{ lambda ; a:f32[3]. let b:f32[3] = sin a; c:f32[3] = add b b in (c,) }")
  }

  @Test func cseKeepsSignedZeroLiteralsApart() throws {
    var p = program({ x in [x[0] * 0.0 + x[0] * -0.0] }, [f32x3])
    Optimizer.eliminateCommonSubexpressions(&p)
    try p.jaxpr.typecheck()
    #expect(p.jaxpr.equations.count == 3)
  }

  @Test func simplifyRemovesIdentities() throws {
    var p = program({ x in [-(-(x[0] * 1.0))] }, [f32x3])
    Optimizer.simplify(&p)
    Optimizer.deadCodeElimination(&p)
    try p.jaxpr.typecheck()
    #expect(p.description == "{ lambda ; a:f32[3]. let in (a,) }")
  }

  @Test func simplifyKeepsFloatPlusZero() throws {
    // -0.0 + 0.0 is +0.0, so x + 0.0 is not x for floats.
    var p = program({ x in [x[0] + 0.0] }, [f32x3])
    Optimizer.simplify(&p)
    try p.jaxpr.typecheck()
    #expect(p.jaxpr.equations.count == 1)
    var q = program({ x in [x[0] + 0] }, [ShapedArray(shape: [3], dtype: .int32)])
    Optimizer.simplify(&q)
    Optimizer.deadCodeElimination(&q)
    try q.jaxpr.typecheck()
    #expect(q.jaxpr.equations.isEmpty)
  }

  @Test func simplifyCollapsesReshapeAndTransposeChains() throws {
    var p = program({ x in
      let r = Lax.reshape(Lax.reshape(x[0], [6]), [3, 2])
      return [Lax.transpose(Lax.transpose(r, [1, 0]), [1, 0])]
    }, [ShapedArray(shape: [2, 3], dtype: .float32)])
    Optimizer.simplify(&p)
    Optimizer.deadCodeElimination(&p)
    try p.jaxpr.typecheck()
    #expect(p.description == """
      { lambda ; a:f32[2,3]. let
          b:f32[3,2] = reshape[dimensions=None new_sizes=(3, 2) sharding=None] a
        in (b,) }
      """)
  }

  @Test func simplifyUsesScalarsInsteadOfBroadcasts() throws {
    var p = program({ x in
      [Lax.add(x[0], Lax.broadcastInDim(x[1], shape: [3], broadcastDimensions: []))]
    }, [f32x3, ShapedArray(shape: [], dtype: .float32)])
    Optimizer.simplify(&p)
    Optimizer.deadCodeElimination(&p)
    try p.jaxpr.typecheck()
    #expect(p.description == "{ lambda ; a:f32[3] b:f32[]. let c:f32[3] = add a b in (c,) }")
  }

  @Test func optimizePipelineTypechecks() throws {
    var p = program({ x in
      let y = Lax.exp(x[0]) * 1.0
      let z = Lax.exp(x[0])
      _ = Lax.cos(z)
      return [y + z, Lax.neg(Lax.neg(y))]
    }, [f32x3])
    Optimizer.optimize(&p)
    try p.jaxpr.typecheck()
    #expect(p.description == "{ lambda ; a:f32[3]. let b:f32[3] = exp a; c:f32[3] = add b b in (c, b) }")
  }
}
