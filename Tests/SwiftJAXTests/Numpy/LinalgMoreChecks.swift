import Foundation
import Testing
@testable import SwiftJAX

// Properties of the new linear algebra that fixtures cannot pin down
// (eigenvectors of repeated eigenvalues, reconstructions), gradients
// against finite differences, and the errors bad input gets.

private func mm(_ a: Tensor, _ b: Tensor) -> Tensor { Numpy.matmul(a, b) }
private func maxDiff(_ a: Tensor, _ b: Tensor) -> Double { maxAbsDiff(values(a), values(b)) }

/// A symmetric positive-definite float64 matrix.
private func spd(_ n: Int, rng: inout SplitMix64) -> Tensor {
  let m = randomTensor([n, n], rng: &rng)
  return Numpy.add(mm(m, Numpy.swapaxes(m, -1, -2)), Numpy.multiply(Numpy.eye(n, dtype: .float64), f64(Double(n))))
}

private func symmetric(_ a: Tensor) -> Tensor { Numpy.multiply(Numpy.add(a, Numpy.swapaxes(a, -1, -2)), f64(0.5)) }

private struct GradCase {
  let name: String
  let inputs: [Tensor]
  let f: ([Tensor]) -> Tensor
}

private func gradCases(_ rng: inout SplitMix64) -> [GradCase] {
  let L = Linalg.self, S = Scipy.linalg.self
  let a3 = randomTensor([3, 3], rng: &rng), a4 = randomTensor([4, 4], rng: &rng), r53 = randomTensor([5, 3], rng: &rng)
  let b4 = randomTensor([4, 2], rng: &rng), v5 = randomTensor([5], rng: &rng), s4 = spd(4, rng: &rng)
  let lower = Numpy.add(Numpy.tril(randomTensor([4, 4], rng: &rng)), Numpy.multiply(Numpy.eye(4, dtype: .float64), f64(3)))
  let pos = randomTensor([4], in: 0.5...3, rng: &rng), unit = randomTensor([4], in: 0.1...0.9, rng: &rng)
  return [
    GradCase(name: "eigh", inputs: [a4]) { x in let (w, v) = L.eigh(x[0]); return Numpy.add(w, Numpy.sum(Lax.square(v), axis: 0)) },
    GradCase(name: "eigvalsh", inputs: [s4]) { L.eigvalsh($0[0]) },
    GradCase(name: "slogdet", inputs: [a4]) { L.slogdet($0[0]).logabsdet },
    GradCase(name: "det", inputs: [a3]) { L.det($0[0]) },
    GradCase(name: "inv", inputs: [a3]) { L.inv($0[0]) },
    GradCase(name: "solve", inputs: [a4, b4]) { L.solve($0[0], $0[1]) },
    GradCase(name: "pinv", inputs: [r53]) { L.pinv($0[0]) },
    GradCase(name: "lstsq", inputs: [r53, v5]) { L.lstsq($0[0], $0[1]).solution },
    GradCase(name: "matrixPower", inputs: [a3]) { L.matrixPower($0[0], -2) },
    GradCase(name: "multiDot", inputs: [a3, r53, v5]) { L.multiDot([$0[1], $0[0], Lax.sliceInDim($0[2], start: 0, limit: 3, axis: 0)]) },
    GradCase(name: "cond", inputs: [a3]) { L.cond($0[0]) },
    GradCase(name: "expm", inputs: [Numpy.multiply(a3, f64(0.7))]) { S.expm($0[0]) },
    GradCase(name: "expm squaring", inputs: [Numpy.multiply(a3, f64(6))]) { S.expm($0[0]) },
    GradCase(name: "solveTriangular", inputs: [lower, b4]) { S.solveTriangular($0[0], $0[1], trans: 1, lower: true) },
    // Cholesky reads one triangle but, as in JAX, its derivative is that of
    // the symmetric part: compare along symmetric directions.
    GradCase(name: "cholesky", inputs: [s4]) { S.cholesky(symmetric($0[0]), lower: true) },
    GradCase(name: "choSolve", inputs: [s4, b4]) { S.choSolve(S.choFactor(symmetric($0[0])), $0[1]) },
    GradCase(name: "luSolve", inputs: [a4, b4]) { S.luSolve(S.luFactor($0[0]), $0[1], trans: 1) },
    GradCase(name: "lu", inputs: [a4]) { x in let (_, l, u) = S.lu(x[0]); return Numpy.add(l, u) },
    GradCase(name: "betaln", inputs: [pos, Numpy.multiply(pos, f64(5))]) { Scipy.special.betaln($0[0], $0[1]) },
    GradCase(name: "logit", inputs: [unit]) { Scipy.special.logit($0[0]) },
    GradCase(name: "xlogy", inputs: [pos, unit]) { Scipy.special.xlogy($0[0], $0[1]) },
    GradCase(name: "t.logpdf", inputs: [pos, Numpy.add(pos, f64(1))]) { Scipy.stats.t.logpdf($0[0], df: $0[1]) },
    GradCase(name: "beta.logpdf", inputs: [unit, pos, Numpy.add(pos, f64(1))]) { Scipy.stats.beta.logpdf($0[0], a: $0[1], b: $0[2]) },
    GradCase(name: "gamma.logpdf", inputs: [pos, unit]) { Scipy.stats.gamma.logpdf($0[0], a: Numpy.add($0[1], f64(1))) },
  ]
}

