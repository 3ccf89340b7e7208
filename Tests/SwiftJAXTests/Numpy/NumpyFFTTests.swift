import Foundation
import Testing
@testable import SwiftJAX

/// jnp.fft.fftfreq / rfftfreq / fftshift / ifftshift against JAX 0.10.2
/// (the "freq" cases of Tests/Fixtures/fft.json, scripts/fixtures/gen_fft.py):
/// dtype, shape and every value bit for bit; jit == eager; errors.
@Suite(.serialized) struct NumpyFFTTests {
  static let cases: [[String: Any]] = {
    let url = Fixtures.directory.appendingPathComponent("fft.json")
    guard let data = try? Data(contentsOf: url),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [] }
    return root["freq"] as? [[String: Any]] ?? []
  }()

  static func run(_ c: [String: Any]) -> Tensor {
    let kind = c["kind"] as! String
    if kind == "fftfreq" || kind == "rfftfreq" {
      let (n, d) = (c["n"] as! Int, c["d"] as! Double)
      let dtype = (c["dtype"] as? String).flatMap { DType(name: $0) }
      return kind == "fftfreq" ? jnp.fft.fftfreq(n, d: d, dtype: dtype) : jnp.fft.rfftfreq(n, d: d, dtype: dtype)
    }
    let shape = c["shape"] as! [Int]
    let x = jnp.reshape(jnp.arange(shape.reduce(1, *), dtype: .float32), shape)
    let axes = c["axes"] as? [Int]
    return kind == "fftshift" ? jnp.fft.fftshift(x, axes: axes) : jnp.fft.ifftshift(x, axes: axes)
  }

  @Test func matchesJAX() throws {
    try #require(Self.cases.count == 30)
    for c in Self.cases {
      let out = c["out"] as! [String: Any]
      let wantX64 = out["dtype"] as? String == "float64" || (c["dtype"] as? String) == "float64"
      // This thread only: the global setting would change the dtypes of
      // tests running in parallel in other suites.
      let y = JAXConfig.withX64(wantX64) { Self.run(c) }
      #expect(y.dtype.name == out["dtype"] as! String, "\(c)")
      #expect(y.shape == out["shape"] as! [Int], "\(c)")
      let want = (out["values"] as! [String]).map { Double($0)! }
      #expect(y.toArray(Double.self) == want, "\(c)")
    }
  }

  @Test func jitEqualsEager() {
    let x = jnp.reshape(jnp.arange(30, dtype: .float32), [5, 6])
    let f = jit { (x: Tensor) in jnp.fft.fftshift(x, axes: [-1, 0]) + jnp.fft.ifftshift(x) + jnp.fft.fftfreq(6) }
    let eager = jnp.fft.fftshift(x, axes: [-1, 0]) + jnp.fft.ifftshift(x) + jnp.fft.fftfreq(6)
    #expect(f(x).toArray(Float.self) == eager.toArray(Float.self))
    #expect(jnp.fft.ifftshift(jnp.fft.fftshift(x)).toArray(Float.self) == x.toArray(Float.self))
  }

  @Test func errorsNameTheOpAndCaller() {
    func expectError(_ kind: JAXError.Kind, _ op: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () -> Void) {
      expectJAXError(kind, op, callerFile: "NumpyFFTTests.swift", sourceLocation: sourceLocation, body)
    }
    expectError(.value, "fftfreq") { _ = jnp.fft.fftfreq(-1) }
    expectError(.value, "rfftfreq") { _ = jnp.fft.rfftfreq(-3) }
    expectError(.axis, "fftshift") { _ = jnp.fft.fftshift(jnp.zeros([3, 4]), axes: 2) }
    expectError(.axis, "ifftshift") { _ = jnp.fft.ifftshift(jnp.zeros([3]), axes: [-2]) }
  }
}
