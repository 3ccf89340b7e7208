import Foundation
import Testing
@testable import SwiftJAX

// jnp.linalg beyond the basics, jax.scipy.linalg/special/stats, against JAX
// (scripts/fixtures/gen_linalg_more.py → Tests/Fixtures/linalg_more.json):
// eager, under jit and under vmap, plus gradients against JAX's and
// against finite differences.

private let linalgMoreCases: [FixtureCase] = {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/linalg_more.json")
  let list = try! JSONSerialization.jsonObject(with: try! Data(contentsOf: url)) as! [[String: Any]]
  return list.map {
    FixtureCase(
      op: $0["op"] as! String, params: $0["params"] as! [String: Any],
      inputs: ($0["inputs"] as! [[String: Any]]).map(NumpyFixtureArray.init),
      outputs: ($0["outputs"] as! [[String: Any]]).map(NumpyFixtureArray.init))
  }
}()

/// A norm order from a fixture parameter (nil, a number, "inf", "-inf", "fro", "nuc").
private func normOrder(_ v: Any?) -> Linalg.NormOrder? {
  switch v {
  case let i as Int: return .p(Double(i))
  case "inf" as String: return .inf
  case "-inf" as String: return .negInf
  case "fro" as String: return .fro
  case "nuc" as String: return .nuc
  default: return nil
  }
}

