import Foundation
import Testing
@testable import SwiftJAX

/// conv_general_dilated of integer, bool and float16 operands and with
/// preferred_element_type, and the tangent of max/min pooling over NaN,
/// against JAX 0.10.2 (Tests/Fixtures/conv.json "dtype_cases" and
/// "nan_pool_cases", written by scripts/fixtures/gen_conv.py), eager and
/// under jit; and the AVX-512 indirect convolution kernel against the
/// im2col + GEMM path bit for bit.

private let convFixtureRoot: [String: Any] = {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/conv.json")
  guard let data = try? Data(contentsOf: url), let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  else { return [:] }
  return root
}()

private func typedCases(_ key: String) -> [[String: Any]] { convFixtureRoot[key] as? [[String: Any]] ?? [] }

private func typed(_ c: [String: Any], _ key: String) -> NumpyFixtureArray {
  var d = c[key] as! [String: Any]
  d["data"] = d["values"]
  return NumpyFixtureArray(d)
}

private func padding(_ c: [String: Any]) -> PaddingSpec {
  if let s = c["padding"] as? String { return s == "SAME" ? .same : .valid }
  return .explicit((c["padding"] as! [[Int]]).map { WindowPadding($0[0], $0[1]) })
}

/// Expects `got` to hold exactly `want`'s dtype, shape and elements (NaN
/// matches NaN, zeros match with their sign).
private func expectExact(_ got: Tensor, _ want: NumpyFixtureArray, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(got.dtype == want.dtype && got.shape == want.shape, "\(what): \(got.dtype)\(got.shape) vs JAX \(want.dtype)\(want.shape)", sourceLocation: sourceLocation)
  guard got.dtype == want.dtype, got.shape == want.shape, let c = got.concrete else { return }
  var bad: [String] = []
  for (i, s) in want.data.enumerated() {
    let g = c.element(i)
    let ok: Bool
    if want.dtype.isFloatingPoint {
      let v = g.asDouble, e = Double(s)!
      ok = (v.isNaN && e.isNaN) || (v == e && v.sign == e.sign)
    } else if want.dtype.isBool {
      ok = g.asBool == (s == "true")
    } else {
      ok = g.asInt64 == Int64(s)!
    }
    if !ok { bad.append("[\(i)] \(g) vs JAX \(s)") }
  }
  #expect(bad.isEmpty, "\(what): \(bad.count) of \(want.data.count) differ: \(bad.prefix(4))", sourceLocation: sourceLocation)
}

@Suite struct ConvDTypeTests {
  static let dtypeNames = typedCases("dtype_cases").map { $0["name"] as! String }
  static let nanPoolNames = typedCases("nan_pool_cases").map { $0["name"] as! String }

  @Test func fixturesLoaded() {
    #expect(Self.dtypeNames.count >= 10 && Self.nanPoolNames.count >= 6)
  }

  static func convFunction(_ c: [String: Any]) -> (Tensor, Tensor) -> Tensor {
    let dn = c["dn"] as! [String]
    let (strides, pad, fgc) = (c["strides"] as! [Int], padding(c), c["fgc"] as! Int)
    let pref = (c["preferred"] as? String).flatMap(DType.init(name:))
    return { a, b in
      Lax.convGeneralDilated(
        a, b, windowStrides: strides, padding: pad, dimensionNumbers: (dn[0], dn[1], dn[2]), featureGroupCount: fgc,
        preferredElementType: pref)
    }
  }

  @Test(arguments: dtypeNames)
  func typedConvMatchesJAXEagerAndJit(_ name: String) throws {
    let c = try #require(typedCases("dtype_cases").first { $0["name"] as? String == name })
    let f = Self.convFunction(c)
    let (l, r) = (typed(c, "lhs").tensor, typed(c, "rhs").tensor)
    expectExact(f(l, r), typed(c, "out"), "\(name) eager")
    expectExact(jit { (a: Tensor, b: Tensor) in f(a, b) }(l, r), typed(c, "out"), "\(name) jit")
    // Literal operands (constants captured by the traced function) take
    // the same conversion path in compiled code.
    expectExact(jit { (a: Tensor) in f(a, r) }(l), typed(c, "out"), "\(name) jit, constant rhs")
  }

  @Test func integerConvVmapEqualsLoop() {
    let x = Tensor((0..<(3 * 2 * 5 * 5 * 3)).map { Int8(truncatingIfNeeded: $0 * 37 - 90) }, shape: [3, 2, 5, 5, 3])
    let w = Tensor((0..<(3 * 3 * 3 * 4)).map { Int8(truncatingIfNeeded: $0 * 11 - 60) }, shape: [3, 3, 3, 4])
    let f = { (a: Tensor) in
      Lax.convGeneralDilated(a, w, windowStrides: [1, 1], padding: .same, dimensionNumbers: ("NHWC", "HWIO", "NHWC"), preferredElementType: .int32)
    }
    let batched = vmap(f)(x)
    let looped = Numpy.stack((0..<3).map { f(Lax.squeeze(Lax.sliceInDim(x, start: $0, limit: $0 + 1, axis: 0), dimensions: [0])) })
    #expect(batched.dtype == .int32 && batched.toArray(Int32.self) == looped.toArray(Int32.self))
    #expect(jit(vmap(f))(x).toArray(Int32.self) == looped.toArray(Int32.self))
  }

