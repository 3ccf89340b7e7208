import Foundation
import Testing
@testable import SwiftJAX

// jnp.linalg.eig / eigvals, roots, sort_complex, iscomplex/isreal, block and
// vectorize against JAX 0.10.2 (scripts/fixtures/gen_eig.py). Complex
// values travel as (real, imaginary) float pairs in the fixtures. LAPACK's
// eigenvalue order is not reproduced, so eigenvalues are compared as
// multisets and eigenvectors column by column after matching eigenvalues,
// up to geev's normalisation (a unit phase), plus A·v = v·w directly.

private typealias Z = Complex<Double>

private func complexValues(_ t: Tensor) -> [Z] { t.toArray(Z.self) }
private func fixtureComplex(_ re: NumpyFixtureArray, _ im: NumpyFixtureArray) -> [Z] {
  zip(re.data, im.data).map { Z(Double($0)!, Double($1)!) }
}
private func dist(_ a: Z, _ b: Z) -> Double { hypot(a.real - b.real, a.imaginary - b.imaginary) }
private func isNaN(_ z: Z) -> Bool { z.real.isNaN || z.imaginary.isNaN }

/// The input of a case: one real tensor, or (re, im) combined.
private func input(_ c: FixtureCase, _ x: [Tensor]) -> Tensor {
  c.bool("complex_input") ? Lax.complex(x[0], x[1]) : x[0]
}

/// For each wanted value, the index of the nearest unused got value
/// (greedy); nil when some distance exceeds `tol`.
private func matching(_ got: [Z], _ want: [Z], tol: Double) -> [Int]? {
  var used = Set<Int>()
  var out: [Int] = []
  for w in want {
    guard let best = got.indices.filter({ !used.contains($0) }).min(by: { dist(got[$0], w) < dist(got[$1], w) }) else { return nil }
    if isNaN(w) != isNaN(got[best]) || (!isNaN(w) && dist(got[best], w) > tol) { return nil }
    used.insert(best)
    out.append(best)
  }
  return out
}

/// Checks one eig case: dtype, eigenvalue multiset, residual, norms,
/// normalisation, and eigenvectors against JAX's up to a phase where the
/// eigenvalues are distinct.
private func checkEig(_ c: FixtureCase, _ label: String, tol: Double) throws {
  let a = input(c, c.inputs.map(\.tensor))
  let (w, v) = try JAXError.capture { Linalg.eig(a) }
  #expect(w.dtype.name == c.params["out_dtype"] as? String && v.dtype == w.dtype, "\(label): dtype \(w.dtype)")
  let want = fixtureComplex(c.outputs[0], c.outputs[1])
  let wantV = fixtureComplex(c.outputs[2], c.outputs[3])
  let n = a.shape.last!, batch = want.count / Swift.max(n, 1)
  #expect(w.shape == c.outputs[0].shape && v.shape == c.outputs[2].shape, "\(label): shapes \(w.shape) \(v.shape)")
  let gw = complexValues(w), gv = complexValues(v)
  let av = complexValues(Numpy.astype(a, w.dtype))
  let scale = Swift.max(1, av.map { hypot($0.real, $0.imaginary) }.max() ?? 1)
  for b in 0..<batch {
    let wb = Array(want[(b * n)..<((b + 1) * n)]), gb = Array(gw[(b * n)..<((b + 1) * n)])
    guard let match = matching(gb, wb, tol: c.params["name"] as? String == "jordan" ? 1e-3 : tol * scale) else {
      Issue.record("\(label): eigenvalues \(gb) vs JAX \(wb)")
      continue
    }
    if wb.contains(where: isNaN) { continue }
    for j in 0..<n {
      let col = (0..<n).map { gv[b * n * n + $0 * n + j] }
      let norm = col.reduce(0) { $0 + $1.real * $1.real + $1.imaginary * $1.imaginary }.squareRoot()
      #expect(Swift.abs(norm - 1) < tol * 10, "\(label): column \(j) norm \(norm)")
      let big = col.indices.max { hypot(col[$0].real, col[$0].imaginary) < hypot(col[$1].real, col[$1].imaginary) }!
      #expect(Swift.abs(col[big].imaginary) <= tol, "\(label): largest component of column \(j) is \(col[big])")
      // Residual ‖A v - λ v‖.
      var res = 0.0
      for i in 0..<n {
        var s = Z(0)
        for k in 0..<n { s = s + av[b * n * n + i * n + k] * col[k] }
        s = s - gb[j] * col[i]
        res = Swift.max(res, hypot(s.real, s.imaginary))
      }
      #expect(res <= tol * 10 * scale * Double(n) || c.params["name"] as? String == "jordan", "\(label): residual \(res) for column \(j)")
    }
    // Eigenvectors of well-separated eigenvalues agree with JAX's up to a unit phase.
    for (jw, jg) in match.enumerated() {
      let separated = wb.indices.allSatisfy { $0 == jw || dist(wb[$0], wb[jw]) > 1e-2 * scale }
      if !separated { continue }
      let mine = (0..<n).map { gv[b * n * n + $0 * n + jg] }, theirs = (0..<n).map { wantV[b * n * n + $0 * n + jw] }
      var inner = Z(0)
      for i in 0..<n { inner = inner + mine[i].conjugate * theirs[i] }
      #expect(Swift.abs(hypot(inner.real, inner.imaginary) - 1) < tol * 100, "\(label): eigenvector \(jw) is not JAX's up to a phase (|⟨v, v_jax⟩| = \(hypot(inner.real, inner.imaginary)))")
    }
  }
}

