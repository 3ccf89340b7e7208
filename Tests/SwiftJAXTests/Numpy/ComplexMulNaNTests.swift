import Foundation
import Testing
@testable import SwiftJAX

/// The sign of NaN in complex multiply against JAX 0.10.2
/// (Tests/Fixtures/complex_mul_nan.json, scripts/fixtures/gen_complex_mul_nan.py):
/// every mix of +NaN, -NaN, 2 and 0 in the four parts, elementwise and with
/// either side a broadcast scalar, eager and jit (scalar as an argument and
/// as a literal), compared bit for bit.
@Suite struct ComplexMulNaNTests {
  struct Case: Decodable, Sendable {
    var x: [[UInt32]]
    var y: [UInt32]
    var ew: [[UInt32]]
    var bs: [[UInt32]]
    var sb: [[UInt32]]
  }
  struct File: Decodable, Sendable { var cases: [Case] }

  static let file = try? Fixtures.decode(File.self, "complex_mul_nan.json")

  static func c64(_ parts: [[UInt32]], shape: [Int]) -> Tensor {
    let flat = parts.flatMap { $0 }
    return flat.withUnsafeBytes { Tensor(rawBytes: $0, shape: shape, dtype: .complex64)! }
  }

  static func bits(_ t: Tensor) -> [[UInt32]] {
    t.withRawBytes { b in
      let u = Array(b.bindMemory(to: UInt32.self))
      return stride(from: 0, to: u.count, by: 2).map { [u[$0], u[$0 + 1]] }
    } ?? []
  }

  @Test func fixtureIsComplete() throws {
    let f = try #require(Self.file)
    #expect(f.cases.count == 16 && f.cases.allSatisfy { $0.x.count == 16 })
  }

  @Test func matchesJAXBitForBit() throws {
    let f = try #require(Self.file)
    let mul = jit { (p: Tensor, q: Tensor) in Lax.mul(p, q) }
    for c in f.cases {
      let x = Self.c64(c.x, shape: [c.x.count])
      let yArr = Self.c64(Array(repeating: c.y, count: c.x.count), shape: [c.x.count])
      let y = Self.c64([c.y], shape: [])
      let tag = "y = \(c.y.map { String($0, radix: 16) })"
      #expect(Self.bits(Lax.mul(x, yArr)) == c.ew, "eager ew \(tag)")
      #expect(Self.bits(mul(x, yArr)) == c.ew, "jit ew \(tag)")
      #expect(Self.bits(Lax.mul(x, y)) == c.bs, "eager bs \(tag)")
      #expect(Self.bits(mul(x, y)) == c.bs, "jit bs \(tag)")
      #expect(Self.bits(jit { (p: Tensor) in Lax.mul(p, y) }(x)) == c.bs, "jit literal bs \(tag)")
      #expect(Self.bits(Lax.mul(y, x)) == c.sb, "eager sb \(tag)")
      #expect(Self.bits(mul(y, x)) == c.sb, "jit sb \(tag)")
      #expect(Self.bits(jit { (q: Tensor) in Lax.mul(y, q) }(x)) == c.sb, "jit literal sb \(tag)")
    }
  }
}
