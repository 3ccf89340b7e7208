import Foundation
import Testing
@testable import SwiftJAX

/// Tests/Fixtures/complex.json (scripts/fixtures/gen_complex.py, JAX 0.10.2).
struct ComplexFixtureFile: Decodable {
  struct Encoded: Decodable, Sendable {
    var dtype: String
    var shape: [Int]
    var weak: Bool
    /// `[re, im]` for complex elements, `[v]` otherwise.
    var values: [[String]]
  }
  struct PrintCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var x64: Bool
    var dtype: String
    var shape: [Int]
    var weak: Bool
    var values: [[String]]
    var repr: String
    var str: String
    var testDescription: String { name }
    var encoded: Encoded { Encoded(dtype: dtype, shape: shape, weak: weak, values: values) }
  }
  struct AstypeCase: Decodable, Sendable, CustomTestStringConvertible {
    var from: String
    var to: String
    var input: [[String]]
    var output: Encoded
    var testDescription: String { "\(from)->\(to)" }
  }
  struct OpCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var inputs: [Encoded]
    var output: Encoded
    var testDescription: String { name }
  }
  struct GradCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var holomorphic: Bool
    var output: Encoded
    var testDescription: String { name }
  }
  var grads: [GradCase]
  /// The point `grads` differentiate at, and the jvp/vjp direction.
  var z: [[String]]
  var tangent: [[String]]
  var promotion: [[PromotionCell]]
  var prints: [PrintCase]
  var astype: [AstypeCase]
  var ops: [OpCase]

  /// A promotion row cell: a dtype name or a flag.
  enum PromotionCell: Decodable, Sendable {
    case name(String)
    case flag(Bool)
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let b = try? c.decode(Bool.self) { self = .flag(b) } else { self = .name(try c.decode(String.self)) }
    }
    var name: String { if case .name(let s) = self { s } else { "" } }
    var flag: Bool { if case .flag(let b) = self { b } else { false } }
  }

  static let shared = try? Fixtures.decode(ComplexFixtureFile.self, "complex.json")
}

/// Decodes one fixture number ("0.5", "nan", "-inf").
func fixtureDouble(_ s: String) -> Double {
  switch s {
  case "nan": .nan
  case "inf": .infinity
  case "-inf": -.infinity
  default: Double(s)!
  }
}

extension ComplexFixtureFile.Encoded {
  /// The scalar values as ``ScalarValue``s of the fixture's dtype.
  var scalars: [ScalarValue] {
    let d = DType(name: dtype)!
    return values.map { v in
      if d.isComplex { return .complex(fixtureDouble(v[0]), fixtureDouble(v[1])) }
      if d.isBool { return .bool(v[0] == "true") }
      if d.isSignedInteger { return .int(Int64(v[0])!) }
      if d.isUnsignedInteger { return .uint(UInt64(v[0])!) }
      return .float(fixtureDouble(v[0]))
    }
  }

  /// The tensor, bit for bit (with its weak bit).
  func tensor() -> Tensor {
    let a = ConcreteArray(uninitialized: ShapedArray(shape: shape, dtype: DType(name: dtype)!, weakType: weak))
    for (i, v) in scalars.enumerated() { a.setElement(i, v) }
    return Tensor(value: a)
  }
}

/// Whether `a` and `b` agree within `ulps`-scaled relative tolerance
/// (NaNs agree with NaNs, infinities must match exactly).
func closeParts(_ a: Double, _ b: Double, rtol: Double) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  if a.isInfinite || b.isInfinite { return a == b }
  return abs(a - b) <= rtol * max(1, abs(b))
}

/// `t` has the fixture's dtype, weak bit and shape, and values within `rtol`.
func expectMatches(_ t: Tensor, _ e: ComplexFixtureFile.Encoded, rtol: Double, _ what: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(t.dtype.name == e.dtype, "\(what): dtype", sourceLocation: sourceLocation)
  #expect(t.weakType == e.weak, "\(what): weak", sourceLocation: sourceLocation)
  #expect(t.shape == e.shape, "\(what): shape", sourceLocation: sourceLocation)
  guard let c = t.concrete, c.count == e.values.count else {
    Issue.record("\(what): no concrete value of \(e.values.count) elements", sourceLocation: sourceLocation)
    return
  }
  for (i, want) in e.scalars.enumerated() {
    let got = c.element(i)
    let ok: Bool
    switch want {
    case .complex(let re, let im):
      let (gr, gi) = got.asComplex
      ok = closeParts(gr, re, rtol: rtol) && closeParts(gi, im, rtol: rtol)
    case .float(let d): ok = closeParts(got.asDouble, d, rtol: rtol)
    default: ok = got == want
    }
    #expect(ok, "\(what)[\(i)]: got \(got), JAX \(want)", sourceLocation: sourceLocation)
  }
}