/// The Swift call for a fixture case (gradient cases call the function
/// whose gradient they hold).
private func call(_ op: String, _ c: FixtureCase, _ x: [Tensor]) -> [Tensor] {
  let L = Linalg.self, S = Scipy.linalg.self, SP = Scipy.special.self
  switch op {
  case "eigh": let (w, v) = L.eigh(x[0]); return [w, v]
  case "eigvalsh": return [L.eigvalsh(x[0])]
  case "eigh_upper": return [L.eigvalsh(x[0], lower: false, symmetrizeInput: false)]
  case "eigh_lower": return [L.eigvalsh(x[0], lower: true, symmetrizeInput: false)]
  case "grad_eigh": let (w, v) = L.eigh(x[0]); return [w, Lax.square(v)]
  case "slogdet": let (s, l) = L.slogdet(x[0]); return [s, l]
  case "grad_slogdet": return [L.slogdet(x[0]).logabsdet]
  case "det", "grad_det": return [L.det(x[0])]
  case "grad_inv": return [L.inv(x[0])]
  case "grad_solve": return [L.solve(x[0], x[1])]
  case "pinv", "grad_pinv": return [L.pinv(x[0], rtol: c.double("rtol"))]
  case "matrix_rank": return [L.matrixRank(x[0])]
  case "lstsq": let r = L.lstsq(x[0], x[1]); return [r.solution, r.residuals, r.rank, r.singularValues]
  case "grad_lstsq": return [L.lstsq(x[0], x[1]).solution]
  case "cond": return [L.cond(x[0], p: normOrder(c.params["p"]))]
  case "matrix_power", "grad_matrix_power": return [L.matrixPower(x[0], c.int("n")!)]
  case "multi_dot": return [L.multiDot(x)]
  case "tensorsolve": return [L.tensorsolve(x[0], x[1], axes: c.ints("axes"))]
  case "tensorinv": return [L.tensorinv(x[0], ind: c.int("ind")!)]
  case "vector_norm":
    return [L.vectorNorm(x[0], axis: c.axis(), keepDims: c.bool("keepdims"), ord: normOrder(c.params["ord"]) ?? 2)]
  case "matrix_norm": return [L.matrixNorm(x[0], keepDims: c.bool("keepdims"), ord: normOrder(c.params["ord"])!)]
  case "linalg_cross": return [L.cross(x[0], x[1], axis: c.int("axis") ?? -1)]
  case "linalg_outer": return [L.outer(x[0], x[1])]
  case "linalg_trace": return [L.trace(x[0], offset: c.int("offset")!)]
  case "linalg_diagonal": return [L.diagonal(x[0], offset: c.int("offset")!)]
  case "linalg_matrix_transpose": return [L.matrixTranspose(x[0])]
  case "linalg_vecdot": return [L.vecdot(x[0], x[1])]
  case "linalg_matmul": return [L.matmul(x[0], x[1])]
  case "linalg_tensordot": return [L.tensordot(x[0], x[1], axes: c.int("axes")!)]
  case "solve_triangular", "grad_solve_triangular":
    return [S.solveTriangular(x[0], x[1], trans: c.int("trans") ?? 0, lower: c.bool("lower"), unitDiagonal: c.bool("unit"))]
  case "cholesky": return [S.cholesky(x[0], lower: c.bool("lower"))]
  case "cho_solve", "grad_cho_solve": return [S.choSolve(S.choFactor(x[0], lower: c.bool("lower")), x[1])]
  case "lu": let (p, l, u) = S.lu(x[0]); return [p, l, u]
  case "lu_factor": let (lu, piv) = S.luFactor(x[0]); return [lu, piv]
  case "lu_solve": return [S.luSolve(S.luFactor(x[0]), x[1], trans: c.int("trans")!)]
  case "expm", "grad_expm": return [S.expm(x[0])]
  case "scipy_eigh": return [S.eigh(x[0], lower: c.bool("lower")).w]
  case "scipy_qr": let (q, r) = S.qr(x[0], economic: c.bool("economic")); return [q, r]
  case "scipy_det": return [S.det(x[0])]
  case "scipy_solve": return [S.solve(x[0], x[1])]
  case "scipy_inv": return [S.inv(x[0])]
  case "special_gammaln": return [SP.gammaln(x[0])]
  case "special_digamma": return [SP.digamma(x[0])]
  case "special_erf": return [SP.erf(x[0])]
  case "special_erfc": return [SP.erfc(x[0])]
  case "special_expit": return [SP.expit(x[0])]
  case "special_ndtr": return [SP.ndtr(x[0])]
  case "special_erfinv": return [SP.erfinv(x[0])]
  case "special_logit", "grad_special_logit": return [SP.logit(x[0])]
  case "special_xlogy", "grad_special_xlogy": return [SP.xlogy(x[0], x[1])]
  case "special_xlog1py", "grad_special_xlog1py": return [SP.xlog1py(x[0], x[1])]
  case "special_betaln", "grad_special_betaln": return [SP.betaln(x[0], x[1])]
  case "special_logsumexp": return [SP.logsumexp(x[0], axis: c.axis())]
  case "norm_logpdf", "grad_norm_logpdf": return [Scipy.stats.norm.logpdf(x[0], loc: x[1], scale: x[2])]
  case "norm_pdf": return [Scipy.stats.norm.pdf(x[0], loc: x[1], scale: x[2])]
  case "norm_cdf": return [Scipy.stats.norm.cdf(x[0], loc: x[1], scale: x[2])]
  case "t_logpdf", "grad_t_logpdf": return [Scipy.stats.t.logpdf(x[0], df: x[1], loc: x[2], scale: x[3])]
  case "t_pdf": return [Scipy.stats.t.pdf(x[0], df: x[1], loc: x[2], scale: x[3])]
  case "gamma_logpdf", "grad_gamma_logpdf": return [Scipy.stats.gamma.logpdf(x[0], a: x[1], loc: x[2], scale: x[3])]
  case "gamma_pdf": return [Scipy.stats.gamma.pdf(x[0], a: x[1], loc: x[2], scale: x[3])]
  case "beta_logpdf": return [Scipy.stats.beta.logpdf(x[0], a: x[1], b: x[2], loc: x[3], scale: x[4])]
  case "beta_pdf": return [Scipy.stats.beta.pdf(x[0], a: x[1], b: x[2], loc: x[3], scale: x[4])]
  default: fatalError("unknown op \(op)")
  }
}

/// Σ f(x)·w with the generator's weights w = sin(1 + arange(size)).
private func weightedLoss(_ outs: [Tensor]) -> Tensor {
  outs.map { o -> Tensor in
    let w = Numpy.reshape(Numpy.sin(Lax.add(Lax.iota(o.dtype, shape: [o.count]), Numpy.scalar(1, o.dtype))), o.shape)
    return Numpy.sum(Numpy.multiply(o, w))
  }.reduce(Numpy.scalar(0, outs[0].dtype), Numpy.add)
}

/// Runs a case: the function itself, or for "grad_*" its gradient with
/// respect to the first `outputs.count` inputs.
private func run(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor] {
  guard c.op.hasPrefix("grad_") else { return call(c.op, c, x) }
  let k = c.outputs.count
  let fixed = Array(x.dropFirst(k))
  return grad({ (d: [Tensor]) -> Tensor in weightedLoss(call(c.op, c, d + fixed)) })(Array(x.prefix(k)))
}

