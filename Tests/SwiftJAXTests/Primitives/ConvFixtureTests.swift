import Foundation
import Testing
@testable import SwiftJAX

/// conv_general_dilated, conv_transpose and reduce_window against JAX
/// 0.10.2 (Tests/Fixtures/conv.json, written by scripts/fixtures/gen_conv.py):
/// values and VJPs; jit == eager bit for bit on the same cases.

struct ConvFixtureCase {
  let raw: [String: Any]
  var name: String { raw["name"] as! String }
  var kind: String { raw["kind"] as! String }

  func array(_ key: String) -> Tensor? {
    guard let d = raw[key] as? [String: Any] else { return nil }
    let data = (d["data"] as! [Double]).map { Float($0) }
    return Tensor(data, shape: d["shape"] as! [Int])
  }

  private func ints(_ key: String) -> [Int]? { raw[key] as? [Int] }

  private var padding: PaddingSpec {
    if let s = raw["padding"] as? String { return s == "SAME" ? .same : .valid }
    return .explicit((raw["padding"] as! [[Int]]).map { WindowPadding($0[0], $0[1]) })
  }

  /// The Swift call of this case, operands → output.
  func function() -> ([Tensor]) -> Tensor {
    let strides = ints("strides")!
    let pad = padding
    switch kind {
    case "conv":
      let dn = raw["dn"] as! [String]
      let (ld, rd) = (ints("lhs_dilation"), ints("rhs_dilation"))
      let (fgc, bgc) = (raw["fgc"] as! Int, raw["bgc"] as! Int)
      return {
        Lax.convGeneralDilated(
          $0[0], $0[1], windowStrides: strides, padding: pad, lhsDilation: ld, rhsDilation: rd,
          dimensionNumbers: (dn[0], dn[1], dn[2]), featureGroupCount: fgc, batchGroupCount: bgc)
      }
    case "conv_transpose":
      let tk = raw["transpose_kernel"] as! Bool
      return { Lax.convTranspose($0[0], $0[1], strides: strides, padding: pad, transposeKernel: tk) }
    default:
      let op: ReduceWindowOp = ["max": .max, "min": .min, "sum": .sum][raw["op"] as! String]!
      let (dims, base, wdil) = (ints("dims")!, ints("base_dilation"), ints("window_dilation"))
      return {
        Lax.reduceWindow($0[0], op, windowDimensions: dims, windowStrides: strides, padding: pad, baseDilation: base, windowDilation: wdil)
      }
    }
  }

  var operands: [Tensor] { kind == "reduce_window" ? [array("x")!] : [array("lhs")!, array("rhs")!] }
  var grads: [Tensor]? {
    if kind == "reduce_window" { return array("grad").map { [$0] } }
    return [array("grad_lhs")!, array("grad_rhs")!]
  }
}

let convFixtureCases: [ConvFixtureCase] = {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/conv.json")
  guard let data = try? Data(contentsOf: url),
    let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let cases = root["cases"] as? [[String: Any]]
  else { return [] }
  return cases.map(ConvFixtureCase.init)
}()

func floatBits(_ t: Tensor) -> [UInt32] { t.toArray(Float.self).map(\.bitPattern) }

@Suite struct ConvFixtureTests {
  @Test func fixturesLoaded() {
    #expect(convFixtureCases.count >= 20)
  }

  @Test(arguments: convFixtureCases.map(\.name))
  func valueMatchesJAX(_ name: String) throws {
    let c = try #require(convFixtureCases.first { $0.name == name })
    let y = c.function()(c.operands)
    expectClose(y, c.array("out")!, rtol: 1e-5, atol: 1e-5, name)
  }

  @Test(arguments: convFixtureCases.map(\.name))
  func vjpMatchesJAX(_ name: String) throws {
    let c = try #require(convFixtureCases.first { $0.name == name })
    guard let expected = c.grads, let ct = c.array("ct") else { return }
    let f = c.function()
    let (_, pull) = vjp({ (xs: [Tensor]) in f(xs) }, c.operands)
    let got = pull(ct)
    for (k, (g, e)) in zip(got, expected).enumerated() {
      expectClose(g, e, rtol: 1e-4, atol: 1e-4, "\(name) operand \(k)")
    }
  }

  @Test(arguments: convFixtureCases.map(\.name))
  func jitEqualsEager(_ name: String) throws {
    let c = try #require(convFixtureCases.first { $0.name == name })
    let f = c.function()
    let eager = f(c.operands)
    let jitted = jit { (xs: [Tensor]) in f(xs) }(c.operands)
    #expect(floatBits(jitted) == floatBits(eager), "\(name): jit differs from eager")
    // The gradient program (transposed convolutions, pads, selects) too.
    let loss = { (xs: [Tensor]) in Numpy.sum(Numpy.square(f(xs))) }
    let ge = grad(loss)(c.operands), gj = jit(grad(loss))(c.operands)
    for (a, b) in zip(ge, gj) { #expect(floatBits(a) == floatBits(b), "\(name): jit(grad) differs from grad") }
  }
}
