import Foundation
import Testing
@testable import SwiftJAX

/// Bit-exactness of the PRNG against JAX 0.10.2 (Tests/Fixtures/random.json,
/// made by scripts/fixtures/gen_random.py).
struct RandomCase: CustomTestStringConvertible, Sendable {
  let name: String
  let call: [String: JSONValue]
  let dtype: String
  let shape: [Int]
  let bytes: [UInt8]
  let x: (dtype: String, shape: [Int], bytes: [UInt8])?
  var testDescription: String { name }
}

/// A decoded JSON value; numbers keep both readings since
/// JSONSerialization does not say whether `1` was written as `1.0`.
enum JSONValue: Sendable {
  case number(Int?, Double), bool(Bool), string(String), array([JSONValue])

  init(_ any: Any) {
    switch any {
    case let s as String: self = .string(s)
    case let a as [Any]: self = .array(a.map(JSONValue.init))
    case let n as NSNumber:
      if String(cString: n.objCType) == "c" { self = .bool(n.boolValue); return }
      let d = n.doubleValue
      self = .number(d.rounded() == d && abs(d) < 9e18 ? n.intValue : nil, d)
    default: self = .string("\(any)")
    }
  }

  var int: Int? { if case .number(let i, _) = self { return i }; return nil }
  var double: Double? { if case .number(_, let d) = self { return d }; return nil }
  var bool: Bool? {
    switch self {
    case .bool(let b): b
    case .number(let i, _): i.map { $0 != 0 }
    default: nil
    }
  }
  var string: String? { if case .string(let s) = self { return s }; return nil }
  var ints: [Int]? { if case .array(let a) = self { return a.compactMap(\.int) }; return nil }
  var doubles: [Double]? { if case .array(let a) = self { return a.compactMap(\.double) }; return nil }
}

func loadRandomCases() -> [RandomCase] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/random.json")
  guard let data = try? Data(contentsOf: url),
        let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let cases = root["cases"] as? [[String: Any]] else { return [] }
  return cases.map { c in
    let out = c["out"] as! [String: Any]
    var x: (String, [Int], [UInt8])? = nil
    if let xs = c["x"] as? [String: Any] {
      x = (xs["dtype"] as! String, xs["shape"] as! [Int], [UInt8](Data(base64Encoded: xs["b64"] as! String)!))
    }
    return RandomCase(
      name: c["name"] as! String,
      call: (c["call"] as! [String: Any]).mapValues(JSONValue.init),
      dtype: out["dtype"] as! String, shape: out["shape"] as! [Int],
      bytes: [UInt8](Data(base64Encoded: out["b64"] as! String)!), x: x)
  }
}

func tensorBytes(_ t: Tensor) -> [UInt8] {
  guard let c = t.concrete else { return [] }
  return [UInt8](UnsafeRawBufferPointer(start: c.data, count: c.aval.byteCount))
}

