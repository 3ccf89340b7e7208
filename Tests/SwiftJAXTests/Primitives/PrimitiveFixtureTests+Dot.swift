import Testing
@testable import SwiftJAX

// Eager values of the dot primitives against JAX (see PrimitiveFixtureTests).
extension PrimitiveFixtureTests {
  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("dot"))
  func dotGeneral(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }
}
