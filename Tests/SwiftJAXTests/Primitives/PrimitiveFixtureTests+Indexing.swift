import Testing
@testable import SwiftJAX

// Eager values of the indexing primitives against JAX (see PrimitiveFixtureTests).
extension PrimitiveFixtureTests {
  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("indexing"))
  func indexing(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }
}
