import Foundation
import Testing
@testable import SwiftJAX

/// A static value whose text does not tell its values apart.
struct StaticMode: Hashable, CustomStringConvertible {
  let code: Int
  var description: String { "mode" }
}

/// Metadata whose text rounds: equal text, different values.
struct RoundedFactor: Hashable, LosslessStringConvertible {
  let value: Double
  init(_ value: Double) { self.value = value }
  init?(_ text: String) { guard let v = Double(text) else { return nil }; value = v }
  var description: String { String(format: "%.1f", value) }
}

@PyTree struct StaticScaled {
  var x: Tensor
  var factor: RoundedFactor
  var count: Int
}

/// Static values are kept in tree structures as values (issue 15 item 5),
/// not as text, with no process-wide table.
@Suite struct StaticValueTests {
  let x = Tensor([1, 2, 3] as [Float])

  @Test func staticArgumentsAreComparedByValueNotText() {
    let f = jit { (x: Tensor, m: Static<StaticMode>) in x * Float(m.value.code) }
    #expect(f(x, Static(StaticMode(code: 2))).toArray(Float.self) == [2, 4, 6])
    // Same text, another value: a new program, not the cached one.
    #expect(f(x, Static(StaticMode(code: 3))).toArray(Float.self) == [3, 6, 9])
    #expect(f.cacheSize == 2)
    #expect(f(x, Static(StaticMode(code: 2))).toArray(Float.self) == [2, 4, 6])
    #expect(f.cacheSize == 2)
  }

  @Test func cacheMissNamesTheStaticValues() {
    let f = jit { (x: Tensor, n: Static<Int>) in Lax.integerPow(x, n.value) }
    _ = f(x, Static(2))
    _ = f(x, Static(5))
    #expect(f.cacheMissExplanations.last == "static argument 1 changed: 2 → 5")
    #expect(treeStructure(Static(5)).description == "Static<Int>(5)")
  }

  @Test func pyTreeMetadataRoundTripsItsValue() {
    let s = StaticScaled(x: x, factor: RoundedFactor(0.25), count: 3)
    let (leaves, def) = treeFlatten(s)
    #expect(def.description == "StaticScaled{x: *, factor: static(0.2), count: static(3)}")
    let back: StaticScaled = treeUnflatten(def, leaves)
    // The value itself comes back, not a parse of its rounded text.
    #expect(back.factor.value == 0.25)
    #expect(back.count == 3)
    // Equal text, different values: different structures.
    #expect(def != treeStructure(StaticScaled(x: x, factor: RoundedFactor(0.24), count: 3)))
    #expect(def == treeStructure(StaticScaled(x: x, factor: RoundedFactor(0.25), count: 3)))
  }

  @Test func floatMetadataKeepsSignedZerosApartAndNaNsTogether() {
    let zero = StaticValue(Float(0), label: "static"), negativeZero = StaticValue(Float(-0.0), label: "static")
    #expect(zero != negativeZero)
    #expect(StaticValue(Float.nan, label: "static") == StaticValue(Float.nan, label: "static"))
    #expect(StaticValue(3, label: "static") != StaticValue(3, label: "Static<Int>"))
    #expect(StaticValue(Int32(3), label: "static") != StaticValue(3, label: "static"))
  }
}
