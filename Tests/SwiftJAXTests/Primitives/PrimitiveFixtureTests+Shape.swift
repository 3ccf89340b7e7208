import Testing
@testable import SwiftJAX

// Eager values of the shape primitives against JAX (see PrimitiveFixtureTests).
extension PrimitiveFixtureTests {
  @Test(.enabled(if: Fixtures.valueTestsEnabled), arguments: Fixtures.cases("shape"))
  func shapeOps(_ c: PrimitiveCase) throws {
    try runFixtureCase(c)
  }
}