func tensorFromBytes(_ dtype: String, _ shape: [Int], _ bytes: [UInt8]) -> Tensor {
  let c = ConcreteArray(uninitialized: ShapedArray(shape: shape, dtype: DType(name: dtype)!))
  bytes.withUnsafeBytes { c.data.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
  return Tensor(value: c)
}

/// Runs the SwiftJAX twin of a fixture's call.
func runRandomCall(_ call: [String: JSONValue], x: Tensor?) -> Tensor {
  let fn = call["fn"]!.string!
  let seed = call["seed"]?.int ?? 0
  let key = Random.PRNGKey(seed)
  let shape = call["shape"]?.ints ?? []
  let dtype = call["dtype"]?.string.flatMap(DType.init(name:))
  switch fn {
  case "PRNGKey": return key
  case "split":
    if let s = call["shape"]?.ints { return Random.split(key, shape: s) }
    if let n = call["num"]?.int { return Random.split(key, num: n) }
    let (a, b) = Random.split(key)
    return Numpy.stackForTests([a, b])
  case "fold_in": return Random.foldIn(key, call["data"]!.int!)
  case "bits": return Random.bits(key, shape: shape, bitWidth: call["bit_width"]!.int!)
  case "uniform":
    return Random.uniform(key, shape: shape, dtype: dtype ?? .float32,
                          minval: Tensor(weak: call["minval"]?.double ?? 0), maxval: Tensor(weak: call["maxval"]?.double ?? 1))
  case "normal": return Random.normal(key, shape: shape, dtype: dtype ?? .float32)
  case "truncated_normal":
    return Random.truncatedNormal(key, lower: Tensor(weak: call["lower"]!.double!), upper: Tensor(weak: call["upper"]!.double!), shape: shape)
  case "bernoulli": return Random.bernoulli(key, p: Tensor(weak: call["p"]!.double!), shape: shape)
  case "randint":
    return Random.randint(key, shape: shape, minval: Tensor(weak: call["minval"]!.int!), maxval: Tensor(weak: call["maxval"]!.int!), dtype: dtype ?? .int32)
  case "permutation": return Random.permutation(key, call["n"]!.int!)
  case "permutation_array":
    return Random.permutation(key, x!, axis: call["axis"]!.int!, independent: call["independent"]?.bool ?? false)
  case "choice":
    let p = call["p"]?.doubles.map { Tensor($0.map(Float.init)) }
    return Random.choice(key, call["n"]!.int!, shape: shape, replace: call["replace"]?.bool ?? true, p: p)
  case "categorical":
    var rows: [[Double]] = []
    if case .array(let a)? = call["logits"] { rows = a.compactMap(\.doubles) }
    let logits = Tensor(rows.flatMap { $0 }.map(Float.init), shape: [rows.count, rows.first?.count ?? 0])
    return Random.categorical(key, logits: logits, axis: call["axis"]?.int ?? -1, shape: call["shape"]?.ints)
  case "exponential": return Random.exponential(key, shape: shape)
  case "laplace": return Random.laplace(key, shape: shape)
  case "logistic": return Random.logistic(key, shape: shape)
  case "cauchy": return Random.cauchy(key, shape: shape)
  case "gumbel": return Random.gumbel(key, shape: shape)
  case "rademacher": return Random.rademacher(key, shape: shape)
  case "seed003_normal":
    // k = random.key(42); k, k1 = random.split(k); random.normal(k1, (3,))
    var k = Random.key(42)
    let k1: PRNGKeyArray
    (k, k1) = Random.split(k)
    _ = k
    return Random.normal(k1, shape: [3])
  case "seed004_uniform", "seed004_normal_reuse", "seed004_split5", "seed004_normals":
    var key = Random.PRNGKey(0x123456789)
    let subkey: Tensor
    (key, subkey) = Random.split(key)
    if fn == "seed004_uniform" { return Random.uniform(subkey, shape: [5]) }
    if fn == "seed004_normal_reuse" { return Random.normal(key, shape: [2]) }
    let keys = Random.split(key, num: 5)
    if fn == "seed004_split5" { return keys }
    return Numpy.stackForTests((1..<5).map { Random.normal(Random.keyAt(keys, $0), shape: [2, 2]) })
  default:
    Issue.record("unknown fixture call \(fn)")
    return .invalid
  }
}

extension Numpy {
  /// Stacks equal-shape tensors along a new leading axis (test helper that
  /// only needs Lax).
  static func stackForTests(_ xs: [Tensor]) -> Tensor {
    Lax.concatenate(xs.map { Lax.reshape($0, [1] + $0.shape) }, dimension: 0)
  }
}

@Suite struct RandomFixtureTests {
  static let cases = loadRandomCases()
  /// Samplers the issue asks to follow JAX's algorithm but not bit-exactly.
  static let approximate = ["truncated_normal", "logistic", "gumbel", "cauchy", "laplace", "exponential"]

  @Test func fixturesLoaded() {
    #expect(Self.cases.count > 40)
  }

  @Test(arguments: cases.filter { $0.name != "normal(123,(100000,))" })
  func bitExact(_ c: RandomCase) {
    let x64 = c.call["x64"]?.bool ?? false
    JAXConfig.withX64(x64) {
      let x = c.x.map { tensorFromBytes($0.dtype, $0.shape, $0.bytes) }
      let out = runRandomCall(c.call, x: x)
      #expect(out.dtype.name == c.dtype, "\(c.name): dtype")
      #expect(out.shape == c.shape, "\(c.name): shape")
      if Self.approximate.contains(where: { c.name.hasPrefix($0) }) {
        // These samplers go through log/erf/tan, whose XLA implementations
        // differ from libm in the last bits: compare to a few ulp.
        let got = out.toArray(Float.self)
        let ref = c.bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(got.count == ref.count)
        for (g, r) in zip(got, ref) {
          #expect(abs(g - r) <= 1e-5 * max(1, abs(r)), "\(c.name): \(g) vs JAX \(r)")
        }
      } else {
        #expect(tensorBytes(out) == c.bytes, "\(c.name): values differ from JAX")
      }
    }
  }

  /// normal goes through erf_inv; the issue asks for bit-exactness in at
  /// least 99.9% of 1e5 samples and 2 ulp everywhere.
  @Test func normalHundredThousandSamples() throws {
    let c = try #require(Self.cases.first { $0.name == "normal(123,(100000,))" })
    let out = Random.normal(Random.PRNGKey(123), shape: [100000]).toArray(Float.self)
    let ref = c.bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    var exact = 0
    var worst: Int64 = 0
    for (a, b) in zip(out, ref) {
      if a.bitPattern == b.bitPattern { exact += 1 }
      worst = max(worst, abs(Int64(Int32(bitPattern: a.bitPattern)) - Int64(Int32(bitPattern: b.bitPattern))))
    }
    #expect(out.count == 100000)
    #expect(Double(exact) / 1e5 >= 0.999, "only \(exact) of 100000 samples are bit-exact")
    #expect(worst <= 2, "worst difference \(worst) ulp")
  }
}
