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

// MARK: - Checks shared by the table-fixture suites (NumpyMoreTests,
// NumpyRestTests, NumpyLastTests, LaxMoreTests): each maps a fixture case
// onto a Swift call with a `run` function and hands it to these.

/// A fixture dispatcher: the Swift results of a case, nil for an unknown op.
typealias FixtureRun = (FixtureCase, [Tensor]) -> [Tensor]?

/// Bit-level equality of two results (NaN payloads aside).
func sameBits(_ a: Tensor, _ b: Tensor) -> Bool {
  guard a.dtype == b.dtype, a.shape == b.shape, let ca = a.concrete, let cb = b.concrete else { return false }
  for i in 0..<ca.aval.count {
    let (x, y) = (ca.element(i), cb.element(i))
    if a.dtype.isFloatingPoint {
      let (u, v) = (x.asDouble, y.asDouble)
      if !(u.bitPattern == v.bitPattern || (u.isNaN && v.isNaN)) { return false }
    } else if a.dtype.isBool {
      if x.asBool != y.asBool { return false }
    } else if x.asInt64 != y.asInt64 { return false }
  }
  return true
}

/// Every case of `<name>` (float32 pass) and `<name>_x64` (float64 pass)
/// that has array inputs and passes `include`, staged under `jit`, gives
/// the eager result bit for bit.
func expectJitMatchesEager(
  _ name: String, include: (FixtureCase) -> Bool = { _ in true }, _ run: @escaping FixtureRun,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  for x64 in [false, true] {
    try JAXConfig.withX64(x64) {
      for (k, c) in loadFixtures(x64 ? name + "_x64" : name).enumerated() where !c.inputs.isEmpty && include(c) {
        let ins = c.inputs.map(\.tensor)
        let eager = try JAXError.capture { run(c, ins)! }
        let staged = try JAXError.capture { jit({ (xs: [Tensor]) in run(c, xs)! })(ins) }
        #expect(eager.count == staged.count, "jit \(k) \(c.op): \(staged.count) outputs vs \(eager.count)", sourceLocation: sourceLocation)
        for (e, s) in zip(eager, staged) {
          #expect(sameBits(e, s), "jit \(k) \(c.op) \(c.params): \(s) vs eager \(e)", sourceLocation: sourceLocation)
        }
      }
    }
  }
}

/// A second input of the same shape and dtype as `t`, with other values.
func perturbed(_ t: Tensor) -> Tensor {
  let same = { (v: Tensor) in Numpy.convert(v, to: t.dtype, weak: false) }
  if t.dtype.isFloatingPoint { return Lax.add(Lax.mul(t, same(Tensor(weak: 0.5))), same(Tensor(weak: 0.25))) }
  return t.dtype.isBool ? Lax.not(t) : Lax.add(t, same(Tensor(weak: 1)))
}

/// vmap over a stacked pair of inputs (each case's and a perturbed copy)
/// equals applying `run` to each, for every case given. Returns how many
/// cases were checked.
@discardableResult
func expectVmapMatchesLoop(_ cases: [FixtureCase], _ run: @escaping FixtureRun, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
  var count = 0
  for c in cases where !c.inputs.isEmpty {
    count += 1
    let a = c.inputs.map(\.tensor)
    let b = a.map(perturbed)
    let batched = try JAXError.capture { vmap({ (xs: [Tensor]) in run(c, xs)! })(zip(a, b).map { Lax.stack([$0, $1]) }) }
    let (ra, rb) = (run(c, a)!, run(c, b)!)
    #expect(batched.count == ra.count, "vmap \(c.op): \(batched.count) outputs vs \(ra.count)", sourceLocation: sourceLocation)
    for (j, out) in batched.enumerated() where j < ra.count {
      let (first, second) = (Lax.indexInDim(out, 0, keepDims: false), Lax.indexInDim(out, 1, keepDims: false))
      #expect(sameBits(first, ra[j]) && sameBits(second, rb[j]), "vmap \(c.op) \(c.params) output \(j)", sourceLocation: sourceLocation)
    }
  }
  return count
}

/// A differentiable case: a function of float64 inputs and those inputs.
struct GradCheck {
  let name: String
  let inputs: [Tensor]
  let f: ([Tensor]) -> Tensor
  init(name: String, inputs: [Tensor], _ f: @escaping ([Tensor]) -> Tensor) { (self.name, self.inputs, self.f) = (name, inputs, f) }
}

/// Reverse-mode gradients of Σ f(x)·t (t random) against central finite
/// differences along random directions, in float64. NaN inputs are held
/// fixed: their direction entry is zero.
func expectGradientsMatchFiniteDifferences(_ cases: [GradCheck], seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation) throws {
  var rng = SplitMix64(seed: seed)
  try JAXConfig.withX64(true) {
    for g in cases {
      let out0 = try JAXError.capture { g.f(g.inputs) }
      let t = randomTensor(out0.shape, rng: &rng)
      let loss = { (xs: [Tensor]) -> Tensor in Numpy.sum(Numpy.multiply(g.f(xs), t)) }
      let grads = try JAXError.capture { grad(loss)(g.inputs) }
      let dirs = g.inputs.map { x in
        Tensor(values(x).map { $0.isNaN ? 0.0 : Double.random(in: -1...1, using: &rng) }, shape: x.shape, dtype: .float64)
      }
      let analytic = zip(grads, dirs).reduce(0.0) { acc, p in
        acc + zip(values(p.0), values(p.1)).reduce(0.0) { $0 + ($1.1 == 0 ? 0 : $1.0 * $1.1) }
      }
      let fd = finiteDifference({ [loss($0)] }, g.inputs, dirs)[0][0]
      #expect(Swift.abs(analytic - fd) <= 1e-5 * Swift.max(1, Swift.abs(fd)), "\(g.name): grad·t \(analytic) vs finite difference \(fd)", sourceLocation: sourceLocation)
    }
  }
}

/// The text of the SwiftJAX error `body` raises ("" if none).
func errorMessage(_ body: () -> Any) -> String {
  do { _ = try JAXError.capture(body); return "" } catch { return "\(error)" }
}

/// Each message names the calling test file (`callerFile`, the caller's
/// site) and contains every one of its needles (op, shapes, dtypes).
func expectErrorsName(_ checks: [(String, [String])], callerFile: String, sourceLocation: SourceLocation = #_sourceLocation) {
  for (k, (msg, needles)) in checks.enumerated() {
    #expect(msg.contains(callerFile), "check \(k): no caller site in \(msg)", sourceLocation: sourceLocation)
    for n in needles { #expect(msg.contains(n), "check \(k): \(n) missing from \(msg)", sourceLocation: sourceLocation) }
  }
}

/// Expects `body` to raise a ``JAXError`` of `kind` from operation `op`,
/// with the caller's site in the test file `callerFile`.
func expectJAXError(
  _ kind: JAXError.Kind, _ op: String, callerFile: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () -> Void
) {
  do {
    try JAXError.capture { body() }
    Issue.record("expected an error from \(op)", sourceLocation: sourceLocation)
  } catch let e as JAXError {
    #expect(e.kind == kind && e.operation == op, "\(e)", sourceLocation: sourceLocation)
    #expect(e.site?.file.description.hasSuffix(callerFile) == true, "\(e)", sourceLocation: sourceLocation)
  } catch {
    Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
  }
}

/// Parent of the NumPy-layer suites, serialized because the float64
/// passes switch `JAXConfig.enableX64`, which is process-global.
@Suite(.serialized) struct NumpySuite {}
