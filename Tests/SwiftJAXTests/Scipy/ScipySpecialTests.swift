import Foundation
import Testing
@testable import SwiftJAX

// jax.scipy.special's gamma/beta family, entropy functions, Box-Cox and
// Bessel wrappers, and the scipy.stats gamma/beta CDFs against JAX 0.10.2
// (the sp_* and *_cdf/*_sf cases of scripts/fixtures/gen_special.py).

/// Maps a scipy fixture case of special.json onto the Swift call.
func runScipySpecial(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  typealias S = ScipySpecial
  switch c.op {
  case "sp_gammainc": return [S.gammainc(x[0], x[1])]
  case "sp_gammaincc": return [S.gammaincc(x[0], x[1])]
  case "sp_betainc": return [S.betainc(x[0], x[1], x[2])]
  case "sp_zeta": return [S.zeta(x[0], x[1])]
  case "sp_zeta_grad":
    let k = c.int("argnum")!
    return [grad({ (v: Tensor) in Numpy.sum(k == 0 ? S.zeta(v, x[1]) : S.zeta(x[0], v)) })(x[k])]
  case "sp_polygamma": return [S.polygamma(x[0], x[1])]
  case "sp_gammasgn": return [S.gammasgn(x[0])]
  case "sp_gamma": return [S.gamma(x[0])]
  case "sp_loggamma": return [S.loggamma(x[0])]
  case "sp_factorial": return [S.factorial(x[0])]
  case "sp_i0e": return [S.i0e(x[0])]
  case "sp_i0": return [S.i0(x[0])]
  case "sp_i1e": return [S.i1e(x[0])]
  case "sp_i1": return [S.i1(x[0])]
  case "sp_entr": return [S.entr(x[0])]
  case "sp_beta": return [S.beta(x[0], x[1])]
  case "sp_comb": return [S.comb(x[0], x[1], repetition: c.bool("repetition"))]
  case "sp_poch": return [S.poch(x[0], x[1])]
  case "sp_multigammaln": return [S.multigammaln(x[0], d: c.int("d")!)]
  case "sp_rel_entr": return [S.relEntr(x[0], x[1])]
  case "sp_kl_div": return [S.klDiv(x[0], x[1])]
  case "sp_boxcox": return [S.boxcox(x[0], x[1])]
  case "sp_boxcox1p": return [S.boxcox1p(x[0], x[1])]
  default: return runScipyStatsCDF(c, x)
  }
}

private func runScipyStatsCDF(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  typealias G = ScipyStats.Gamma
  typealias B = ScipyStats.Beta
  switch c.op {
  case "gamma_cdf": return [G.cdf(x[0], a: x[1], loc: x[2], scale: x[3])]
  case "gamma_logcdf": return [G.logcdf(x[0], a: x[1], loc: x[2], scale: x[3])]
  case "gamma_sf": return [G.sf(x[0], a: x[1], loc: x[2], scale: x[3])]
  case "gamma_logsf": return [G.logsf(x[0], a: x[1], loc: x[2], scale: x[3])]
  case "beta_cdf": return [B.cdf(x[0], a: x[1], b: x[2], loc: x[3], scale: x[4])]
  case "beta_logcdf": return [B.logcdf(x[0], a: x[1], b: x[2], loc: x[3], scale: x[4])]
  case "beta_sf": return [B.sf(x[0], a: x[1], b: x[2], loc: x[3], scale: x[4])]
  case "beta_logsf": return [B.logsf(x[0], a: x[1], b: x[2], loc: x[3], scale: x[4])]
  default: return nil
  }
}

private func scipyCases() -> [FixtureCase] {
  loadFixtures("special").filter { runScipySpecial($0, $0.inputs.map(\.tensor)) != nil }
}

extension NumpySuite {
@Suite struct ScipySpecialTests {
  /// Every scipy case, staged under `jit`, gives the eager result bit for bit.
  @Test func jitMatchesEagerBitForBit() throws {
    try expectJitMatchesEager("special", include: { runScipySpecial($0, $0.inputs.map(\.tensor)) != nil }, runScipySpecial)
  }

  /// vmap equals a loop for the functions without Lentz's coupled loop
  /// (betainc and the beta CDFs are checked in LaxSpecialTests).
  @Test func vmapMatchesLoop() throws {
    let cases = scipyCases().filter { !$0.op.hasPrefix("beta") && !["sp_betainc", "sp_polygamma", "sp_zeta_grad"].contains($0.op) }
    #expect(try expectVmapMatchesLoop(cases, runScipySpecial) >= 25)
  }

  /// Derivatives against finite differences (float64).
  @Test func gradientsMatchFiniteDifferences() throws {
    func t(_ v: [Double]) -> Tensor { Tensor(v, shape: [v.count], dtype: .float64) }
    let cases = [
      GradCheck(name: "gammainc", inputs: [t([0.8, 2.5]), t([1.3, 0.7])]) { ScipySpecial.gammainc($0[0], $0[1]) },
      GradCheck(name: "zeta", inputs: [t([2.5, 4.0]), t([0.7, 3.0])]) { ScipySpecial.zeta($0[0], $0[1]) },
      GradCheck(name: "gamma", inputs: [t([0.7, 2.5, -0.5])]) { ScipySpecial.gamma($0[0]) },
      GradCheck(name: "beta", inputs: [t([0.7, 2.5]), t([1.5, 3.0])]) { ScipySpecial.beta($0[0], $0[1]) },
      GradCheck(name: "poch", inputs: [t([0.7, 2.5]), t([1.5, 3.0])]) { ScipySpecial.poch($0[0], $0[1]) },
      GradCheck(name: "entr", inputs: [t([0.2, 1.5])]) { ScipySpecial.entr($0[0]) },
      GradCheck(name: "relEntr", inputs: [t([0.2, 1.5]), t([0.7, 0.4])]) { ScipySpecial.relEntr($0[0], $0[1]) },
      GradCheck(name: "multigammaln", inputs: [t([2.2, 4.0])]) { ScipySpecial.multigammaln($0[0], d: 2) },
      GradCheck(name: "gamma.cdf", inputs: [t([0.5, 2.0, 4.0])]) { ScipyStats.Gamma.cdf($0[0], a: Tensor(2.5)) },
      GradCheck(name: "beta.cdf", inputs: [t([0.2, 0.5, 0.8])]) { ScipyStats.Beta.cdf($0[0], a: Tensor(2.0), b: Tensor(3.0)) },
      GradCheck(name: "beta.sf", inputs: [t([0.2, 0.5, 0.8])]) { ScipyStats.Beta.sf($0[0], a: Tensor(2.0), b: Tensor(3.0)) },
    ]
    try expectGradientsMatchFiniteDifferences(cases, seed: 2121)
  }

  @Test func errorsNameTheOpAndCaller() {
    let v = Tensor([0.5, 1.5] as [Float])
    let checks: [(String, [String])] = [
      (errorMessage { ScipySpecial.polygamma(v, v) }, ["polygamma", "integer type", "float32"]),
      (errorMessage { ScipySpecial.gammainc(v, Tensor([1, 2, 3] as [Float])) }, ["(2,)", "(3,)"]),
      (errorMessage { ScipySpecial.entr(Tensor([Complex(1, 1)] as [Complex<Float>])) }, ["entr", "complex"]),
    ]
    expectErrorsName(checks, callerFile: "ScipySpecialTests.swift")
  }
}
}
