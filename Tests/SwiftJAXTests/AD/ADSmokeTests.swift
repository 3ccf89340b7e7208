import Foundation
import Testing
@testable import SwiftJAX

@Suite struct ADSmokeTests {
  @Test func gradOfSin() throws {
    let x = Tensor(0.5 as Float)
    let g = grad({ (x: Tensor) in Lax.sin(x) })(x)
    #expect(abs(g.item(Float.self) - cos(0.5)) < 1e-6)
    let g2 = grad(grad({ (x: Tensor) in Lax.sin(x) }))(x)
    #expect(abs(g2.item(Float.self) + sin(0.5)) < 1e-6)
  }
}