extension NumpySuite {
@Suite struct LinalgMoreChecks {
  /// Reverse-mode gradients of Σ f(x)·t against central finite
  /// differences along random directions (float64).
  @Test func gradientsMatchFiniteDifferences() throws {
    var rng = SplitMix64(seed: 2024)
    try JAXConfig.withX64(true) {
      for g in gradCases(&rng) {
        let out0 = try JAXError.capture { g.f(g.inputs) }
        let t = randomTensor(out0.shape, rng: &rng)
        let loss = { (xs: [Tensor]) -> Tensor in Numpy.sum(Numpy.multiply(g.f(xs), t)) }
        let grads = try JAXError.capture { grad(loss)(g.inputs) }
        let dirs = g.inputs.map { randomTensor($0.shape, rng: &rng) }
        let analytic = zip(grads, dirs).reduce(0.0) { $0 + vdot($1.0, $1.1) }
        let fd = finiteDifference({ [loss($0)] }, g.inputs, dirs)[0][0]
        #expect(Swift.abs(analytic - fd) <= 1e-5 * Swift.max(1, Swift.abs(fd)), "\(g.name): grad·t \(analytic) vs finite difference \(fd)")
      }
    }
  }

  /// Eigen-decompositions reconstruct their input with orthonormal
  /// vectors, also for repeated eigenvalues, batches and 0×0.
  @Test func eighReconstructs() {
    var rng = SplitMix64(seed: 5)
    JAXConfig.withX64(true) {
      let m = randomTensor([2, 5, 5], rng: &rng)
      let inputs = [Numpy.add(m, Numpy.swapaxes(m, -1, -2)), Numpy.diag(f64([3, -1, 3, 3])), Numpy.zeros([3, 3], dtype: .float64),
                    Numpy.ones([4, 4], dtype: .float64), Numpy.zeros([2, 0, 0], dtype: .float64)]
      for a in inputs {
        let (w, v) = Linalg.eigh(a)
        #expect(w.shape == Array(a.shape.dropLast()) && v.shape == a.shape)
        let wv = Numpy.multiply(v, Lax.expandDims(w, dimensions: [w.rank - 1]))
        #expect(maxDiff(mm(a, v), wv) < 1e-12, "a v == v w for \(a.shape)")
        let eye = Numpy.broadcastTo(Numpy.eye(a.shape.last!, dtype: .float64), a.shape)
        #expect(maxDiff(mm(Numpy.swapaxes(v, -1, -2), v), eye) < 1e-12, "vᵀv == I for \(a.shape)")
        #expect(values(w) == values(w).sorted() || a.rank == 3, "ascending eigenvalues")
      }
    }
  }

  /// p @ l @ u == a, with unit-lower l and upper u, for square, wide, tall
  /// and batched input.
  @Test func luReconstructs() {
    var rng = SplitMix64(seed: 6)
    JAXConfig.withX64(true) {
      for shape in [[4, 4], [5, 3], [3, 5], [2, 3, 3]] {
        let a = randomTensor(shape, rng: &rng)
        let (p, l, u) = Scipy.linalg.lu(a)
        #expect(maxDiff(mm(p, mm(l, u)), a) < 1e-12, "p l u == a for \(shape)")
        #expect(maxDiff(Numpy.triu(l, k: 1), Numpy.zerosLike(l)) == 0 && maxDiff(Numpy.tril(u, k: -1), Numpy.zerosLike(u)) == 0)
      }
    }
  }

