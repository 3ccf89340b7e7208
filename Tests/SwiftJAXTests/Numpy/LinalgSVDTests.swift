import Foundation
import Testing
@testable import SwiftJAX

// Singular values (one-sided Jacobi) and the matrix norms built on them,
// against JAX (scripts/fixtures/gen_svd.py → Tests/Fixtures/numpy_svd.json).

private func loadSVDFixtures() -> [FixtureCase] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/numpy_svd.json")
  let list = try! JSONSerialization.jsonObject(with: try! Data(contentsOf: url)) as! [[String: Any]]
  return list.map {
    FixtureCase(
      op: $0["op"] as! String, params: $0["params"] as! [String: Any],
      inputs: ($0["inputs"] as! [[String: Any]]).map(NumpyFixtureArray.init),
      outputs: ($0["outputs"] as! [[String: Any]]).map(NumpyFixtureArray.init))
  }
}

private func svdOrd(_ c: FixtureCase) -> Linalg.NormOrder {
  if let i = c.int("ord") { return .p(Double(i)) }
  return .nuc
}

/// Weighted sum Σ (i+1) sᵢ, matching the generator's grad_svdvals.
private func weightedSum(_ a: Tensor) -> Tensor {
  let s = Linalg.svd(a, computeUV: false)
  let k = s.shape[s.rank - 1]
  let w = Lax.add(Lax.iota(s.dtype, shape: [k], dimension: 0), Numpy.scalar(1, s.dtype))
  return Lax.reduceSum(Lax.mul(s, Numpy.broadcastTo(w, s.shape)), axes: Array(0..<s.rank))
}

private func runSVDCase(_ c: FixtureCase, _ x: Tensor) -> Tensor {
  switch c.op {
  case "svdvals": return Linalg.svd(x, computeUV: false)
  case "norm": return Linalg.norm(x, ord: svdOrd(c), axis: c.axis(), keepDims: c.bool("keepdims"))
  case "grad_norm":
    let o = svdOrd(c)
    return grad({ (a: Tensor) in Lax.reduceSum(Linalg.norm(a, ord: o, axis: [-2, -1]), axes: Array(0..<(a.rank - 2))) })(x)
  case "grad_svdvals": return grad(weightedSum)(x)
  default: fatalError("unknown op \(c.op)")
  }
}

/// Float tolerance for a case: 1e-5 (float32) / 1e-12 (float64) relative
/// to max(1, |expected|); gradients of float32 get 1e-4 (they go through
/// the singular vectors).
private func tolerance(_ c: FixtureCase) -> Double {
  let x64 = c.bool("x64")
  if c.op.hasPrefix("grad") { return x64 ? 1e-10 : 1e-4 }
  return x64 ? 1e-12 : 1e-5
}

private func check(_ x64: Bool, _ mode: String, _ transform: (FixtureCase, Tensor) -> Tensor) {
  let cases = loadSVDFixtures().filter { $0.bool("x64") == x64 }
  #expect(cases.count > 20)
  JAXConfig.withX64(x64) {
    for (k, c) in cases.enumerated() {
      let label = "svd[\(mode) \(k)] \(c.op) \(c.params)"
      do {
        let out = try JAXError.capture { transform(c, c.inputs[0].tensor) }
        expectMatches(out, c.outputs[0], label, rtol: tolerance(c))
      } catch {
        Issue.record("\(label): \(error)")
      }
    }
  }
}

/// max |a - b|.
private func maxAbsDiff(_ a: Tensor, _ b: Tensor) -> Double {
  Lax.reduceMax(Lax.abs(Lax.sub(a, b)), axes: Array(0..<a.rank)).concrete!.element(0).asDouble
}

private func matmul(_ a: Tensor, _ b: Tensor) -> Tensor { Numpy.matmul(a, b) }

extension NumpySuite {
@Suite struct LinalgSVDTests {
  @Test func float32MatchesJAX() { check(false, "eager", runSVDCase) }
  @Test func float64MatchesJAX() { check(true, "eager", runSVDCase) }

  @Test func float32MatchesJAXUnderJit() {
    check(false, "jit") { c, x in jit({ (a: Tensor) in runSVDCase(c, a) })(x) }
  }

  @Test func float64MatchesJAXUnderJit() {
    check(true, "jit") { c, x in jit({ (a: Tensor) in runSVDCase(c, a) })(x) }
  }

  /// vmap over the leading axis of a batched case gives the batched result;
  /// an unbatched case is vmapped over a stack of two copies.
  @Test func vmapMatchesJAX() {
    for x64 in [false, true] {
      check(x64, "vmap") { c, x in
        // Norms over other axes pairs (and keepdims) are not per-matrix maps.
        if c.op == "norm", !(c.axis() == nil || [[-2, -1], [1, 2]].contains(c.ints("axis") ?? [])) { return runSVDCase(c, x) }
        let perMatrix = { (a: Tensor) -> Tensor in
          c.op == "norm" ? Linalg.norm(a, ord: svdOrd(c), axis: [-2, -1]) : runSVDCase(c, a)
        }
        if x.rank == 3 { return vmap(perMatrix)(x) }
        let out = vmap(perMatrix)(Numpy.stack([x, x], axis: 0))
        let first = Lax.squeeze(Lax.sliceInDim(out, start: 0, limit: 1, axis: 0), dimensions: [0])
        let second = Lax.squeeze(Lax.sliceInDim(out, start: 1, limit: 2, axis: 0), dimensions: [0])
        #expect(maxAbsDiff(first, second) == 0)
        return first
      }
    }
  }

