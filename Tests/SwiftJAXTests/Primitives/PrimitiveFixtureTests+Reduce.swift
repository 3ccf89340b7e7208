import Testing
@testable import SwiftJAX

// Eager values of the reduce primitives against JAX (see PrimitiveFixtureTests).
extension PrimitiveFixtureTests {
  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("reduce"))
  func reduce(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }

  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("cumulative"))
  func cumulative(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }
}
