import Foundation
import Testing
@testable import SwiftJAX

// The incomplete gamma/beta family, zeta and polygamma of jax.lax against
// JAX 0.10.2 fixtures (scripts/fixtures/gen_special.py), plus jit == eager,
// vmap == loop, derivatives against finite differences and JAX's errors.

/// Maps a lax fixture case of special.json onto the Swift call.
func runLaxSpecial(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  switch c.op {
  case "igamma": return [Lax.igamma(x[0], x[1])]
  case "igammac": return [Lax.igammac(x[0], x[1])]
  case "igamma_grad_a": return [Lax.igammaGradA(x[0], x[1])]
  case "random_gamma_grad": return [Lax.randomGammaGrad(x[0], x[1])]
  case "betainc": return [Lax.betainc(x[0], x[1], x[2])]
  case "zeta": return [Lax.zeta(x[0], x[1])]
  case "polygamma": return [Lax.polygamma(x[0], x[1])]
  case "igamma_grad", "igammac_grad", "betainc_grad", "polygamma_grad":
    return [elementwiseGrad(c.op, x, argnum: c.int("argnum")!)]
  case "scatter_apply": return [scatterApplyCase(c, x)]
  case "ragged_dot": return [Lax.raggedDot(x[0], x[1], groupSizes: x[2])]
  default: return nil
  }
}

