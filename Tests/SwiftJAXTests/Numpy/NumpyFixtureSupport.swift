import Foundation
import Testing
@testable import SwiftJAX

// Loading and comparing the fixtures written by scripts/fixtures/gen_numpy.py.

struct NumpyFixtureArray {
  let dtype: DType
  let shape: [Int]
  let data: [String]

  init(_ json: [String: Any]) {
    dtype = DType(name: json["dtype"] as! String)!
    shape = json["shape"] as! [Int]
    data = json["data"] as! [String]
  }

  var tensor: Tensor {
    if dtype.isBool { return Tensor(data.map { $0 == "true" }, shape: shape) }
    if dtype.isFloatingPoint { return Tensor(data.map { Double($0)! }, shape: shape, dtype: dtype) }
    if dtype.isUnsignedInteger { return Tensor(data.map { UInt64($0)! }, shape: shape, dtype: dtype) }
    return Tensor(data.map { Int64($0)! }, shape: shape, dtype: dtype)
  }
}

struct FixtureCase {
  let op: String
  let params: [String: Any]
  let inputs: [NumpyFixtureArray]
  let outputs: [NumpyFixtureArray]

  func int(_ k: String) -> Int? { params[k] as? Int }
  func double(_ k: String) -> Double? { (params[k] as? NSNumber)?.doubleValue }
  func bool(_ k: String) -> Bool { params[k] as? Bool ?? false }
  func ints(_ k: String) -> [Int]? { params[k] as? [Int] }
  /// An axis parameter: nil, an Int or a list.
  func axis(_ k: String = "axis") -> (any AxesConvertible)? {
    if let i = params[k] as? Int { return i }
    if let l = params[k] as? [Int] { return l }
    return nil
  }
  func dtype(_ k: String = "dtype") -> DType? { (params[k] as? String).flatMap(DType.init(name:)) }
}

func loadFixtures(_ name: String) -> [FixtureCase] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/numpy/\(name).json")
  let data = try! Data(contentsOf: url)
  let list = try! JSONSerialization.jsonObject(with: data) as! [[String: Any]]
  return list.map {
    FixtureCase(
      op: $0["op"] as! String, params: $0["params"] as! [String: Any],
      inputs: ($0["inputs"] as! [[String: Any]]).map(NumpyFixtureArray.init),
      outputs: ($0["outputs"] as! [[String: Any]]).map(NumpyFixtureArray.init))
  }
}

/// Compares `got` with the JAX reference: same dtype and shape, ints and
/// bools exact, floats within a relative tolerance (NaN matches NaN).
func expectMatches(_ got: Tensor, _ want: NumpyFixtureArray, _ label: String, rtol: Double? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(got.dtype == want.dtype, "\(label): dtype \(got.dtype) != \(want.dtype)", sourceLocation: sourceLocation)
  #expect(got.shape == want.shape, "\(label): shape \(got.shape) != \(want.shape)", sourceLocation: sourceLocation)
  guard got.dtype == want.dtype, got.shape == want.shape, let c = got.concrete else { return }
  let tol = rtol ?? (want.dtype == .float64 ? 1e-9 : 2e-5)
  for (i, s) in want.data.enumerated() {
    let g = c.element(i)
    if want.dtype.isFloatingPoint {
      let w = Double(s)!, v = g.asDouble
      let ok = (w.isNaN && v.isNaN) || w == v || Swift.abs(v - w) <= tol * Swift.max(1, Swift.abs(w))
      if !ok {
        Issue.record("\(label): element \(i) is \(v), expected \(w)", sourceLocation: sourceLocation)
        return
      }
    } else if want.dtype.isBool {
      if g.asBool != (s == "true") { Issue.record("\(label): element \(i) is \(g.asBool), expected \(s)", sourceLocation: sourceLocation); return }
    } else if want.dtype.isUnsignedInteger {
      if g.asUInt64 != UInt64(s)! { Issue.record("\(label): element \(i) is \(g.asUInt64), expected \(s)", sourceLocation: sourceLocation); return }
    } else if g.asInt64 != Int64(s)! {
      Issue.record("\(label): element \(i) is \(g.asInt64), expected \(s)", sourceLocation: sourceLocation)
      return
    }
  }
}

/// Runs every case of a fixture file through `run` and compares outputs.
func checkFixtures(_ name: String, x64: Bool = false, rtol: Double? = nil, _ run: (FixtureCase, [Tensor]) -> [Tensor]?) {
  let cases = loadFixtures(name)
  #expect(!cases.isEmpty)
  var unknown = Set<String>()
  JAXConfig.withX64(x64) {
    for (k, c) in cases.enumerated() {
      let ins = c.inputs.map(\.tensor)
      let label = "\(name)[\(k)] \(c.op) \(c.params)"
      do {
        guard let outs = try JAXError.capture({ run(c, ins) }) else { unknown.insert(c.op); continue }
        #expect(outs.count == c.outputs.count, "\(label): \(outs.count) outputs, expected \(c.outputs.count)")
        for (o, w) in zip(outs, c.outputs) { expectMatches(o, w, label, rtol: rtol) }
      } catch {
        Issue.record("\(label): \(error)")
      }
    }
  }
  #expect(unknown.isEmpty, "\(name): ops without a Swift dispatch: \(unknown.sorted())")
}

/// Parent of the NumPy-layer suites, serialized because the float64
/// passes switch `JAXConfig.enableX64`, which is process-global.
@Suite(.serialized) struct NumpySuite {}