  /// Bad input is an error naming the op, the shapes and this file.
  @Test func errorsNameTheOpShapesAndCaller() {
    func message(_ body: () -> Tensor) -> String {
      do { _ = try JAXError.capture(body); return "" } catch { return "\(error)" }
    }
    let checks: [(String, [String])] = [
      (message { Linalg.eigh(jnp.zeros([2, 3])).eigenvalues }, ["eigh", "(2, 3)"]),
      (message { Linalg.slogdet(jnp.zeros([3])).sign }, ["slogdet", "(3,)"]),
      (message { Linalg.pinv(jnp.zeros([3])) }, ["pinv", "(3,)"]),
      (message { Linalg.lstsq(jnp.zeros([2, 3, 3]), jnp.zeros([3])).solution }, ["lstsq", "(2, 3, 3)"]),
      (message { Linalg.cond(jnp.zeros([0, 2])) }, ["cond", "(0, 2)"]),
      (message { Linalg.cond(jnp.zeros([2, 3]), p: 1) }, ["cond", "(2, 3)"]),
      (message { Linalg.matrixPower(jnp.zeros([2, 3]), 2) }, ["matrix_power", "(2, 3)"]),
      (message { Linalg.multiDot([jnp.zeros([2, 3]), jnp.zeros([4, 2])]) }, ["multi_dot", "(2, 3)", "(4, 2)"]),
      (message { Linalg.multiDot([jnp.zeros([2, 3])]) }, ["multi_dot", "two"]),
      (message { Linalg.tensorsolve(jnp.zeros([2, 3, 5]), jnp.zeros([2, 3])) }, ["tensorsolve", "(2, 3, 5)"]),
      (message { Linalg.tensorinv(jnp.zeros([4, 2, 3]), ind: 1) }, ["tensorinv", "(4, 2, 3)"]),
      (message { Linalg.outer(jnp.zeros([2, 2]), jnp.zeros([3])) }, ["linalg.outer", "(2, 2)"]),
      (message { Linalg.cross(jnp.zeros([2]), jnp.zeros([2])) }, ["linalg.cross", "(2,)"]),
      (message { Linalg.vectorNorm(jnp.zeros([2]), ord: .fro) }, ["vector_norm"]),
      (message { Scipy.linalg.solveTriangular(jnp.eye(3), jnp.zeros([4])) }, ["solve_triangular", "(3, 3)", "(4,)"]),
      (message { Scipy.linalg.solveTriangular(jnp.eye(3), jnp.zeros([3]), trans: 3) }, ["solve_triangular", "trans"]),
      (message { Scipy.linalg.choSolve((jnp.zeros([2, 3]), true), jnp.zeros([2])) }, ["cho_solve", "(2, 3)"]),
      (message { Scipy.linalg.luSolve(Scipy.linalg.luFactor(jnp.eye(3)), jnp.zeros([2, 2])) }, ["lu_solve", "(2, 2)"]),
      (message { Scipy.linalg.lu(jnp.zeros([3])).p }, ["lu", "(3,)"]),
      (message { Scipy.linalg.expm(jnp.zeros([2, 3])) }, ["expm", "(2, 3)"]),
    ]
    for (msg, needles) in checks {
      #expect(!msg.isEmpty, "expected an error mentioning \(needles)")
      for n in needles + ["LinalgMoreChecks.swift"] { #expect(msg.contains(n), "\(msg) should mention \(n)") }
    }
  }

  /// The doc examples' values.
  @Test func documentedExamples() {
    let (w, _) = Linalg.eigh(Tensor([2.0, 1.0, 1.0, 2.0] as [Float], shape: [2, 2]))
    expectClose(values(w), [1, 3], rtol: 1e-5, atol: 1e-5, "eigh")
    let (s, l) = Linalg.slogdet(Tensor([1.0, 2.0, 3.0, 4.0] as [Float], shape: [2, 2]))
    expectClose(values(s) + values(l), [-1, Foundation.log(2.0)], rtol: 1e-6, "slogdet")
    expectClose(values(Linalg.matrixPower(Tensor([1.0, 1.0, 0.0, 1.0] as [Float], shape: [2, 2]), 3)), [1, 3, 0, 1], "matrixPower")
    expectClose(values(Scipy.linalg.expm(Tensor([0.0, 1.0, 0.0, 0.0] as [Float], shape: [2, 2]))), [1, 1, 0, 1], rtol: 1e-6, "expm")
    expectClose(values(Scipy.stats.beta.pdf(Tensor([0.5] as [Float]), a: Tensor(2.0 as Float), b: Tensor(2.0 as Float))), [1.5], rtol: 1e-5, "beta.pdf")
    let x = Scipy.linalg.solveTriangular(Tensor([2.0, 0.0, 1.0, 1.0] as [Float], shape: [2, 2]), Tensor([2.0, 3.0] as [Float]), lower: true)
    expectClose(values(x), [1, 2], "solveTriangular")
    #expect(Linalg.matrixRank(Tensor([1.0, 0.0, 0.0, 0.0] as [Float], shape: [2, 2])).concrete!.element(0).asInt64 == 1)
  }
}
}
