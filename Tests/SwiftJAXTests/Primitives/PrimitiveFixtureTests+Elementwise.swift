import Testing
@testable import SwiftJAX

// Eager values of the elementwise primitives against JAX (see PrimitiveFixtureTests).
extension PrimitiveFixtureTests {
  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("elementwise_unary"))
  func unary(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }

  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("elementwise_binary"))
  func binary(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }

  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("compare"))
  func compare(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }

  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("select_clamp"))
  func selectAndClamp(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }
}