/// The generic dispatch for the order-independent cases.
private func runEigMisc(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  func parts(_ t: Tensor) -> [Tensor] { [Numpy.real(t), Numpy.imag(t)] }
  switch c.op {
  case "sort_complex": return parts(jnp.sortComplex(input(c, x)))
  case "iscomplex": return [jnp.iscomplex(input(c, x))]
  case "isreal": return [jnp.isreal(input(c, x))]
  case "block":
    if let k = c.int("flat") { return [jnp.block(Array(x.prefix(k)))] }
    var rows: [[Tensor]] = [], at = 0
    for r in c.ints("rows")! {
      rows.append(Array(x[at..<(at + r)]))
      at += r
    }
    return [jnp.block(rows)]
  case "vectorize": return vectorized(c.params["fn"] as! String)(x)
  default: return nil
  }
}

/// The Swift counterparts of the generator's vectorized functions.
private func vectorized(_ name: String) -> ([Tensor]) -> [Tensor] {
  switch name {
  case "dot": return jnp.vectorize({ [jnp.sum(jnp.multiply($0[0], $0[1]))] }, signature: "(n),(n)->()")
  case "matvec": return jnp.vectorize({ [jnp.matmul($0[0], $0[1])] }, signature: "(m,n),(n)->(m)")
  case "elementwise": return jnp.vectorize({ [jnp.add(jnp.multiply($0[0], $0[1]), jnp.sin($0[0]))] })
  case "stats": return jnp.vectorize({ [jnp.sum($0[0]), jnp.max($0[0])] }, signature: "(n)->(),()")
  default:
    return jnp.vectorize({ xs in
      let p = xs[1]
      return [jnp.add(jnp.multiply(jnp.sum(jnp.square(xs[0])), Lax.indexInDim(p, 0, keepDims: false)), Lax.indexInDim(p, 1, keepDims: false))]
    }, excluded: [1], signature: "(n)->()")
  }
}

extension NumpySuite {
@Suite struct NumpyEigTests {
  @Test(arguments: [false, true]) func eigMatchesJAX(x64: Bool) throws {
    try JAXConfig.withX64(x64) {
      let cases = loadFixtures(x64 ? "eig_x64" : "eig")
      for (k, c) in cases.enumerated() where c.op == "eig" {
        try checkEig(c, "eig[\(k)] \(c.params)", tol: x64 ? 1e-10 : 2e-5)
      }
    }
  }

