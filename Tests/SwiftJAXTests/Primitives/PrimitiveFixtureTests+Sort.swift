import Testing
@testable import SwiftJAX

// Eager values of the sort primitives against JAX (see PrimitiveFixtureTests).
extension PrimitiveFixtureTests {
  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("sort"))
  func sort(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }
}
