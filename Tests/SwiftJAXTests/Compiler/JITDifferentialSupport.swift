import Foundation
import Testing
@testable import SwiftJAX

/// What "jit == eager" means, for every differential test and the fuzzer:
/// the two results have the same dtype, shape and weak type, and the same
/// bits element by element, except that **two NaNs are equal whatever
/// their payload and sign bit**. Signed zeros, infinities, subnormals and
/// every integer and bool bit are compared exactly.
///
/// Why NaNs are the exception: IEEE 754 does not specify the payload or
/// sign of the NaN an operation returns (x86 returns the first NaN
/// operand's payload, or the "default NaN" with the sign bit set for an
/// invalid operation such as `inf - inf`), and the C compiler may swap the
/// operands of a commutative operation (`a + b` for `b + a`) or fold a
/// constant differently from the eager kernel, which changes which NaN
/// comes out. XLA gives no guarantee about payloads either, and no
/// operation in the library can observe them except a `bitcast`.
enum JITEquality {
  /// `SWIFTJAX_STRICT_NAN=1` compares NaNs bit for bit too, to see where
  /// payloads differ.
  static let strictNaN = ProcessInfo.processInfo.environment["SWIFTJAX_STRICT_NAN"] == "1"

  /// Whether the bits `x` of an element of `dtype` encode a NaN.
  static func isNaN(_ x: UInt64, _ dtype: DType) -> Bool {
    switch dtype {
    case .float16: return x & 0x7c00 == 0x7c00 && x & 0x03ff != 0
    case .bfloat16: return x & 0x7f80 == 0x7f80 && x & 0x007f != 0
    case .float32: return x & 0x7f80_0000 == 0x7f80_0000 && x & 0x007f_ffff != 0
    case .float64: return x & 0x7ff0_0000_0000_0000 == 0x7ff0_0000_0000_0000 && x & 0x000f_ffff_ffff_ffff != 0
    // Complex elements are compared part by part (see `difference`).
    case .complex64: return isNaN(x, .float32)
    case .complex128: return isNaN(x, .float64)
    case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: return false
    }
  }

  /// The bits of lane `k` of a concrete tensor (zero-extended): element
  /// `k`, or for complex dtypes part `k % 2` of element `k / 2`.
  static func bits(_ c: ConcreteArray, _ k: Int) -> UInt64 {
    let laneSize = c.aval.dtype.realPart.byteSize
    let p = UnsafeRawPointer(c.data) + k * laneSize
    switch laneSize {
    case 1: return UInt64(p.load(as: UInt8.self))
    case 2: return UInt64(p.loadUnaligned(as: UInt16.self))
    case 4: return UInt64(p.loadUnaligned(as: UInt32.self))
    default: return p.loadUnaligned(as: UInt64.self)
    }
  }

  /// nil when `actual` equals `expected` in the sense above; otherwise a
  /// description of the first difference.
  static func difference(_ actual: Tensor, _ expected: Tensor) -> String? {
    guard actual.aval == expected.aval else { return "type \(actual.aval) != \(expected.aval)" }
    guard let a = actual.concrete, let e = expected.concrete else { return "not concrete" }
    let dtype = a.aval.dtype
    for k in 0..<a.aval.count * (dtype.isComplex ? 2 : 1) {
      let x = bits(a, k), y = bits(e, k)
      if x == y || (!strictNaN && isNaN(x, dtype) && isNaN(y, dtype)) { continue }
      let hex = { (v: UInt64) in "0x" + String(v, radix: 16) }
      let values = "\(actual) vs \(expected)"
      return "element \(k) of \(a.aval): \(hex(x)) != \(hex(y)) (\(values.count > 400 ? values.prefix(400) + "..." : values))"
    }
    return nil
  }

  /// Expects `actual == expected` in the sense above.
  static func expectEqual(_ actual: Tensor, _ expected: Tensor, _ what: @autoclosure () -> String = "",
                          sourceLocation: SourceLocation = #_sourceLocation) {
    if let d = difference(actual, expected) {
      Issue.record("\(what()) \(d)", sourceLocation: sourceLocation)
    }
  }
}

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

  /// Bytes of a concrete tensor.
  static func bytes(_ t: Tensor) -> [UInt8] {
    guard let c = t.concrete else { return [] }
    return Array(UnsafeRawBufferPointer(start: c.data, count: c.aval.byteCount))
  }

  /// Runs every case eagerly and through one jitted function, and expects
  /// equal results (``JITEquality``). With `separately`, each case is also
  /// jitted on its own, so fusion decisions cannot depend on neighbours.
  func run(native: Bool = true, separately: Bool = false) {
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
    // jit falls back to interpreting a program whose C does not compile
    // (with a warning); that would pass unnoticed here, so compile it.
    if native, Toolchain.compilerPath != nil {
      do { _ = try Executable(f.lower(all).optimizedJaxpr, native: true) } catch {
        Issue.record("the batched program's C does not compile: \(error)", sourceLocation: cases.first?.location ?? #_sourceLocation)
      }
    }
    let jitted = f(all)
    #expect(jitted.count == cases.count)
    for (k, c) in cases.enumerated() where k < jitted.count {
      JITEquality.expectEqual(jitted[k], eager[k], "batched jit vs eager:", sourceLocation: c.location)
    }
    guard separately else { return }
    for (k, c) in cases.enumerated() {
      let g = jit(c.f)
      g.useNativeBackend = native
      JITEquality.expectEqual(g(c.args), eager[k], "jit vs eager:", sourceLocation: c.location)
    }
  }
}
