import Testing
@testable import SwiftJAX

// Eager values of the convert primitives against JAX (see PrimitiveFixtureTests).
extension PrimitiveFixtureTests {
  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("convert"))
  func convert(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }
}
