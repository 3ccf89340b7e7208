import Foundation
import Testing
@testable import SwiftJAX

/// Reference values from scripts/fixtures/gen_control_flow.py (JAX 0.10.2).
enum ControlFlowFixtures {
  static let root: [String: Any] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/control_flow.json")
    guard let data = try? Data(contentsOf: url), let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
    return obj
  }()

  struct Values {
    let dtype: String
    let shape: [Int]
    let values: [Double]
  }

  static func values(_ any: Any?) -> Values? {
    guard let d = any as? [String: Any] else { return nil }
    let vs = (d["values"] as? [Any] ?? []).map { v -> Double in
      if let s = v as? String { return Double(s)! }
      return (v as? NSNumber)?.doubleValue ?? .nan
    }
    return Values(dtype: d["dtype"] as! String, shape: d["shape"] as! [Int], values: vs)
  }

  static func values(_ key: String) -> Values? { values(root[key]) }
  static func sub(_ key: String, _ inner: String) -> Values? { values((root[key] as? [String: Any])?[inner]) }
  static func jaxpr(_ key: String) -> String? { (root["jaxprs"] as? [String: String])?[key] }
}

/// Checks dtype, shape and values (relative tolerance for floats).
func expectMatches(
  _ t: Tensor, _ ref: ControlFlowFixtures.Values?, rtol: Double = 1e-6, atol: Double = 0,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let ref else {
    Issue.record("missing fixture", sourceLocation: sourceLocation)
    return
  }
  #expect(t.dtype.name == ref.dtype, sourceLocation: sourceLocation)
  #expect(t.shape == ref.shape, sourceLocation: sourceLocation)
  let got = t.toArray(Double.self)
  #expect(got.count == ref.values.count, sourceLocation: sourceLocation)
  for (i, (g, r)) in zip(got, ref.values).enumerated() where !(abs(g - r) <= atol + rtol * abs(r)) {
    Issue.record("element \(i): got \(g), JAX gives \(r)", sourceLocation: sourceLocation)
    return
  }
}