  static func poolFunction(_ c: [String: Any]) -> (Tensor) -> Tensor {
    let op: ReduceWindowOp = c["op"] as! String == "max" ? .max : .min
    let (dims, strides, pad) = (c["dims"] as! [Int], c["strides"] as! [Int], padding(c))
    let (base, wdil) = (c["base_dilation"] as? [Int], c["window_dilation"] as? [Int])
    return {
      Lax.reduceWindow($0, op, windowDimensions: dims, windowStrides: strides, padding: pad, baseDilation: base, windowDilation: wdil)
    }
  }

  @Test(arguments: nanPoolNames)
  func poolingTangentWithNaNMatchesJAX(_ name: String) throws {
    let c = try #require(typedCases("nan_pool_cases").first { $0["name"] as? String == name })
    let f = Self.poolFunction(c)
    let (x, t) = (typed(c, "x").tensor, typed(c, "t").tensor)
    let (y, ty) = jvp(f, primals: x, tangents: t)
    expectExact(y, typed(c, "out"), "\(name) value")
    expectExact(ty, typed(c, "tangent"), "\(name) tangent")
    let jitted = jit { (a: Tensor, b: Tensor) in jvp(f, primals: a, tangents: b).1 }(x, t)
    expectExact(jitted, typed(c, "tangent"), "\(name) jit tangent")
    // The VJP is the exact transpose of this JVP: <ct, J t> == <J^T ct, t>.
    let ct = typed(c, "ct").tensor
    let (_, pull) = vjp(f, x)
    let g = pull(ct)
    let lhs = vdot(ct, ty), rhs = vdot(g, t)
    #expect(abs(lhs - rhs) <= 1e-5 * max(1, abs(lhs)), "\(name): <ct, J t> \(lhs) vs <J^T ct, t> \(rhs)")
    // JAX's VJP (select_and_scatter_add) is not the transpose of its own
    // JVP when a NaN shares a window with padding or base-dilation holes
    // (it pads with -inf elements, which are selected after a NaN), nor
    // for an all -inf window (it starts from the window's first element,
    // not from (-inf, 0)). The VALID, undilated cases here avoid both, and
    // there SwiftJAX's VJP matches JAX's.
    let holes = c["padding"] as? String != "VALID" || c["base_dilation"] is [Int]
    if c["grad"] is [String: Any], !holes {
      expectExact(g, typed(c, "grad"), "\(name) VJP")
    }
  }

  /// The indirect kernel (AVX-512, contiguous input/output features) and
  /// im2col + GEMM give the same bits: the same convolution with the input
  /// transposed to channels-first (strided features) takes the im2col path.
  /// Tiles with a partial column block, rows not a multiple of the tile,
  /// padding, strides, dilations and feature groups. (No process-wide ISA
  /// switch: other suites run concurrently.)
  @Test func indirectKernelEqualsIm2colBitForBit() {
    var rng = SplitMix64(seed: 31)
    typealias Conv = (Tensor, Tensor, (String, String, String)) -> Tensor
    let calls: [(Tensor, Tensor, Conv)] = [
      (randomTensor([2, 7, 9, 20], rng: &rng), randomTensor([3, 3, 20, 70], rng: &rng), {
        Lax.convGeneralDilated($0, $1, windowStrides: [1, 1], padding: .same, dimensionNumbers: $2)
      }),
      (randomTensor([1, 11, 8, 6], rng: &rng), randomTensor([3, 2, 3, 32], rng: &rng), {
        Lax.convGeneralDilated(
          $0, $1, windowStrides: [2, 1], padding: .explicit([WindowPadding(2, 1), WindowPadding(0, 3)]), lhsDilation: [1, 2],
          rhsDilation: [2, 1], dimensionNumbers: $2, featureGroupCount: 2)
      }),
      (randomTensor([3, 9, 8, 4], rng: &rng), randomTensor([2, 2, 4, 48], rng: &rng), {
        Lax.convGeneralDilated($0, $1, windowStrides: [1, 1], padding: .valid, dimensionNumbers: $2)
      }),
    ]
    for (k, (x, w, f)) in calls.enumerated() {
      for dtype in [DType.float32, .float64] {
        let (xd, wd) = (Lax.convertElementType(x, dtype), Lax.convertElementType(w, dtype))
        let nhwc = ("NHWC", "HWIO", "NHWC"), nchwIn = ("NCHW", "HWIO", "NHWC")
        let fast = f(xd, wd, nhwc)
        let jitted = jit { (a: Tensor, b: Tensor) in f(a, b, nhwc) }(xd, wd)
        let reference = f(Lax.transpose(xd, [0, 3, 1, 2]), wd, nchwIn)
        // float32 -> float64 is exact, so equal float64 bits mean equal bits.
        let bits = { (t: Tensor) in Lax.convertElementType(t, .float64).toArray(Double.self).map(\.bitPattern) }
        #expect(bits(fast) == bits(reference), "case \(k) \(dtype): indirect kernel differs from im2col + GEMM")
        #expect(bits(jitted) == bits(reference), "case \(k) \(dtype): jit differs")
      }
    }
  }
}