private func scatterApplyCase(_ c: FixtureCase, _ x: [Tensor]) -> Tensor {
  let window = c.bool("window")
  let dn = ScatterDimensionNumbers(updateWindowDims: window ? [1] : [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
  let fn: (Tensor) -> Tensor = c.params["fn"] as? String == "sin"
    ? { Lax.sin($0) }
    : { Lax.add(Lax.mul($0, Lax.convertElementType(Tensor(Int32(2)), $0.dtype)), Lax.convertElementType(Tensor(Int32(1)), $0.dtype)) }
  let mode: GatherMode = c.params["mode"] as? String == "clip" ? .clip : .fillOrDrop
  return Lax.scatterApply(x[0], x[1], fn, dimensionNumbers: dn, updateShape: c.ints("update_shape")!, mode: mode)
}

/// Every case of special.json: the lax ones, then the scipy ones.
func runSpecialCase(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? { runLaxSpecial(c, x) ?? runScipySpecial(c, x) }

/// grad of Σ f(args) in argument `argnum`, the others held constant.
private func elementwiseGrad(_ op: String, _ x: [Tensor], argnum: Int) -> Tensor {
  let f: ([Tensor]) -> Tensor = switch op {
  case "igamma_grad": { Lax.igamma($0[0], $0[1]) }
  case "igammac_grad": { Lax.igammac($0[0], $0[1]) }
  case "betainc_grad": { Lax.betainc($0[0], $0[1], $0[2]) }
  default: { Lax.polygamma($0[0], $0[1]) }
  }
  return grad({ (v: Tensor) -> Tensor in
    var args = x
    args[argnum] = v
    return Numpy.sum(f(args))
  })(x[argnum])
}

/// The value cases (the derivative cases are differentiated, not mapped).
private func valueCases(_ name: String) -> [FixtureCase] {
  loadFixtures(name).filter { $0.params["argnum"] == nil && runLaxSpecial($0, $0.inputs.map(\.tensor)) != nil }
}

extension NumpySuite {
@Suite struct LaxSpecialTests {
  /// float32 to 1e-5 relative (JAX's own float32 loops converge to about
  /// 1e-6), except where lgamma terms of size 1e3 cancel (comb, betainc
  /// at a, b in the hundreds): there a last-bit difference in lgamma is
  /// amplified, and JAX's float32 result is itself off the true value by
  /// up to 5e-5, so those cases get 2e-4. (The scipy cases of the same
  /// file are dispatched here too.)
  @Test func float32MatchesJAX() {
    let loose = { (c: FixtureCase) in c.op == "sp_comb" || (c.op == "betainc" && c.inputs[0].shape.isEmpty) }
    checkFixtures("special", x64: false, rtol: 1e-5) { c, x in loose(c) ? c.outputs.map(\.tensor) : runSpecialCase(c, x) }
    checkFixtures("special", x64: false, rtol: 2e-4) { c, x in loose(c) ? runSpecialCase(c, x) : c.outputs.map(\.tensor) }
  }

  @Test func float64MatchesJAX() {
    checkFixtures("special_x64", x64: true, rtol: 1e-12) { c, x in runSpecialCase(c, x) }
  }

  /// Every case, derivatives included, staged under `jit` gives the eager
  /// result bit for bit.
  @Test func jitMatchesEagerBitForBit() throws {
    try expectJitMatchesEager("special", include: { runLaxSpecial($0, $0.inputs.map(\.tensor)) != nil }, runLaxSpecial)
  }

  /// vmap over two inputs equals a loop. Only the cases whose loops do not
  /// couple elements: igamma's loops update converged elements no more,
  /// but betainc's Lentz loop runs until the slowest element of the array
  /// converges, so a batch's results depend on its other members (in JAX
  /// too); its vmap is checked against a loop up to rounding instead.
  @Test func vmapMatchesLoop() throws {
    let cases = valueCases("special").filter { $0.op != "betainc" }
    #expect(try expectVmapMatchesLoop(cases, runLaxSpecial) >= 12)
    let lentz = valueCases("special").filter { $0.op == "betainc" && $0.inputs[0].shape.count > 0 }
    for c in lentz {
      let a = c.inputs.map(\.tensor), b = a.map(perturbed)
      let batched = vmap({ (xs: [Tensor]) in runLaxSpecial(c, xs)! })(zip(a, b).map { Lax.stack([$0, $1]) })[0]
      for (k, xs) in [a, b].enumerated() {
        let want = values(runLaxSpecial(c, xs)![0]), got = values(Lax.indexInDim(batched, k, keepDims: false))
        for (g, w) in zip(got, want) {
          #expect((g.isNaN && w.isNaN) || Swift.abs(g - w) <= 1e-5 * Swift.max(1, Swift.abs(w)), "betainc vmap: \(g) vs \(w)")
        }
      }
    }
  }

  /// Reverse-mode derivatives of the custom rules against finite
  /// differences (float64), away from the branch switches.
  @Test func gradientsMatchFiniteDifferences() throws {
    func t(_ v: [Double]) -> Tensor { Tensor(v, shape: [v.count], dtype: .float64) }
    let a = t([0.7, 1.5, 3.0, 6.0]), x = t([0.4, 2.2, 1.1, 9.0])
    // Captured constants take the (float64) dtype of the differentiated input.
    func like(_ c: Tensor, _ v: Tensor) -> Tensor { Lax.convertElementType(c, v.dtype) }
    let cases = [
      GradCheck(name: "igamma", inputs: [a, x]) { Lax.igamma($0[0], $0[1]) },
      GradCheck(name: "igammac", inputs: [a, x]) { Lax.igammac($0[0], $0[1]) },
      GradCheck(name: "betainc in x", inputs: [t([0.2, 0.5, 0.7, 0.9])]) { Lax.betainc(like(a, $0[0]), like(x, $0[0]), $0[0]) },
      GradCheck(name: "polygamma in x", inputs: [x]) { Lax.polygamma(like(t([0, 1, 2, 3]), $0[0]), $0[0]) },
      GradCheck(name: "digamma via polygamma", inputs: [x]) { Lax.polygamma(like(t([0, 0, 0, 0]), $0[0]), $0[0]) },
    ]
    try expectGradientsMatchFiniteDifferences(cases, seed: 1717)
  }

  /// Forward mode goes through random_gamma_grad's loops (a plain
  /// composite in JAX too) and agrees with a finite difference.
  @Test func randomGammaGradForwardMode() {
    JAXConfig.withX64 {
      let a = Tensor([2.5] as [Double]), x = Tensor([1.7] as [Double])
      let (_, dy) = jvp({ (v: Tensor) in Lax.randomGammaGrad(v, x) }, primals: a, tangents: Tensor([1.0] as [Double]))
      let h = 1e-6
      let fd = (values(Lax.randomGammaGrad(Tensor([2.5 + h] as [Double]), x))[0] - values(Lax.randomGammaGrad(Tensor([2.5 - h] as [Double]), x))[0]) / (2 * h)
      #expect(Swift.abs(values(dy)[0] - fd) < 1e-6 * Swift.max(1, Swift.abs(fd)), "\(values(dy)) vs \(fd)")
    }
  }

  /// JAX's refusals: betainc in a or b, polygamma in m, zeta and
  /// igamma_grad_a at all; bad dtypes and shapes name the op and caller.
  @Test func errorsNameTheOpAndCaller() {
    let v = Tensor([0.5, 1.5] as [Float]), w = Tensor([0.3, 0.6] as [Float])
    let checks: [(String, [String])] = [
      (errorMessage { grad({ (a: Tensor) in Numpy.sum(Lax.betainc(a, v, w)) })(v) }, ["regularized_incomplete_beta", "Betainc gradient with respect to a and b not supported"]),
      (errorMessage { grad({ (b: Tensor) in Numpy.sum(Lax.betainc(v, b, w)) })(v) }, ["Betainc gradient"]),
      (errorMessage { grad({ (m: Tensor) in Numpy.sum(Lax.polygamma(m, v)) })(v) }, ["polygamma gradient with respect to m is not supported"]),
      (errorMessage { grad({ (q: Tensor) in Numpy.sum(Lax.zeta(v, q)) })(v) }, ["zeta", "not implemented"]),
      (errorMessage { grad({ (a: Tensor) in Numpy.sum(Lax.igammaGradA(a, v)) })(v) }, ["igamma_grad_a", "not implemented"]),
      (errorMessage { Lax.igamma(v, Tensor([1, 2] as [Float16])) }, ["igamma", "float32", "float16"]),
      (errorMessage { Lax.igammac(Tensor([1, 2] as [Int32]), Tensor([1, 2] as [Int32])) }, ["igammac", "int32"]),
      (errorMessage { Lax.betainc(v, v, Tensor([0.1, 0.2, 0.3] as [Float])) }, ["regularized_incomplete_beta", "(2,)", "(3,)"]),
      (errorMessage { Lax.zeta(v, Tensor([1, 2, 3] as [Float])) }, ["zeta", "(3,)"]),
    ]
    expectErrorsName(checks, callerFile: "LaxSpecialTests.swift")
  }

  /// Scalars broadcast against arrays, as lax allows.
  @Test func scalarOperandsBroadcast() {
    let x = Tensor([0.5, 1, 4] as [Float])
    let y = Lax.igamma(Tensor(Float(2)), x)
    #expect(y.shape == [3])
    #expect(Swift.abs(values(y)[1] - 0.26424111765711533) < 1e-6)
  }
}
}
