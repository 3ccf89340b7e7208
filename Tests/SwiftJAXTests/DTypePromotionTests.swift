import Testing
@testable import SwiftJAX

@Suite struct DTypePromotionTests {
  @Test func weakFloatKeepsStrongFloat() {
    let r = DType.resultType(PromotionType(.float32), PromotionType(.float32, weak: true))
    #expect(r == PromotionType(.float32))
  }
  @Test func intPlusWeakFloatIsWeakFloat() {
    #expect(DType.resultType(PromotionType(.int32), PromotionType(.float32, weak: true)) == PromotionType(.float32, weak: true))
  }
}
