import Foundation
import Testing
@testable import SwiftJAX

/// Collectives against JAX 0.10.2 run on 4 host devices
/// (Tests/Fixtures/collectives.json, made by
/// scripts/fixtures/gen_collectives.py): every case through `pmap` (device
/// threads, compiled), `vmap(_, axisName:)`, and `jit` of the vmap.
@Suite struct CollectiveFixtureTests {
  struct Fixture {
    let inputs: [Tensor]
    let out: Tensor
  }

  private struct File: Decodable {
    struct Case: Decodable {
      let name: String
      let inputs: [FixtureArray]
      let out: FixtureArray
    }
    let cases: [Case]
  }

  /// Empty when the file is missing or malformed (`everyFixtureHasAFunction`
  /// then fails).
  static let fixtures: [String: Fixture] = {
    guard let file = try? Fixtures.decode(File.self, "collectives.json") else { return [:] }
    var out: [String: Fixture] = [:]
    for c in file.cases {
      guard let inputs = try? c.inputs.map({ try $0.tensor() }), let o = try? c.out.tensor() else { continue }
      out[c.name] = Fixture(inputs: inputs, out: o)
    }
    return out
  }()

  /// The functions of the generator, as a Swift user writes them.
  static let functions: [String: ([Tensor]) -> Tensor] = {
    let i = "i"
    let ring = (0..<4).map { ($0, ($0 + 1) % 4) }
    func w12() -> Tensor { Numpy.arange(12, dtype: .float32).reshape(4, 3) }
    return [
      "psum": { Lax.psum($0[0], axisName: i) },
      "pmean": { Lax.pmean($0[0], axisName: i) },
      "pmax": { Lax.pmax($0[0], axisName: i) },
      "pmin": { Lax.pmin($0[0], axisName: i) },
      "psum_int": { Lax.psum($0[0], axisName: i) },
      "psum_2dev": { Lax.psum($0[0], axisName: i) },
      "normalize": { $0[0] / Lax.psum($0[0], axisName: i) },
      "all_gather_0": { Lax.allGather($0[0], axisName: i) },
      "all_gather_1": { Lax.allGather($0[0], axisName: i, axis: 1) },
      "all_gather_tiled": { Lax.allGather($0[0], axisName: i, tiled: true) },
      "all_gather_tiled_1": { Lax.allGather($0[0], axisName: i, axis: 1, tiled: true) },
      "psum_scatter": { Lax.psumScatter($0[0], axisName: i) },
      "psum_scatter_1": { Lax.psumScatter($0[0], axisName: i, scatterDimension: 1) },
      "psum_scatter_tiled": { Lax.psumScatter($0[0], axisName: i, tiled: true) },
      "all_to_all_00": { Lax.allToAll($0[0], axisName: i, splitAxis: 0, concatAxis: 0) },
      "all_to_all_01": { Lax.allToAll($0[0], axisName: i, splitAxis: 0, concatAxis: 1) },
      "all_to_all_10": { Lax.allToAll($0[0], axisName: i, splitAxis: 1, concatAxis: 0) },
      "all_to_all_tiled": { Lax.allToAll($0[0], axisName: i, splitAxis: 0, concatAxis: 1, tiled: true) },
      "ppermute_ring": { Lax.ppermute($0[0], axisName: i, perm: ring) },
      "ppermute_partial": { Lax.ppermute($0[0], axisName: i, perm: [(0, 2), (3, 1)]) },
      "axis_index": { $0[0] * Lax.axisIndex(axisName: i) },
      "grad_psum": { grad { (x: Tensor) in Lax.psum(x, axisName: i) }($0[0]) },
      "grad_psum_times_x": { grad { (x: Tensor) in (Lax.psum(x, axisName: i) * x).sum() }($0[0]) },
      "grad_all_gather": { grad { (x: Tensor) in (Numpy.sin(Lax.allGather(x, axisName: i)) * w12()).sum() }($0[0]) },
      "grad_psum_scatter": { grad { (x: Tensor) in Numpy.cos(Lax.psumScatter(x, axisName: i, tiled: true)).sum() }($0[0]) },
      "grad_all_to_all": {
        grad { (x: Tensor) in (Lax.allToAll(x, axisName: i, splitAxis: 0, concatAxis: 0) * Lax.allToAll(x, axisName: i, splitAxis: 0, concatAxis: 0) * w12()).sum() }($0[0])
      },
      "grad_ppermute": { grad { (x: Tensor) in (Lax.integerPow(Lax.ppermute(x, axisName: i, perm: ring), 3)).sum() }($0[0]) },
      "dp_step": { a in
        let (w, x, y) = (a[0], a[1], a[2])
        let g = grad { (w: Tensor) in
          let d = Numpy.tanh(Numpy.matmul(x, w)) - y
          return (d * d).mean()
        }(w)
        return w - 0.1 * Lax.pmean(g, axisName: i)
      },
      "scan_psum": { a in
        Lax.scan({ (c: Tensor, _: Tensor?) in
          let next = c + 0.5 * Lax.psum(c, axisName: i)
          return (next, next)
        }, initial: a[0], length: 3).1
      },
    ]
  }()

  static var names: [String] { functions.keys.sorted() }

  @Test func everyFixtureHasAFunction() {
    #expect(Self.fixtures.count == Self.functions.count, "run scripts/fixtures/gen_collectives.py")
    for name in Self.fixtures.keys { #expect(Self.functions[name] != nil, "no Swift function for fixture \(name)") }
  }

  @Test(arguments: names) func pmapMatchesJAX(_ name: String) throws {
    let fx = try #require(Self.fixtures[name])
    Devices.localCount = max(Devices.localCount, 4)
    let out = pmap(Self.functions[name]!, axisName: "i")(fx.inputs)
    expectSameValues(out, fx.out, rtol: 2e-6, atol: 1e-6, name)
  }

  @Test(arguments: names) func vmapWithAxisNameMatchesJAX(_ name: String) throws {
    let fx = try #require(Self.fixtures[name])
    let out = vmap(Self.functions[name]!, axisName: "i")(fx.inputs)
    expectSameValues(out, fx.out, rtol: 2e-6, atol: 1e-6, name)
  }

  /// jit of the named vmap gives the same bits as eager.
  @Test(arguments: names) func jitEqualsEager(_ name: String) throws {
    let fx = try #require(Self.fixtures[name])
    let f = vmap(Self.functions[name]!, axisName: "i")
    let eager = f(fx.inputs)
    let jitted = jit(f)(fx.inputs)
    #expect(eager.toArray(Double.self) == jitted.toArray(Double.self), "\(name): jit differs from eager")
  }

  /// pmap under jit (traced through as the named vmap) agrees too.
  @Test func pmapUnderJIT() throws {
    let fx = try #require(Self.fixtures["dp_step"])
    let out = jit(pmap(Self.functions["dp_step"]!, axisName: "i"))(fx.inputs)
    expectSameValues(out, fx.out, rtol: 2e-6, atol: 1e-6)
  }
}
