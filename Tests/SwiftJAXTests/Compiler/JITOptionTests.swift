import Testing
@testable import SwiftJAX

/// Compilation settings of a jitted function.
@Suite struct JITOptionTests {
  @Test func contractFMAFusesMultiplyAdd() {
    // a * a - 1 with a = 1 + 2^-12: the product rounds away its last bit
    // (2^-24) unless it is fused with the subtraction.
    let f = jit { (a: Tensor) -> Tensor in a * a - 1.0 }
    let a = Tensor([1 + 1.0 / 4096, 1 + 1.0 / 4096] as [Float])
    #expect(f(a).toArray(Float.self) == [1.0 / 2048, 1.0 / 2048])
    f.contractFMA = true
    let fused = Float(1.0 / 2048) + Float(1.0 / 16_777_216)
    #expect(f(a).toArray(Float.self) == [fused, fused])
    f.contractFMA = false
    #expect(f(a).toArray(Float.self) == [1.0 / 2048, 1.0 / 2048])
  }
}