  @Test(arguments: [false, true]) func eigvalsMatchJAX(x64: Bool) throws {
    try JAXConfig.withX64(x64) {
      for (k, c) in loadFixtures(x64 ? "eig_x64" : "eig").enumerated() where c.op == "eigvals" {
        let w = try JAXError.capture { Linalg.eigvals(input(c, c.inputs.map(\.tensor))) }
        #expect(w.dtype.name == c.params["out_dtype"] as? String, "eigvals[\(k)]: dtype \(w.dtype)")
        let want = fixtureComplex(c.outputs[0], c.outputs[1])
        let scale = Swift.max(1, c.inputs[0].data.compactMap { Double($0) }.map(Swift.abs).max() ?? 1)
        let tol = (x64 ? 1e-10 : 2e-5) * scale
        #expect(matching(complexValues(w), want, tol: c.params["name"] as? String == "jordan" ? 1e-3 : tol) != nil, "eigvals[\(k)] \(c.params): \(complexValues(w)) vs \(want)")
      }
    }
  }

  /// Real input: real eigenvalues have an exactly zero imaginary part and
  /// complex ones come as exact conjugate pairs, positive first (dgeev).
  @Test func realInputGivesExactConjugatePairs() throws {
    let a = Tensor([0.5, -2, 0.3, 1.5, 0.25, -1, 0.2, 0.7, 2] as [Double], shape: [3, 3], dtype: .float32)
    let (w, v) = try JAXError.capture { Linalg.eig(a) }
    let wz = complexValues(w), vz = complexValues(v)
    let complexOnes = wz.indices.filter { wz[$0].imaginary != 0 }
    #expect(complexOnes.count == 2 && wz.filter { $0.imaginary == 0 }.count == 1, "\(wz)")
    if complexOnes.count == 2 {
      let (p, q) = (complexOnes[0], complexOnes[1])
      #expect(q == p + 1 && wz[p].imaginary > 0 && wz[q] == wz[p].conjugate)
      #expect((0..<3).allSatisfy { vz[$0 * 3 + q] == vz[$0 * 3 + p].conjugate })
    }
    let r = wz.indices.first { wz[$0].imaginary == 0 }!
    #expect((0..<3).allSatisfy { vz[$0 * 3 + r].imaginary == 0 })
  }

  /// A larger random matrix converges: small residual ‖A v - λ v‖ for
  /// every pair and Σλ = trace(A); a defective companion matrix gives
  /// finite results.
  @Test func largerAndDefectiveMatricesConverge() throws {
    try JAXConfig.withX64(true) {
      let n = 40
      var rng = SplitMix64(seed: 4040)
      let values = (0..<(n * n)).map { _ in Double.random(in: -1...1, using: &rng) }
      let (w, v) = try JAXError.capture { Linalg.eig(Tensor(values, shape: [n, n])) }
      let wz = complexValues(w), vz = complexValues(v)
      var worst = 0.0
      for j in 0..<n {
        for i in 0..<n {
          var s = Z(0)
          for k in 0..<n { s = s + Z(values[i * n + k]) * vz[k * n + j] }
          worst = Swift.max(worst, dist(s, wz[j] * vz[i * n + j]))
        }
      }
      #expect(worst < 1e-11, "worst residual \(worst)")
      let trace = (0..<n).reduce(0.0) { $0 + values[$1 * n + $1] }
      let sum = wz.reduce(Z(0), +)
      #expect(Swift.abs(sum.real - trace) < 1e-11 && Swift.abs(sum.imaginary) < 1e-12, "Σλ = \(sum), trace \(trace)")
      // (x - 1)⁴: a 4×4 Jordan-like companion; the roots are 1 to ~eps^(1/4).
      let r = complexValues(jnp.roots(Tensor([1, -4, 6, -4, 1] as [Double])))
      #expect(r.count == 4 && r.allSatisfy { !isNaN($0) && dist($0, Z(1)) < 1e-3 }, "\(r)")
    }
  }

