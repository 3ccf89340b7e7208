import Foundation
import Testing
@testable import SwiftJAX

/// Differential checks of jit against eager, batched: every case added to
/// a batch becomes one output of a single jitted function, so a whole
/// table of cases costs one C compile instead of one per case.
struct DifferentialBatch {
  private struct Case {
    let f: ([Tensor]) -> Tensor
    let args: [Tensor]
    let location: SourceLocation
  }
  private var cases: [Case] = []

  mutating func add(_ args: [Tensor], sourceLocation: SourceLocation = #_sourceLocation, _ f: @escaping ([Tensor]) -> Tensor) {
    cases.append(Case(f: f, args: args, location: sourceLocation))
  }

  /// Bytes of a concrete tensor, for exact comparison (NaN payloads,
  /// signed zeros).
  static func bytes(_ t: Tensor) -> [UInt8] {
    guard let c = t.concrete else { return [] }
    return Array(UnsafeRawBufferPointer(start: c.data, count: c.aval.byteCount))
  }

  /// Runs every case eagerly and through one jitted function, and expects
  /// identical types and bytes.
  func run(native: Bool = true) {
    let cases = self.cases
    var offsets: [Int] = []
    var all: [Tensor] = []
    for c in cases {
      offsets.append(all.count)
      all += c.args
    }
    let eager = cases.map { $0.f($0.args) }
    let f = jit { (xs: [Tensor]) -> [Tensor] in
      cases.enumerated().map { k, c in c.f(Array(xs[offsets[k]..<(offsets[k] + c.args.count)])) }
    }
    f.useNativeBackend = native
    let jitted = f(all)
    #expect(jitted.count == cases.count)
    for (k, c) in cases.enumerated() where k < jitted.count {
      #expect(jitted[k].aval == eager[k].aval, sourceLocation: c.location)
      #expect(Self.bytes(jitted[k]) == Self.bytes(eager[k]), "\(eager[k].aval): jit \(jitted[k]) eager \(eager[k])", sourceLocation: c.location)
    }
  }
}
