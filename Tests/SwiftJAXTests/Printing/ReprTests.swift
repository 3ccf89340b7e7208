import Foundation
import Testing
@testable import SwiftJAX

/// One array printed by real JAX 0.10.2 (scripts/fixtures/gen_repr.py).
struct ReprCase: Decodable, Sendable, CustomTestStringConvertible {
  struct Generator: Decodable, Sendable {
    var start: String
    var step: String
    var patches: [[PatchItem]]
  }
  /// A patch is `[flat_index, encoded_value]`.
  enum PatchItem: Decodable, Sendable {
    case index(Int)
    case value(String)
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let i = try? c.decode(Int.self) { self = .index(i) } else { self = .value(try c.decode(String.self)) }
    }
  }

  var name: String
  var dtype: String
  var shape: [Int]
  var weak: Bool
  var values: [String]?
  var gen: Generator?
  var repr: String
  var str: String

  var testDescription: String { name }

  /// Rebuilds the tensor bit for bit.
  func makeTensor() throws -> Tensor {
    let dt = try #require(DType(name: dtype))
    let a = ConcreteArray(uninitialized: ShapedArray(shape: shape, dtype: dt, weakType: weak))
    if let values {
      for (i, v) in values.enumerated() { try store(v, at: i, in: a) }
    } else if let gen {
      for i in 0..<a.count {
        if dt.isFloatingPoint {
          a.setElement(i, .float(Double(gen.start)! + Double(i) * Double(gen.step)!))
        } else {
          a.setElement(i, .int(Int64(gen.start)! + Int64(i) * Int64(gen.step)!))
        }
      }
      for p in gen.patches {
        guard case .index(let i) = p[0], case .value(let v) = p[1] else { throw FixtureError.badPatch(name) }
        try store(v, at: i, in: a)
      }
    }
    return Tensor(value: a)
  }

  private func store(_ v: String, at i: Int, in a: ConcreteArray) throws {
    let p = a.data
    switch a.aval.dtype {
    case .float16: p.storeBytes(of: try bits(v, UInt16.self), toByteOffset: i * 2, as: UInt16.self)
    case .float32: p.storeBytes(of: try bits(v, UInt32.self), toByteOffset: i * 4, as: UInt32.self)
    case .float64: p.storeBytes(of: try bits(v, UInt64.self), toByteOffset: i * 8, as: UInt64.self)
    case .bool: a.setElement(i, .bool(v == "1"))
    case .uint8, .uint16, .uint32, .uint64:
      a.setElement(i, .uint(try #require(UInt64(v))))
    default:
      a.setElement(i, .int(try #require(Int64(v))))
    }
  }

  private func bits<T: FixedWidthInteger>(_ hex: String, _: T.Type) throws -> T {
    try #require(T(hex, radix: 16))
  }
}

enum FixtureError: Error {
  case badPatch(String)
}

enum ReprFixtures {
  struct File: Decodable {
    var cases: [ReprCase]
  }

  /// Tests/Fixtures/repr.json, found relative to this source file.
  static let cases: [ReprCase] = {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // Printing
      .deletingLastPathComponent()  // SwiftJAXTests
      .deletingLastPathComponent()  // Tests
      .appendingPathComponent("Fixtures/repr.json")
    guard let data = try? Data(contentsOf: url),
      let file = try? JSONDecoder().decode(File.self, from: data)
    else { return [] }
    return file.cases
  }()
}

/// Printing matches JAX 0.10.2 character for character.
@Suite struct ReprTests {
  @Test func fixturesLoad() {
    #expect(ReprFixtures.cases.count > 600)
  }

  /// `debugDescription` (Swift's `debugPrint`) equals JAX's `repr(x)`.
  @Test(arguments: ReprFixtures.cases)
  func repr(_ c: ReprCase) throws {
    let t = try c.makeTensor()
    #expect(t.debugDescription == c.repr && String(reflecting: t) == c.repr)
    #expect(t.repr == c.repr)
  }

  /// `Tensor.str` equals JAX's `str(x)`.
  @Test(arguments: ReprFixtures.cases)
  func str(_ c: ReprCase) throws {
    let t = try c.makeTensor()
    #expect(t.str == c.str)
  }

  @Test func publicInitialisersPrint() {
    #expect(Tensor([0, 1, 2, 3], dtype: .int32).debugDescription == "Array([0, 1, 2, 3], dtype=int32)")
    #expect(Tensor([0, 42], dtype: .int32).str == "[ 0 42]")
    #expect(Tensor([0.1, 0.1, 0.1] as [Float]).debugDescription == "Array([0.1, 0.1, 0.1], dtype=float32)")
    #expect(Tensor(2.5 as Float).str == "2.5")
    #expect(
      Tensor([0, 0, 0, 0, 2, 4, 6, 8], shape: [2, 4], dtype: .int32).debugDescription
        == "Array([[0, 0, 0, 0],\n       [2, 4, 6, 8]], dtype=int32)")
    #expect(String(reflecting: Tensor([true, false])) == "Array([ True, False], dtype=bool)")
    #expect("\(Tensor([true, false]))" == "[ True False]")
  }

  @Test func weakScalarPrints() {
    let a = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: .float32, weakType: true))
    a.setElement(0, .float(3))
    #expect(Tensor(value: a).debugDescription == "Array(3., dtype=float32, weak_type=True)")
    #expect(Tensor(value: a).str == "3.0")
  }

  @Test func tracerPrintsAvalAndTrace() {
    let trace = PrintTestTrace(level: 1)
    let t = Tensor(value: Tracer(trace: trace, aval: ShapedArray(shape: [3], dtype: .float32)))
    #expect(t.description == "Traced<float32[3]>with<PrintTestTrace>")
    #expect(t.str == "Traced<float32[3]>with<PrintTestTrace>")
    let w = Tensor(value: Tracer(trace: trace, aval: ShapedArray(shape: [2, 3], dtype: .int32, weakType: true)))
    #expect(w.description == "Traced<~int32[2,3]>with<PrintTestTrace>")
  }

  @Test func invalidTensorPrints() {
    #expect(Tensor.invalid.description == "<invalid tensor: an error was captured>")
    #expect(Tensor.invalid.str == "<invalid tensor: an error was captured>")
  }
}

final class PrintTestTrace: Trace {}