/// Cases whose exact value JAX leaves to rounding: determinants and
/// condition numbers of exactly singular matrices (JAX's LU sees a tiny
/// pivot, ours may see zero), and eigenvectors of repeated eigenvalues.
private func compare(_ c: FixtureCase, _ out: [Tensor], _ label: String) {
  let x64 = c.bool("x64")
  var tol = x64 ? 1e-9 : 1e-4
  if c.op.hasPrefix("grad_") || c.op == "cond" || c.op == "expm" { tol = x64 ? 1e-8 : 1e-3 }
  #expect(out.count == c.outputs.count, "\(label): \(out.count) outputs")
  let name = c.params["name"] as? String
  for (i, (got, want)) in zip(out, c.outputs).enumerated() {
    if name == "singular" && ["det", "slogdet", "cond"].contains(c.op) {
      let g = values(got), w = want.data.map { Double($0)! }
      let ok: Bool
      switch c.op {
      case "det": ok = Swift.abs(g[0]) < 1e-4
      case "cond" where c.params["p"] as? Int == -2: ok = g.allSatisfy { $0 < 1e-5 } && w.allSatisfy { $0 < 1e-5 }
      case "cond": ok = g.allSatisfy { $0 > 1e5 } && w.allSatisfy { $0 > 1e5 }
      default: ok = i == 0 || g[0] < -8
      }
      #expect(ok, "\(label) output \(i): \(g) (JAX \(w))")
      continue
    }
    if c.op == "eigh" && i == 1 {
      if name != "repeated" { expectEqualUpToColumnSign(got, want, tol: tol, label) }
      continue
    }
    // The generator runs JAX with x64 on throughout, so its integer
    // results are int64 even for the float32 cases, which run without x64.
    if !x64 && want.dtype == .int64 {
      let narrowed = NumpyFixtureArray(["dtype": "int32", "shape": want.shape, "data": want.data])
      expectMatches(got, narrowed, "\(label) output \(i)", rtol: tol)
      continue
    }
    expectMatches(got, want, "\(label) output \(i)", rtol: tol)
  }
}

/// Eigenvector matrices equal up to the sign of each column.
private func expectEqualUpToColumnSign(_ got: Tensor, _ want: NumpyFixtureArray, tol: Double, _ label: String) {
  let g = values(got), w = want.data.map { Double($0)! }
  let n = want.shape.last!, count = w.count / (n * n)
  for b in 0..<count {
    for col in 0..<n {
      let idx = (0..<n).map { b * n * n + $0 * n + col }
      let dot = idx.reduce(0.0) { $0 + g[$1] * w[$1] }
      let s = dot < 0 ? -1.0 : 1.0
      let err = idx.map { Swift.abs(s * g[$0] - w[$0]) }.max()!
      #expect(err <= tol * 10, "\(label): eigenvector \(col) of matrix \(b) differs by \(err)")
    }
  }
}

private func check(_ x64: Bool, _ mode: String, _ transform: (FixtureCase, [Tensor]) -> [Tensor]) {
  let cases = linalgMoreCases.filter { $0.bool("x64") == x64 }
  #expect(cases.count > 150)
  JAXConfig.withX64(x64) {
    for (k, c) in cases.enumerated() {
      let label = "linalg_more[\(mode) \(k)] \(c.op) \(c.params)"
      do {
        let out = try JAXError.capture { transform(c, c.inputs.map(\.tensor)) }
        compare(c, out, label)
      } catch {
        Issue.record("\(label): \(error)")
      }
    }
  }
}

extension NumpySuite {
@Suite struct LinalgMoreTests {
  @Test func float32MatchesJAX() { check(false, "eager", run) }
  @Test func float64MatchesJAX() { check(true, "eager", run) }

  @Test func jitMatchesJAX() {
    for x64 in [false, true] {
      check(x64, "jit") { c, x in jit({ (xs: [Tensor]) -> [Tensor] in run(c, xs) })(x) }
    }
  }

  /// vmap over two stacked copies of every input gives, in each slot,
  /// JAX's result (and both slots agree exactly).
  @Test func vmapMatchesJAX() {
    for x64 in [false, true] {
      check(x64, "vmap") { c, x in
        let stacked = x.map { Numpy.stack([$0, $0], axis: 0) }
        let out = vmap({ (xs: [Tensor]) -> [Tensor] in run(c, xs) })(stacked)
        return out.map { o in
          let first = Lax.squeeze(Lax.sliceInDim(o, start: 0, limit: 1, axis: 0), dimensions: [0])
          let second = Lax.squeeze(Lax.sliceInDim(o, start: 1, limit: 2, axis: 0), dimensions: [0])
          #expect(values(first).elementsEqual(values(second)) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(c.op): vmap slots differ")
          return first
        }
      }
    }
  }
}
}