  @Test func leftEigenvectorsSatisfyTheLeftEquation() throws {
    try JAXConfig.withX64(true) {
      let a = Tensor([1, 2, 0.5, -1, 3, 2, 0.25, 1, -2] as [Double], shape: [3, 3])
      let out = try JAXError.capture { Linalg.eig(a, computeLeftEigenvectors: true) }
      #expect(out.count == 3)
      let w = complexValues(out[0]), vl = complexValues(out[1]), vr = complexValues(out[2])
      let (_, v) = Linalg.eig(a)
      #expect(complexValues(v) == vr)
      let av = a.toArray(Double.self)
      for j in 0..<3 {
        // uᴴ A = λ uᴴ  ⇔  Σᵢ conj(uᵢ) A[i, k] = λ conj(u_k).
        for k in 0..<3 {
          var s = Z(0)
          for i in 0..<3 { s = s + vl[i * 3 + j].conjugate * Z(av[i * 3 + k]) }
          let d = s - w[j] * vl[k * 3 + j].conjugate
          #expect(hypot(d.real, d.imaginary) < 1e-12, "left residual \(d)")
        }
      }
    }
  }

  @Test func eigvalsGradientMatchesJAX() throws {
    for x64 in [false, true] {
      try JAXConfig.withX64(x64) {
        for (k, c) in loadFixtures(x64 ? "eig_x64" : "eig").enumerated() where c.op == "eigvals_grad" {
          let loss = { (a: Tensor) -> Tensor in
            let w = Linalg.eigvals(a)
            return jnp.sum(jnp.add(jnp.power(jnp.real(w), 3), jnp.square(jnp.imag(w))))
          }
          let g = try JAXError.capture { grad(loss)(c.inputs[0].tensor) }
          expectMatches(g, c.outputs[0], "eigvals_grad[\(k)]", rtol: x64 ? 1e-8 : 2e-3)
        }
      }
    }
  }

  @Test func eigvalsGradientMatchesFiniteDifferences() throws {
    let a = f64([0.5, -2, 0.3, 1.5, 0.25, -1, 0.2, 0.7, 2], shape: [3, 3])
    let cases = [
      GradCheck(name: "eigvals real part", inputs: [a]) { jnp.real(Linalg.eigvals($0[0])) },
      GradCheck(name: "eigvals |w|²", inputs: [a]) { jnp.square(jnp.abs(Linalg.eigvals($0[0]))) },
    ]
    try expectGradientsMatchFiniteDifferences(cases, seed: 808)
  }

  @Test func rootsGradientMatchesFiniteDifferences() throws {
    let cases = [
      GradCheck(name: "roots", inputs: [f64([1, -0.5, -2, 0.7])]) { jnp.real(jnp.roots($0[0], stripZeros: false)) },
      GradCheck(name: "roots stripped", inputs: [f64([1, -0.5, -2, 0.7])]) { jnp.imag(jnp.roots($0[0])) },
    ]
    try expectGradientsMatchFiniteDifferences(cases, seed: 809)
  }