  @Test func vectorsReconstructAndAreOrthonormal() {
    for x64 in [false, true] {
      JAXConfig.withX64(x64) {
        let tol = x64 ? 1e-12 : 2e-5
        var rng = SplitMix64(seed: 11)
        let rankDef: Tensor = {
          let a = Tensor((0..<12).map { _ in Double.random(in: -1...1, using: &rng) }, shape: [4, 3], dtype: x64 ? .float64 : .float32)
          return Lax.concatenate([Lax.sliceInDim(a, start: 0, limit: 2, axis: 1), Lax.add(Lax.sliceInDim(a, start: 0, limit: 1, axis: 1), Lax.sliceInDim(a, start: 1, limit: 2, axis: 1))], dimension: 1)
        }()
        let inputs: [Tensor] = [[3, 3], [5, 4], [4, 6], [2, 3, 3], [2, 5], [1, 1]].map { shape in
          Tensor((0..<shape.reduce(1, *)).map { _ in Double.random(in: -2...2, using: &rng) }, shape: shape, dtype: x64 ? .float64 : .float32)
        } + [rankDef, Numpy.zeros([3, 2], dtype: x64 ? .float64 : .float32)]
        for a in inputs {
          let (m, n) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
          let k = Swift.min(m, n)
          let batch = Array(a.shape.dropLast(2))
          for full in [true, false] {
            let (u, s, vh) = Linalg.svd(a, fullMatrices: full)
            #expect(u.shape == batch + [m, full ? m : k], "\(a.shape) u \(u.shape)")
            #expect(vh.shape == batch + [full ? n : k, n], "\(a.shape) vh \(vh.shape)")
            #expect(s.shape == batch + [k])
            // u[..., :k] diag(s) vh[..., :k, :] == a
            let uk = Lax.sliceInDim(u, start: 0, limit: k, axis: u.rank - 1)
            let vk = Lax.sliceInDim(vh, start: 0, limit: k, axis: vh.rank - 2)
            let us = Lax.mul(uk, Lax.broadcastInDim(s, shape: uk.shape, broadcastDimensions: Array(0..<batch.count) + [uk.rank - 1]))
            #expect(maxAbsDiff(matmul(us, vk), a) < 4 * tol, "reconstruct \(a.shape) full \(full)")
            let ut = Numpy.swapaxes(u, -1, -2), v = Numpy.swapaxes(vh, -1, -2)
            let eyeU = Numpy.broadcastTo(Numpy.eye(u.shape[u.rank - 1], dtype: a.dtype), batch + [u.shape[u.rank - 1], u.shape[u.rank - 1]])
            let eyeV = Numpy.broadcastTo(Numpy.eye(vh.shape[vh.rank - 2], dtype: a.dtype), batch + [vh.shape[vh.rank - 2], vh.shape[vh.rank - 2]])
            #expect(maxAbsDiff(matmul(ut, u), eyeU) < 4 * tol, "uᵀu \(a.shape) full \(full)")
            #expect(maxAbsDiff(matmul(vh, v), eyeV) < 4 * tol, "vh vhᵀ \(a.shape) full \(full)")
            // Same singular values as the values-only path, under jit too.
            #expect(maxAbsDiff(s, Linalg.svd(a, computeUV: false)) < tol * 4)
            let j = jit({ (x: Tensor) in Linalg.svd(x, fullMatrices: full).s })(a)
            #expect(maxAbsDiff(j, s) < tol * 4)
          }
        }
      }
    }
  }

  @Test func stagedProgramSizeDoesNotGrowWithTheMatrix() throws {
    let f32 = { (s: [Int]) in ShapedArray(shape: s, dtype: .float32) }
    let small = makeJaxpr({ x in [Linalg.svd(x[0], computeUV: false)] }, [f32([8, 8])])
    let large = makeJaxpr({ x in [Linalg.svd(x[0], computeUV: false)] }, [f32([64, 64])])
    try small.jaxpr.typecheck()
    try large.jaxpr.typecheck()
    #expect(large.outAvals == [f32([64])])
    #expect(small.jaxpr.description.count > 0)
    func count(_ j: Jaxpr) -> Int { j.equations.count }
    #expect(count(large.jaxpr) == count(small.jaxpr))
  }

  @Test func computeUVTrueOnTheValuesOverloadIsAnError() {
    #expect(throws: JAXError.self) { try JAXError.capture { _ = Linalg.svd(jnp.eye(2), computeUV: true) } }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = Linalg.svd(jnp.ones([3]), computeUV: false) } }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = Linalg.norm(jnp.ones([3, 3]), ord: 3) } }
  }

  @Test func simpleExample() {
    let s = Linalg.svd(Tensor([3.0, 0.0, 0.0, -4.0] as [Float], shape: [2, 2]), computeUV: false)
    #expect(s.concrete!.element(0).asDouble == 4 && s.concrete!.element(1).asDouble == 3)
    let n = Linalg.norm(Tensor([3.0, 0.0, 0.0, -4.0] as [Float], shape: [2, 2]), ord: .nuc)
    #expect(n.concrete!.element(0).asDouble == 7)
  }
}
}
