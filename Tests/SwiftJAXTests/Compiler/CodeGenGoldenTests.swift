import Testing
@testable import SwiftJAX

/// Golden C for fixed functions (the entry point only; the runtime
/// prelude is shared by all). Update deliberately when codegen changes.
@Suite struct CodeGenGoldenTests {
  func entry(_ f: @escaping ([Tensor]) -> [Tensor], _ avals: [ShapedArray]) -> String {
    var p = makeJaxpr(f, avals)
    Optimizer.optimize(&p)
    let src = CRenderer.render(p.jaxpr).source
    return String(src[src.range(of: "__attribute__((visibility(\"default\"))) int jx_main")!.lowerBound...])
  }

  @Test func smallAffineIsUnrolledIntoLocals() {
    let c = entry({ x in [x[0] * x[1] + 1] }, [ShapedArray(shape: [3], dtype: .float32), ShapedArray(shape: [3], dtype: .float32)])

    #expect(c == GOLDEN_SMALL + "\n")
  }

  @Test func largeChainIsOneLoop() {
    let c = entry({ x in [Lax.exp(x[0] * 2.0) - x[0]] }, [ShapedArray(shape: [1000], dtype: .float32)])

    #expect(c == GOLDEN_LARGE + "\n")
  }

  @Test func reductionFusesItsOperand() {
    let c = entry({ x in [Lax.reduceSum(x[0] * x[0], axes: [1])] }, [ShapedArray(shape: [64, 32], dtype: .float32)])

    #expect(c == GOLDEN_REDUCE + "\n")
  }
}