  /// Eigenvector derivatives (opt-in, as JAX's enable_eigvec_derivs):
  /// the JVP of the right eigenvectors against central differences.
  @Test func eigenvectorJVPMatchesFiniteDifferences() throws {
    try JAXConfig.withX64(true) {
      let a = f64([2, 1, 0.5, 0.3, -1, 0.2, 0.1, 0.4, 3.5], shape: [3, 3])
      let da = f64([0.3, -0.2, 0.1, 0.5, 0.25, -0.4, 0.15, 0.05, -0.3], shape: [3, 3])
      let f = { (x: Tensor) -> [Tensor] in Linalg.eig(x, computeLeftEigenvectors: false, enableEigenvectorDerivatives: true) }
      let (_, tangents) = try JAXError.capture { jvp({ (x: Tensor) in f(x) }, primals: a, tangents: da) }
      let eps = 1e-6
      let plus = f(Lax.add(a, Lax.mul(da, f64(eps)))), minus = f(Lax.sub(a, Lax.mul(da, f64(eps))))
      for k in 0..<2 {
        let fd = zip(complexValues(plus[k]), complexValues(minus[k])).map { Z(($0.real - $1.real) / (2 * eps), ($0.imaginary - $1.imaginary) / (2 * eps)) }
        let an = complexValues(tangents[k])
        for (x, y) in zip(an, fd) { #expect(dist(x, y) < 1e-5, "output \(k): jvp \(x) vs finite difference \(y)") }
      }
    }
  }

  @Test func rootsMatchJAX() throws {
    for x64 in [false, true] {
      try JAXConfig.withX64(x64) {
        for (k, c) in loadFixtures(x64 ? "eig_x64" : "eig").enumerated() where c.op == "roots" {
          let strip = c.params["strip_zeros"] as? Bool ?? true
          let r = try JAXError.capture { jnp.roots(c.inputs[0].tensor, stripZeros: strip) }
          #expect(r.dtype.name == c.params["out_dtype"] as? String && r.shape == c.outputs[0].shape, "roots[\(k)] \(c.params): \(r.dtype) \(r.shape)")
          let got = complexValues(r), want = fixtureComplex(c.outputs[0], c.outputs[1])
          #expect(matching(got, want, tol: x64 ? 1e-9 : 1e-4) != nil, "roots[\(k)] \(c.params): \(got) vs \(want)")
          // NaN roots (from leading zeros) come last, as in JAX.
          #expect(got.map(isNaN) == want.map(isNaN), "roots[\(k)]: NaN positions \(got) vs \(want)")
        }
      }
    }
  }

  @Test func otherFunctionsMatchJAX() {
    let misc = { (c: FixtureCase, x: [Tensor]) -> [Tensor]? in
      let skip = ["eig", "eigvals", "eigvals_grad", "roots"]
      return skip.contains(c.op) ? c.outputs.map { $0.tensor } : runEigMisc(c, x)
    }
    checkFixtures("eig", misc)
    checkFixtures("eig_x64", x64: true, misc)
  }

  @Test func sortComplexDTypes() {
    #expect(jnp.sortComplex(Tensor([3, 1, 2] as [Int32])).dtype == .complex64)
    #expect(jnp.sortComplex(jnp.array([1.0, 0.5])).dtype == .complex64)
    JAXConfig.withX64(true) { #expect(jnp.sortComplex(Tensor([1.0, 0.5] as [Double])).dtype == .complex128) }
    #expect(jnp.isrealobj(jnp.zeros([2])) && !jnp.isrealobj(jnp.zeros([2], dtype: .complex64)))
  }

  @Test func jitMatchesEagerBitForBit() throws {
    let run = { (c: FixtureCase, x: [Tensor]) -> [Tensor]? in
      switch c.op {
      case "eig": let (w, v) = Linalg.eig(input(c, x)); return [w, v]
      case "eigvals": return [Linalg.eigvals(input(c, x))]
      case "roots": return (c.params["strip_zeros"] as? Bool) == false ? [jnp.roots(x[0], stripZeros: false)] : nil
      case "eigvals_grad": return nil
      default: return runEigMisc(c, x)
      }
    }
    for x64 in [false, true] {
      try JAXConfig.withX64(x64) {
        for c in loadFixtures(x64 ? "eig_x64" : "eig") {
          let ins = c.inputs.map(\.tensor)
          guard let eager = try JAXError.capture({ run(c, ins) }) else { continue }
          let staged = try JAXError.capture { jit({ (xs: [Tensor]) in run(c, xs)! })(ins) }
          #expect(eager.count == staged.count)
          for (e, s) in zip(eager, staged) {
            let same = e.dtype.isComplex ? complexValues(e).elementsEqual(complexValues(s)) { ($0 == $1) || (isNaN($0) && isNaN($1)) } : sameBits(e, s)
            #expect(same, "jit \(c.op) \(c.params)")
          }
        }
      }
    }
  }

  @Test func vmapMatchesLoop() throws {
    let a = Tensor([0.5, -2, 0.3, 1.5, 0.25, -1, 0.2, 0.7, 2, 1, 0, 0, 0, 2, 0, 0, 1, 3] as [Float], shape: [2, 3, 3])
    let batched = try JAXError.capture { vmap({ (m: Tensor) -> [Tensor] in let (w, v) = Linalg.eig(m); return [w, v] })(a) }
    let whole = Linalg.eig(a)
    #expect(complexValues(batched[0]) == complexValues(whole.eigenvalues))
    #expect(complexValues(batched[1]) == complexValues(whole.eigenvectors))
    for b in 0..<2 {
      let one = Linalg.eig(Lax.indexInDim(a, b, keepDims: false))
      #expect(complexValues(Lax.indexInDim(batched[0], b, keepDims: false)) == complexValues(one.eigenvalues))
    }
    let xs = Tensor([1, -3, 2, 1, 0, -1] as [Float], shape: [2, 3])
    let r = try JAXError.capture { vmap({ (p: Tensor) in jnp.roots(p, stripZeros: false) })(xs) }
    #expect(complexValues(Lax.indexInDim(r, 1, keepDims: false)) == complexValues(jnp.roots(Tensor([1, 0, -1] as [Float]), stripZeros: false)))
  }

  @Test func errorsNameTheOpAndCaller() {
    let checks: [(String, [String])] = [
      (errorMessage { Linalg.eig(jnp.zeros([2, 3])).eigenvalues }, ["eig", "(2, 3)"]),
      (errorMessage { Linalg.eigvals(jnp.zeros([3])) }, ["eig", "rank at least 2", "(3,)"]),
      (errorMessage { Linalg.eigvals(jnp.zeros([2, 2], dtype: .float16)) }, ["eig", "float16"]),
      (errorMessage { grad({ (a: Tensor) in jnp.sum(jnp.real(Linalg.eig(a).eigenvalues)) })(jnp.eye(2)) }, ["eig", "enableEigenvectorDerivatives"]),
      (errorMessage { jnp.roots(jnp.zeros([2, 2])) }, ["roots", "rank-1", "(2, 2)"]),
      (errorMessage { jit({ (p: Tensor) in jnp.roots(p) })(jnp.ones([3])) }, ["roots", "stripZeros: false"]),
      (errorMessage { jnp.block([[Tensor]]()) }, ["block", "empty list"]),
      (errorMessage { jnp.block(.list([.array(jnp.zeros([2])), .list([.array(jnp.zeros([2]))])])) }, ["block", "mismatched list depths"]),
      (errorMessage { jnp.block([jnp.zeros([2, 2]), jnp.zeros([3, 1])]) }, ["concatenate"]),
      (errorMessage { jnp.vectorize({ $0 }, signature: "(n), (n)->()")([jnp.zeros([2]), jnp.zeros([2])]) }, ["vectorize", "not a valid gufunc signature"]),
      (errorMessage { jnp.vectorize({ $0 }, signature: "(n),(n)->()")([jnp.zeros([2])]) }, ["vectorize", "expected 2, got 1"]),
      (errorMessage { jnp.vectorize({ $0 }, signature: "(n,k)->()")([jnp.zeros([2])]) }, ["vectorize", "(2,)", "enough dimensions"]),
      (errorMessage { jnp.vectorize({ $0 }, signature: "(n),(n)->()")([jnp.zeros([2]), jnp.zeros([3])]) }, ["vectorize", "inconsistent size for core dimension 'n'"]),
      (errorMessage { jnp.vectorize({ [$0[0]] }, signature: "(n)->()")([jnp.zeros([2])]) }, ["vectorize", "output shape (2,)"]),
      (errorMessage { jnp.vectorize({ $0 })([jnp.zeros([2]), jnp.zeros([3])]) }, ["vectorize", "broadcast"]),
      (errorMessage { jnp.vectorize({ $0 }, excluded: [-1])([jnp.zeros([2])]) }, ["vectorize", "negative"]),
    ]
    expectErrorsName(checks, callerFile: "NumpyEigTests.swift")
  }
}
}
