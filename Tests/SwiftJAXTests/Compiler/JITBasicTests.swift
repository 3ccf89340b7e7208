import Foundation
import Testing
@testable import SwiftJAX

@Suite struct JITBasicTests {
  @Test func tinyAffine() throws {
    let f = jit { (a: Tensor, b: Tensor) in a * b + 1 }
    let y = f(Tensor([1, 2, 3] as [Float]), Tensor([4, 5, 6] as [Float]))
    #expect(y.toArray(Float.self) == [5, 11, 19])
    #expect(y.dtype == .float32)
    _ = f(Tensor([1, 2, 3] as [Float]), Tensor([4, 5, 6] as [Float]))
    #expect(f.cacheSize == 1)
    #expect(f.cacheMissExplanations == ["first call"])
  }

  @Test func newShapeRecompilesWithExplanation() throws {
    let f = jit { (a: Tensor) in a * 2.0 }
    _ = f(Tensor([1, 2, 3] as [Float]))
    let y = f(Tensor([1, 2, 3, 4] as [Float]))
    #expect(y.toArray(Float.self) == [2, 4, 6, 8])
    #expect(f.cacheSize == 2)
    #expect(f.cacheMissExplanations.last == "argument 0 changed shape: f32[3] → f32[4]")
    _ = f(Tensor([1, 2, 3, 4] as [Int32]))
    #expect(f.cacheMissExplanations.last == "argument 0 changed dtype: float32 → int32")
  }

  @Test func staticArgumentsAreHashedByValue() throws {
    let f = jit { (x: Tensor, n: Static<Int>) in Lax.integerPow(x, n.value) }
    let x = Tensor([1, 2, 3] as [Float])
    #expect(f(x, Static(2)).toArray(Float.self) == [1, 4, 9])
    #expect(f(x, Static(2)).toArray(Float.self) == [1, 4, 9])
    #expect(f.cacheSize == 1)
    #expect(f(x, Static(3)).toArray(Float.self) == [1, 8, 27])
    #expect(f.cacheMissExplanations.last == "static argument 1 changed: 2 → 3")
  }

  @Test func pytreeArgumentsAndResults() throws {
    let f = jit { (p: [String: Tensor], x: Tensor) -> [Tensor] in [p["w"]! * x + p["b"]!, x] }
    let p = ["w": Tensor([2, 2] as [Float]), "b": Tensor([1, -1] as [Float])]
    let r = f(p, Tensor([3, 4] as [Float]))
    #expect(r.count == 2)
    #expect(r[0].toArray(Float.self) == [7, 7])
    #expect(r[1].toArray(Float.self) == [3, 4])
  }

  @Test func loweredExposesOptimizedIRAndC() throws {
    let f = jit { (a: Tensor) in -(-(a * 1.0)) + 0.0 }
    let low = f.lower(Tensor([1, 2, 3] as [Float]))
    #expect(low.optimizedJaxpr.description == "{ lambda ; a:f32[3]. let b:f32[3] = add a 0.0:f32[] in (b,) }")
    try low.optimizedJaxpr.jaxpr.typecheck()
    #expect(low.cSource.contains("jx_main"))
  }
}
