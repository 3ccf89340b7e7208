import Foundation
import Testing
@testable import SwiftJAX

/// The eager kernels of exp, log, log1p, tanh, logistic, erf, erf_inv, sin
/// and cos (float32) and exp, tanh, logistic (float64) run vectorised loops
/// (special_loops.c), and jitted loops calling them are vectorised too
/// (CRenderer's vectorisation hint). A vector lane must give the scalar
/// function's bits: an array's elements are compared with the same values
/// computed one at a time (a one-element array runs the loop's scalar
/// remainder), and with the jitted function.
@Suite struct VectorisedSpecialTests {
  /// Special values, subnormals, a dense sweep of [-10, 10] and magnitudes
  /// over the exponent range (sin and cos switch to their large-argument
  /// reduction from 120), both signs; 1003 elements, so the vector body and
  /// its remainder both run.
  static func inputs() -> [Double] {
    var v: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 1e-40, -1e-40, 1e-45, 0.5, 1, -1, 0.9999999, 119.9, 120, 120.1]
    for k in 0..<400 { v.append(-10 + 20 * Double(k) / 399) }
    for e in stride(from: -30, through: 38, by: 0.25) { v.append(pow(10, e)); v.append(-pow(10, e) * 1.37) }
    while v.count < 1003 { v.append(Double(v.count) * 0.731) }
    return v
  }

  static let ops: [(String, (Tensor) -> Tensor)] = [
    ("exp", { Lax.exp($0) }), ("log", { Lax.log($0) }), ("log1p", { Lax.log1p($0) }), ("tanh", { Lax.tanh($0) }),
    ("logistic", { Lax.logistic($0) }), ("erf", { Lax.erf($0) }), ("erf_inv", { Lax.erfInv($0) }),
    ("sin", { Lax.sin($0) }), ("cos", { Lax.cos($0) }),
  ]

  /// Bits of every element of `t` (NaNs compared by payload too).
  static func bits(_ t: Tensor) -> [UInt8] { tensorBytes(t) }

  func check(_ x: Tensor, _ name: String, _ f: @escaping (Tensor) -> Tensor) {
    let n = x.shape[0]
    let whole = Self.bits(f(x))
    var single: [UInt8] = []
    for i in 0..<n { single += Self.bits(f(x[i..<(i + 1)])) }
    #expect(whole == single, "\(name) \(x.dtype): vectorised and scalar elements differ")
    #expect(Self.bits(jit(f)(x)) == whole, "\(name) \(x.dtype): jit differs from eager")
  }

  @Test func float32LanesMatchScalar() {
    let x = Tensor(Self.inputs().map { Float($0) })
    for (name, f) in Self.ops { check(x, name, f) }
  }

  @Test func float64LanesMatchScalar() {
    JAXConfig.withX64(true) {
      let x = Tensor(Self.inputs())
      for (name, f) in Self.ops where ["exp", "tanh", "logistic"].contains(name) { check(x, name, f) }
    }
  }

  /// sin and cos loops (eager and jitted) run by blocks of 1024 with the
  /// forms that leave out the reduction of arguments >= 120, and run a
  /// block again with the full functions when one of its arguments needs
  /// it (or is NaN or infinite). Blocks with one such argument and blocks
  /// without must give the bits of elements computed one at a time.
  @Test func sinCosBlocksRerunWhereAnArgumentIsLarge() {
    var v = (0..<3500).map { Float($0) * 0.01 - 17 }
    v[1500] = 1e5
    v[2600] = .nan
    v[3400] = -130
    let x = Tensor(v)
    for (name, f) in Self.ops where name == "sin" || name == "cos" { check(x, name, f) }
    let source = jit { (x: Tensor) in Lax.sin(x) * 2 + Lax.cos(x) }.lower(x).cSource
    #expect(source.contains("jx_sinf_small_arg(") && source.contains("jx_cosf_small_arg("))
  }

  /// A broadcasting (multi-index) loop runs each row by sin/cos blocks too,
  /// rows of 1500 (a full block and a partial one), one row with a large
  /// argument, NaN and infinity: jit equals eager bit for bit. Rows
  /// shorter than a vector keep the plain loop.
  @Test func sinCosBlocksInBroadcastingLoops() {
    var cols = (0..<1500).map { Float($0) * 0.013 - 9 }
    cols[1200] = 3e4
    let rows: [Float] = [0, 0.5, -2, .nan, 1e6, .infinity]
    let (r, c) = (Tensor(rows).reshape([6, 1]), Tensor(cols).reshape([1, 1500]))
    let f = { (r: Tensor, c: Tensor) in Lax.sin(r + c) * 2 + Lax.cos(c - r) }
    let source = jit(f).lower(r, c).cSource
    // Calls pass the block's flag (the prelude defines both forms anyway).
    #expect(source.contains("jx_sinf_small_arg(&") && source.contains("jx_cosf_small_arg(&"))
    #expect(Self.bits(jit(f)(r, c)) == Self.bits(f(r, c)))
    let narrow = Tensor((0..<4).map { Float($0) }).reshape([1, 4])
    let n = jit(f).lower(r, narrow).cSource
    #expect(!n.contains("_small_arg(&") && n.contains("jx_sinf("))
    #expect(Self.bits(jit(f)(r, narrow)) == Self.bits(f(r, narrow)))
  }

  /// The rewrite into the small-argument forms touches only calls of
  /// jx_sinf and jx_cosf themselves.
  @Test func smallArgumentRewrite() {
    #expect(RuntimeHeader.smallArgumentSinCos(["a = jx_sinf(jx_cosf(b));"], flag: "f")
      == ["a = jx_sinf_small_arg(&f, jx_cosf_small_arg(&f, b));"])
    #expect(RuntimeHeader.smallArgumentSinCos(["a = jx_expf(b) + jx_asinf(c) + xjx_sinf(d);"], flag: "f") == nil)
  }

  /// A jitted loop calling a special function asks clang to vectorise it
  /// (its cost model declines); plain arithmetic is left to the cost model.
  @Test func jittedSpecialLoopsCarryTheHint() {
    let x = Tensor((0..<4096).map { Float($0) * 0.01 })
    let hint = "#pragma clang loop vectorize(enable)"
    #expect(jit { (x: Tensor) in Lax.sin(x) * 2 }.lower(x).cSource.contains(hint))
    #expect(!jit { (x: Tensor) in x * 2 + 1 }.lower(x).cSource.contains(hint))
  }
}
