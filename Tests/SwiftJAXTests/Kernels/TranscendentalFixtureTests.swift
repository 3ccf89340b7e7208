import Foundation
import Testing
@testable import SwiftJAX

/// The transcendentals against JAX 0.10.2 bit for bit
/// (Tests/Fixtures/transcendentals.json, written by
/// scripts/fixtures/gen_transcendentals.py): each function and dtype over a
/// sweep of special values, subnormals, a dense sample of its range and
/// magnitudes over the whole exponent range. Where XLA:CPU uses its own
/// approximation (`impl == "xla"`) SwiftJAX runs the same algorithm
/// (jx_special_text.h); where it calls glibc (`"libm"`), so does SwiftJAX
/// (or, for float32 sin/cos, a branch-free restatement of glibc's
/// algorithm). Both eager and jit are compared, with subnormals flushed as
/// XLA's runtime flushes them, and every bit counts, NaN payloads included.
@Suite struct TranscendentalFixtureTests {
  struct Case {
    let fn: String
    let impl: String
    let x: Tensor
    let y: Tensor
  }

  static let cases: [Case] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Fixtures/transcendentals.json")
    guard let data = try? Data(contentsOf: url),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let cases = root["cases"] as? [[String: Any]]
    else { return [] }
    return cases.map { c in
      Case(fn: c["fn"] as! String, impl: c["impl"] as! String,
           x: decodeFixtureArray(c["x"]), y: decodeFixtureArray(c["y"]))
    }
  }()

  /// The lax function a fixture case names.
  static func function(_ name: String) -> (Tensor) -> Tensor {
    switch name {
    case "exp": return { Lax.exp($0) }
    case "tanh": return { Lax.tanh($0) }
    case "logistic": return { Lax.logistic($0) }
    case "erf": return { Lax.erf($0) }
    case "log": return { Lax.log($0) }
    case "log1p": return { Lax.log1p($0) }
    case "erf_inv": return { Lax.erfInv($0) }
    case "sin": return { Lax.sin($0) }
    case "cos": return { Lax.cos($0) }
    case "tan": return { Lax.tan($0) }
    case "atan": return { Lax.atan($0) }
    case "cbrt": return { Lax.cbrt($0) }
    case "expm1": return { Lax.expm1($0) }
    case "exp2": return { Lax.exp2($0) }
    case "erfc": return { Lax.erfc($0) }
    case "sinh": return { Lax.sinh($0) }
    case "cosh": return { Lax.cosh($0) }
    case "asin": return { Lax.asin($0) }
    case "acos": return { Lax.acos($0) }
    case "asinh": return { Lax.asinh($0) }
    case "acosh": return { Lax.acosh($0) }
    case "atanh": return { Lax.atanh($0) }
    case "rsqrt": return { Lax.rsqrt($0) }
    default: fatalError("no lax function for fixture case \(name)")
    }
  }

  /// Expects `got` to have `want`'s bytes; reports the number of differing
  /// elements and the first one's input and bits.
  static func expectSameBits(_ got: Tensor, _ want: Tensor, input x: Tensor, _ what: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
    let width = want.dtype.byteSize
    let a = tensorBytes(got), b = tensorBytes(want), xs = tensorBytes(x)
    #expect(a.count == b.count, "\(what): \(a.count) bytes vs \(b.count)", sourceLocation: sourceLocation)
    guard a.count == b.count else { return }
    let differing = stride(from: 0, to: a.count, by: width).filter { a[$0..<$0 + width] != b[$0..<$0 + width] }
    guard let first = differing.first else { return }
    let hex = { (bytes: [UInt8]) in bytes[first..<first + width].reversed().map { String(format: "%02x", $0) }.joined() }
    let message: String = "\(what): \(differing.count) of \(a.count / width) elements differ; first at \(first / width): "
      + "x = 0x\(hex(xs)), SwiftJAX 0x\(hex(a)), JAX 0x\(hex(b))"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
  }

  @Test func fixtureCoversTheFunctions() {
    #expect(Self.cases.count >= 54)
    #expect(Set(Self.cases.map(\.fn)).isSuperset(of: [
      "exp", "tanh", "logistic", "erf", "log", "sin", "cos", "expm1", "exp2", "log1p", "erfc", "sinh", "cosh",
      "asin", "acos", "asinh", "acosh", "atanh", "rsqrt", "erf_inv",
    ]))
  }

  /// The cases whose bits this CPU can reproduce: all of them, except the
  /// float32/float16 rsqrt cases on a CPU whose rsqrt estimate is not the
  /// fixture machine's (see `FixtureCPU`; `rsqrtNearJAXOnAnyCPU` checks
  /// those within a few ulp).
  static var reproducible: [Case] {
    cases.filter { FixtureCPU.rsqrtMatchesFixtures || !($0.fn == "rsqrt" && $0.x.dtype != .float64) }
  }

  @Test func eagerMatchesJAXBitForBit() {
    for c in Self.reproducible {
      let y = JAXConfig.withFlushDenormals(true) { Self.function(c.fn)(c.x) }
      Self.expectSameBits(y, c.y, input: c.x, "eager \(c.fn) \(c.x.dtype) (\(c.impl))")
    }
  }

  @Test func jitMatchesJAXBitForBit() {
    for c in Self.reproducible {
      let f = jit(Self.function(c.fn))
      let y = JAXConfig.withFlushDenormals(true) { f(c.x) }
      Self.expectSameBits(y, c.y, input: c.x, "jit \(c.fn) \(c.x.dtype) (\(c.impl))")
    }
  }

  /// On any CPU, float32 rsqrt (an estimate plus one Newton step) is
  /// within 2 ulp of JAX's on the fixture machine, and jit equals eager.
  @Test func rsqrtNearJAXOnAnyCPU() {
    for c in Self.cases where c.fn == "rsqrt" && c.x.dtype == .float32 {
      let eager = JAXConfig.withFlushDenormals(true) { Lax.rsqrt(c.x) }
      let jitted = JAXConfig.withFlushDenormals(true) { jit { Lax.rsqrt($0) }(c.x) }
      Self.expectSameBits(jitted, eager, input: c.x, "rsqrt jit vs eager")
      let got = eager.toArray(Float.self), want = c.y.toArray(Float.self)
      let far = zip(got, want).filter { g, w in
        !(g == w || (g.isNaN && w.isNaN)) && !(g.isFinite && w.isFinite && abs(g - w) <= 2 * w.ulp)
      }
      #expect(far.isEmpty, "\(far.count) rsqrt values more than 2 ulp from JAX's; first \(far.first.map { "\($0)" } ?? "")")
    }
  }

  /// A fused jitted expression of several of them (one vectorised loop)
  /// equals the same expression evaluated eagerly, op by op.
  @Test func fusedJitEqualsEager() {
    let x = Numpy.linspace(-9, 9, num: 4099, dtype: .float32)
    let f = { (x: Tensor) in Lax.tanh(x) * Lax.exp(-x * x) + Lax.log1p(x * x) + Lax.sin(x) + Lax.logistic(x) * Lax.erf(x) }
    let eager = f(x), jitted = jit(f)(x)
    Self.expectSameBits(jitted, eager, input: x, "fused jit vs eager")
  }

  /// The same for the functions added in issue 18 part 3, in float32 and
  /// float64: one fused loop each, equal to eager op by op.
  @Test(arguments: [DType.float32, .float64]) func fusedJitEqualsEagerPart3(dtype: DType) {
    let x = Numpy.linspace(-0.99, 0.99, num: 4099, dtype: dtype)
    let f = { (x: Tensor) in
      Lax.expm1(x) * Lax.exp2(x) + Lax.erfc(x) - Lax.sinh(x) * Lax.cosh(x) + Lax.asin(x) * Lax.acos(x)
        + Lax.asinh(x) - Lax.acosh(1 + x * x) * Lax.atanh(x) + Lax.log1p(x)
    }
    let eager = f(x), jitted = jit(f)(x)
    Self.expectSameBits(jitted, eager, input: x, "fused jit vs eager (\(dtype))")
  }
}
