import Testing
import SwiftJAX
import SwiftJAXTesting

// The testing product as a user uses it: `import SwiftJAXTesting`, checks
// that pass quietly and failures whose reports say what differs.

@Suite struct AllCloseTests {
  @Test func closeTensorsPass() throws {
    try assertAllClose(jnp.array([1.0, 2.0, 3.0] as [Float]), jnp.array([1.0, 2.0, 3.0000001] as [Float]), rtol: 1e-6)
    try assertAllClose(jnp.array([1.0, Float.nan]), jnp.array([1.0, Float.nan]))
    try assertAllClose(jnp.array([Float.infinity, -Float.infinity]), jnp.array([Float.infinity, -Float.infinity]))
    // atol covers values near zero, where rtol alone cannot.
    try assertAllClose(jnp.array([1e-9] as [Float]), jnp.array([0.0] as [Float]), atol: 1e-8)
    // A single desired value broadcasts, as in NumPy.
    try assertAllClose(jnp.ones([2, 2]), Tensor(1.0 as Float))
  }

  @Test func mismatchReportCountsAndLocatesElements() {
    let actual = jnp.array([[1.0, 2.0], [3.0, 4.5]] as [[Float]])
    let desired = jnp.array([[1.0, 2.0], [3.5, 4.0]] as [[Float]])
    guard let report = allCloseReport(actual, desired, rtol: 1e-3) else {
      Issue.record("expected a mismatch")
      return
    }
    #expect(report.contains("Mismatched elements: 2 / 4 (50.0%)"), "\(report)")
    #expect(report.contains("Max absolute difference among violations: 0.5"), "\(report)")
    #expect(report.contains("[1, 0]: 3.0 vs 3.5"), "\(report)")
    #expect(report.contains("[1, 1]: 4.5 vs 4.0"), "\(report)")
    #expect(report.contains("rtol=0.001, atol=0.0"), "\(report)")
  }

  @Test func assertAllCloseThrowsWithTheReportAndCallSite() {
    do {
      try assertAllClose(jnp.array([1.0, 2.0] as [Float]), jnp.array([1.0, 2.1] as [Float]), "second element")
      Issue.record("expected a failure")
    } catch {
      #expect(error.message.hasPrefix("second element\nNot equal to tolerance"), "\(error.message)")
      #expect(error.file.hasSuffix("AllCloseTests.swift"))
      #expect(error.line == 35)
    }
  }

  @Test func nanPolicyAndShapeMismatch() {
    #expect(allCloseReport(jnp.array([Float.nan]), jnp.array([Float.nan]), equalNaN: false) != nil)
    #expect(allCloseReport(jnp.array([Float.nan]), jnp.array([1.0] as [Float])) != nil)
    #expect(allCloseReport(jnp.array([Float.infinity]), jnp.array([-Float.infinity])) != nil)
    let shape = allCloseReport(jnp.ones([2, 3]), jnp.ones([3, 2]))
    #expect(shape?.contains("shapes [2, 3], [3, 2] mismatch") == true, "\(shape ?? "nil")")
  }

  @Test func expectAllCloseRecordsAnIssueOnMismatch() {
    withKnownIssue {
      expectAllClose(jnp.array([1.0] as [Float]), jnp.array([2.0] as [Float]))
    }
    // And records nothing when close.
    expectAllClose(jnp.array([1.0] as [Float]), jnp.array([1.0] as [Float]))
  }
}
