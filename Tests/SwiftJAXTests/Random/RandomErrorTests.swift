import Testing
@testable import SwiftJAX

@Suite struct RandomErrorTests {
  func expectError(_ kind: JAXError.Kind, _ op: String, _ body: () -> Void) {
    do {
      try JAXError.capture { body() }
      Issue.record("expected a \(kind) error from \(op)")
    } catch let e as JAXError {
      #expect(e.kind == kind)
      #expect(e.operation == op)
      #expect(e.site != nil)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func floatPassedAsKey() {
    expectError(.dtype, "split") { _ = Random.split(Tensor([1.0, 2.0] as [Float])) }
  }

  @Test func keyOfWrongShape() {
    expectError(.shape, "normal") { _ = Random.normal(Tensor([1, 2, 3] as [UInt32]), shape: [2]) }
  }

  @Test func batchOfKeysPointsToVmap() throws {
    do {
      try JAXError.capture { _ = Random.uniform(Random.split(Random.PRNGKey(0), num: 3), shape: [2]) }
      Issue.record("expected an error")
    } catch let e as JAXError {
      #expect(e.message.contains("vmap"))
    }
  }

  @Test func integerDTypeForUniform() {
    expectError(.dtype, "uniform") { _ = Random.uniform(Random.PRNGKey(0), shape: [2], dtype: .int32) }
  }

  @Test func bits64WithoutX64() {
    expectError(.dtype, "bits") { _ = Random.bits(Random.PRNGKey(0), shape: [2], bitWidth: 64) }
  }
}
