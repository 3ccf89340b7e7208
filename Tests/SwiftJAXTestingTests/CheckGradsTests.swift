import Testing
import XCTest
import SwiftJAX
import SwiftJAXTesting

@Suite struct CheckGradsTests {
  let x = jnp.array([0.3, -1.2, 0.7] as [Float])
  let y = jnp.array([1.5, 0.4, -0.8] as [Float])

  @Test func correctDerivativesPassUpToSecondOrder() throws {
    try checkGrads({ xs in jnp.sum(jnp.tanh(xs[0]) * xs[1]) }, [x, y], order: 2)
    try checkGrads({ xs in jnp.sin(xs[0]) * jnp.exp(xs[0]) }, [x], order: 2, modes: [.forward])
    try checkGrads({ xs in [jnp.square(xs[0]), xs[0] * xs[1]] }, [x, y], order: 1, modes: [.reverse])
  }

  @Test func float64TolerancesAreTighter() throws {
    try JAXConfig.withX64 {
      let x64 = jnp.array([0.3, -1.2, 0.7], dtype: .float64)
      try checkGrads({ xs in jnp.sum(jnp.log1p(jnp.square(xs[0]))) }, [x64], order: 2)
    }
  }

  /// A deliberately wrong custom derivative (2x instead of cos x) fails
  /// the first-order checks, and the report names which one.
  @Test func wrongCustomJVPIsCaught() {
    let badSin = customJVP({ (x: Tensor) in jnp.sin(x) }, jvp: { x, t in (jnp.sin(x), t * x * 2) })
    do {
      try checkGrads({ xs in badSin(xs[0]) }, [x], modes: [.forward])
      Issue.record("expected the JVP check to fail")
    } catch {
      #expect(error.message.contains("checkGrads: JVP: tangents vs finite differences"), "\(error.message)")
      #expect(error.message.contains("Mismatched elements"), "\(error.message)")
    }
    do {
      try checkGrads({ xs in badSin(xs[0]) }, [x], modes: [.reverse])
      Issue.record("expected the VJP check to fail")
    } catch {
      #expect(error.message.contains("checkGrads: VJP: <vjp(ct), t>"), "\(error.message)")
    }
  }

  /// Right first derivative, wrong second: only order 2 catches it.
  @Test func wrongSecondDerivativeIsCaughtAtOrderTwo() throws {
    // d/dx x^3 = 3x^2 (right), but written with a stop-gradient factor so
    // that the second derivative is 3x instead of 6x.
    func cubed(_ x: Tensor) -> Tensor { jnp.multiply(jnp.square(x), x) }
    func halfWrongTangent(_ x: Tensor, _ t: Tensor) -> (Tensor, Tensor) {
      let slope: Tensor = jnp.multiply(jnp.multiply(stopGradient(x), x), Tensor(weak: 3.0))
      return (cubed(x), jnp.multiply(t, slope))
    }
    let cube: (Tensor) -> Tensor = customJVP(cubed, jvp: halfWrongTangent)
    let f: ([Tensor]) -> Tensor = { xs in cube(xs[0]) }
    try checkGrads(f, [x], order: 1)
    do {
      try checkGrads(f, [x], order: 2, modes: [.forward])
      Issue.record("expected the second-order check to fail")
    } catch {
      #expect(error.message.contains("JVP of JVP"), "\(error.message)")
    }
  }

  @Test func expectGradsMatchRecordsAnIssue() {
    let badExp = customJVP({ (x: Tensor) in jnp.exp(x) }, jvp: { x, t in (jnp.exp(x), t) })
    withKnownIssue {
      expectGradsMatch({ xs in badExp(xs[0]) }, [x])
    }
  }
}

/// The XCTest adapters, from an XCTestCase.
final class XCTestAdapterTests: XCTestCase {
  func testAssertAllCloseAndGradsPass() throws {
    XCTAssertAllClose(jnp.array([1.0, 2.0] as [Float]), jnp.array([1.0, 2.0] as [Float]))
    XCTAssertGradsMatch({ xs in jnp.sum(jnp.cos(xs[0])) }, [jnp.array([0.1, 0.2] as [Float])], order: 2)
    // The throwing form works in XCTest too.
    try assertAllClose(jnp.mean(jnp.array([1.0, 2.0] as [Float])), Tensor(1.5 as Float))
  }
}
