import Foundation
import Testing
@testable import SwiftJAX

/// Tests/Fixtures/bfloat16.json (scripts/fixtures/gen_bfloat16.py, JAX 0.10.2).
/// bfloat16 values are their 16-bit patterns; other dtypes use the
/// fixture element strings.
struct BFloat16FixtureFile: Decodable {
  /// An element list: bfloat16 bit patterns, or element strings.
  enum Values: Decodable, Equatable {
    case bits([UInt16])
    case strings([String])
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let b = try? c.decode([UInt16].self) { self = .bits(b) } else { self = .strings(try c.decode([String].self)) }
    }
  }
  struct From: Decodable, Sendable, CustomTestStringConvertible {
    var dtype: String
    var values: [String]
    /// float32 inputs as bit patterns (NaN payloads), else empty.
    var bits: [UInt32]
    var out: [UInt16]
    var testDescription: String { dtype }
  }
  struct Print: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var shape: [Int]
    var bits: [UInt16]
    var repr: String
    var str: String
    var testDescription: String { name }
  }
  struct Reduction: Decodable, Sendable {
    var name: String
    var axis: Int
    var shape: [Int]
    var dtype: String
    var out: Values
  }
  struct Reductions: Decodable {
    var input: [UInt16]
    var shape: [Int]
    var cases: [Reduction]
  }
  struct Dot: Decodable {
    var a: [UInt16]
    var b: [UInt16]
    var out: [UInt16]
  }
  struct FInfoRow: Decodable {
    var bits: Int, nmant: Int, nexp: Int, minexp: Int, maxexp: Int, machep: Int, negep: Int, precision: Int
    var eps: String, epsneg: String, max: String, min: String, tiny: String
    var smallest_normal: String, smallest_subnormal: String, resolution: String
  }
  struct Chain: Decodable {
    var x: [UInt16], y: [UInt16], z: [UInt16], fma: [UInt16], expChain: [UInt16]
  }
  var grid: [UInt16]
  var unary: [String: Values]
  var pairs: [[UInt16]]
  var binary: [String: Values]
  var compare: [String: Values]
  var integer_pow: [String: [UInt16]]
  var from: [From]
  var to: [String: [String]]
  var promotion: [[ComplexFixtureFile.PromotionCell]]
  var prints: [Print]
  var reductions: Reductions
  var dot: Dot
  var finfo: [String: FInfoRow]
  var random: [String: [UInt16]]
  var jit_chain: Chain

  static let shared: BFloat16FixtureFile? = {
    let url = Fixtures.directory.appendingPathComponent("bfloat16.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    do { return try JSONDecoder().decode(BFloat16FixtureFile.self, from: data) } catch {
      print("bfloat16.json: \(error)")
      return nil
    }
  }()
}

/// A bfloat16 tensor with these bit patterns.
func bf16Tensor(_ bits: [UInt16], shape: [Int]? = nil) -> Tensor {
  Lax.bitcastConvertType(Tensor(bits, shape: shape ?? [bits.count]), .bfloat16)
}

/// The bit patterns of a bfloat16 tensor.
func bf16Bits(_ t: Tensor) -> [UInt16] { Lax.bitcastConvertType(t, .uint16).toArray(UInt16.self) }

/// The elements of a non-bfloat16 tensor as fixture strings.
func fixtureStrings(_ t: Tensor) -> [String] {
  let c = t.concrete!
  return (0..<c.count).map { i in
    switch c.element(i) {
    case .bool(let b): b ? "true" : "false"
    case .int(let v): String(v)
    case .uint(let v): String(v)
    case .float(let d): fixtureFloatString(d)
    case .complex(let re, _): fixtureFloatString(re)
    }
  }
}

/// fixture_encoding.py's float string: Python's repr of the float64.
func fixtureFloatString(_ d: Double) -> String {
  if d.isNaN { return "nan" }
  if d.isInfinite { return d > 0 ? "inf" : "-inf" }
  return pythonFloatRepr(d.description)
}

/// Whether a bfloat16 bit pattern is a nonzero subnormal.
func bf16IsSubnormal(_ b: UInt16) -> Bool { b & 0x7f80 == 0 && b & 0x007f != 0 }

/// Whether a bfloat16 bit pattern is a NaN.
func bf16IsNaN(_ b: UInt16) -> Bool { b & 0x7f80 == 0x7f80 && b & 0x007f != 0 }

/// Distance in bfloat16 steps between two non-NaN patterns (ordered keys).
func bf16Ulps(_ a: UInt16, _ b: UInt16) -> Int {
  func key(_ x: UInt16) -> Int { x & 0x8000 != 0 ? -Int(x & 0x7fff) : Int(x) }
  return abs(key(a) - key(b))
}

/// The fixture's expected values against a result. NaNs match any NaN
/// (XLA's NaN signs follow x86's default NaN; the project compares NaN
/// payloads nowhere, see JITEquality). `ulps` allows that many bfloat16
/// steps for ops whose float32 kernel is not XLA's (listed in the tests).
func expectMatches(_ expected: BFloat16FixtureFile.Values, _ y: Tensor, _ what: String, ulps: Int = 0, skip: Set<Int> = [], sourceLocation: SourceLocation = #_sourceLocation) {
  switch expected {
  case .bits(let b):
    #expect(y.dtype == .bfloat16, "\(what): dtype \(y.dtype)", sourceLocation: sourceLocation)
    let got = bf16Bits(y)
    let bad = zip(b, got).enumerated().filter { i, p in
      if skip.contains(i) { return false }
      return bf16IsNaN(p.0) ? !bf16IsNaN(p.1) : (bf16IsNaN(p.1) || bf16Ulps(p.0, p.1) > ulps)
    }
    #expect(got.count == b.count && bad.isEmpty,
            "\(what): \(bad.count) of \(b.count) differ, first \(bad.prefix(4).map { "#\($0.offset) want 0x\(String($0.element.0, radix: 16)) got 0x\(String($0.element.1, radix: 16))" })",
            sourceLocation: sourceLocation)
  case .strings(let s0):
    let keep = { (v: [String]) in v.enumerated().filter { !skip.contains($0.offset) }.map(\.element) }
    let got = keep(fixtureStrings(y)), s = keep(s0)
    #expect(got == s, "\(what): \(zip(s, got).enumerated().filter { $0.element.0 != $0.element.1 }.prefix(4))", sourceLocation: sourceLocation)
  }
}
