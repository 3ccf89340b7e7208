import Foundation
import Testing
@testable import SwiftJAX

/// JAX's promotion lattice (Tests/Fixtures/promotion.json, from
/// `jnp.result_type` in JAX 0.10.2) against `DType.resultType`. The file's
/// `ops` section (jnp operations with weak scalars, int/float mixes, bool
/// arithmetic) is for the NumPy layer; until that exists only the result
/// types recorded with it are checked here.
///
/// The x64 rows are computed in one burst under `JAXConfig.withX64(true)`
/// (a thread-local override); the suite is serialized to keep that simple.
@Suite(.serialized) struct PromotionFixtureTests {
  struct Operand: Decodable {
    let dtype: String
    let weak: Bool
    var promotionType: PromotionType { PromotionType(DType(name: dtype)!, weak: weak) }
  }
  struct ResultType: Decodable {
    let dtype: String
    let weak: Bool
  }
  struct OpCase: Decodable {
    let name: String
    let op: String
    let x64: Bool
    let inputs: [Operand]
    let resultType: ResultType?
    let output: Operand?
    let outputIsResultType: Bool?
  }
  enum Cell: Decodable {
    case string(String), bool(Bool)
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let b = try? c.decode(Bool.self) { self = .bool(b) } else { self = .string(try c.decode(String.self)) }
    }
    var string: String { if case .string(let s) = self { s } else { "" } }
    var bool: Bool { if case .bool(let b) = self { b } else { false } }
  }
  struct File: Decodable {
    let lattice: [[Cell]]
    let ops: [OpCase]
  }

  static func load() throws -> File {
    let url = Fixtures.directory.appendingPathComponent("promotion.json")
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
  }

  /// Evaluates `body` with x64 on/off (a thread-local setting).
  func withMode<R>(_ x64: Bool, _ body: () -> R) -> R {
    x64 == JAXConfig.enableX64 ? body() : JAXConfig.withX64(x64, body)
  }

  func latticeFailures(_ rows: [[Cell]], x64: Bool) -> [String] {
    let got = withMode(x64) {
      rows.map {
        DType.resultType(
          PromotionType(DType(name: $0[0].string)!, weak: $0[1].bool),
          PromotionType(DType(name: $0[2].string)!, weak: $0[3].bool))
      }
    }
    var failures: [String] = []
    for (r, g) in zip(rows, got) {
      let want = PromotionType(DType(name: r[4].string)!, weak: r[5].bool)
      if g != want {
        failures.append("\(r[0].string)\(r[1].bool ? "(weak)" : "") + \(r[2].string)\(r[3].bool ? "(weak)" : ""): "
          + "JAX \(want.dtype)\(want.weak ? "(weak)" : ""), got \(g.dtype)\(g.weak ? "(weak)" : "")")
      }
    }
    return failures
  }

  @Test func latticeMatchesJAX() throws {
    let file = try Self.load()
    #expect(file.lattice.count == 17 * 17 + 23 * 23)
    for x64 in [false, true] {
      let rows = file.lattice.filter { $0[6].bool == x64 }
      let failures = latticeFailures(rows, x64: x64)
      let summary = failures.prefix(20).joined(separator: "\n")
      #expect(failures.isEmpty, "x64=\(x64): \(failures.count) pairs differ:\n\(summary)")
    }
  }

  @Test func opResultTypesMatchJAX() throws {
    let file = try Self.load()
    #expect(!file.ops.isEmpty)
    for x64 in [false, true] {
      let cases = file.ops.filter { $0.x64 == x64 && $0.resultType != nil }
      let got = withMode(x64) { cases.map { DType.resultType($0.inputs.map(\.promotionType)) } }
      for (c, g) in zip(cases, got) {
        let want = c.resultType!
        #expect(g.dtype.name == want.dtype && g.weak == want.weak,
                "\(c.name): JAX result type \(want.dtype)\(want.weak ? "(weak)" : ""), got \(g.dtype)\(g.weak ? "(weak)" : "")")
        if c.outputIsResultType == true, let o = c.output {
          #expect(o.dtype == want.dtype && o.weak == want.weak, "\(c.name): fixture output is not the result type")
        }
      }
    }
  }
}
