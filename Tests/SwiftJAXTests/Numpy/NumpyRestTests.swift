import Foundation
import Testing
@testable import SwiftJAX

// The last jax.numpy functions of issue 17 (nan order statistics, float
// anatomy, bit packing) against JAX 0.10.2 fixtures
// (scripts/fixtures/gen_jnp_rest.py), plus jit == eager, vmap == loop,
// gradients against finite differences and the error messages.

private func bitOrder(_ c: FixtureCase) -> Numpy.BitOrder { c.params["bitorder"] as? String == "little" ? .little : .big }

/// Maps a fixture case onto the Swift call.
func runJnpRest(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let keep = c.bool("keepdims")
  switch c.op {
  case "nanquantile": return [jnp.nanquantile(x[0], c.double("q")!, axis: c.int("axis"), keepDims: keep)]
  case "nanpercentile": return [jnp.nanpercentile(x[0], c.double("q")!, axis: c.int("axis"), keepDims: keep)]
  case "nanmedian": return [jnp.nanmedian(x[0], axis: c.int("axis"), keepDims: keep)]
  case "fabs": return [jnp.fabs(x[0])]
  case "signbit": return [jnp.signbit(x[0])]
  case "spacing": return [jnp.spacing(x[0])]
  case "frexp": let (m, e) = jnp.frexp(x[0]); return [m, e]
  case "ldexp": return [jnp.ldexp(x[0], x[1])]
  case "packbits": return [jnp.packbits(x[0], axis: c.int("axis"), bitOrder: bitOrder(c))]
  case "unpackbits": return [jnp.unpackbits(x[0], axis: c.int("axis"), count: c.int("count"), bitOrder: bitOrder(c))]
  default: return runJnpRest2(c, x)
  }
}

private func indexMode(_ c: FixtureCase) -> Numpy.IndexMode? {
  switch c.params["mode"] as? String {
  case "clip": .clip
  case "wrap": .wrap
  case "raise": .raise
  default: nil
  }
}

func runJnpRest2(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let fill = c.double("fill_value") ?? 0
  switch c.op {
  case "choose": return [jnp.choose(x[0], Array(x.dropFirst()), mode: indexMode(c) ?? .raise)]
  case "put": return [jnp.put(x[0], x[1], x[2], mode: indexMode(c))]
  case "place": return [jnp.place(x[0], x[1], x[2])]
  case "compress": return [jnp.compress(x[0], x[1], axis: c.int("axis"), size: c.int("size"), fillValue: fill)]
  case "extract": return [jnp.extract(x[0], x[1], size: c.int("size"), fillValue: fill)]
  default: return runJnpRest3(c, x)
  }
}

func runJnpRest3(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  switch c.op {
  case "dtype_tables": return []
  case "astype": return [jnp.astype(x[0], c.dtype()!)]
  case "empty_like": return [jnp.emptyLike(x[0])]
  case "rollaxis": return [jnp.rollaxis(x[0], axis: c.int("axis")!, start: c.int("start")!)]
  case "resize": return [jnp.resize(x[0], c.ints("shape")!)]
  case "broadcast_arrays": return jnp.broadcastArrays(x)
  case "ix_": return jnp.ix_(x)
  case "ravel_multi_index": return [jnp.ravelMultiIndex(x, dims: c.ints("dims")!, mode: indexMode(c) ?? .raise)]
  case "trim_zeros": return [jnp.trimZeros(x[0], trim: c.params["trim"] as! String)]
  case "apply_along_axis":
    if c.bool("vector") { return [jnp.applyAlongAxis({ jnp.cumsum($0) }, axis: c.int("axis")!, x[0])] }
    return [jnp.applyAlongAxis({ v in jnp.sum(jnp.multiply(v, jnp.arange(v.shape[0]))) }, axis: c.int("axis")!, x[0])]
  case "unique", "unique_values", "unique_counts", "unique_inverse", "unique_all", "union1d": return runUnique(c, x)
  case "fromfunction":
    return [jnp.fromfunction({ jnp.add(jnp.multiply($0[0], Tensor(weak: 10)), $0[1]) }, shape: c.ints("shape")!, dtype: .defaultInt)]
  default: return nil
  }
}

func runUnique(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor] {
  let (size, fill) = (c.int("size"), c.double("fill_value"))
  switch c.op {
  case "unique": return [jnp.unique(x[0], equalNaN: c.params["equal_nan"] as? Bool ?? true, size: size, fillValue: fill)]
  case "unique_values": return [jnp.uniqueValues(x[0], size: size, fillValue: fill)]
  case "unique_counts": let r = jnp.uniqueCounts(x[0], size: size, fillValue: fill); return [r.values, r.counts]
  case "unique_inverse": let r = jnp.uniqueInverse(x[0], size: size, fillValue: fill); return [r.values, r.inverseIndices]
  case "unique_all": let r = jnp.uniqueAll(x[0], size: size, fillValue: fill); return [r.values, r.indices, r.inverseIndices, r.counts]
  default: return [jnp.union1d(x[0], x[1], size: size, fillValue: fill)]
  }
}

/// Cases whose result size or validity depends on input values, so they
/// cannot be staged (JAX raises the same way under jit).
private func needsConcrete(_ c: FixtureCase) -> Bool {
  (["compress", "extract"].contains(c.op) && c.int("size") == nil) || (["choose", "ravel_multi_index"].contains(c.op) && c.params["mode"] as? String == "raise")
    || c.op == "trim_zeros" || (["unique", "unique_values", "unique_counts", "unique_inverse", "unique_all", "union1d"].contains(c.op) && c.int("size") == nil)
}

extension NumpySuite {
@Suite struct NumpyRestTests {
  @Test func float32AndInt32MatchJAX() { checkFixtures("jnp_rest", runJnpRest) }
  @Test func float64AndInt64MatchJAX() { checkFixtures("jnp_rest_x64", x64: true, runJnpRest) }

  /// promote_types and can_cast over every pair of dtypes, against JAX's tables.
  @Test func dtypeTablesMatchJAX() {
    for (name, x64) in [("jnp_rest", false), ("jnp_rest_x64", true)] {
      JAXConfig.withX64(x64) {
        guard let c = loadFixtures(name).first(where: { $0.op == "dtype_tables" }) else { Issue.record("no dtype table"); return }
        let names = c.params["names"] as! [String]
        let promote = c.params["promote"] as! [[String]], cast = c.params["can_cast"] as! [[Bool]]
        for (i, a) in names.enumerated() {
          for (j, b) in names.enumerated() {
            let (da, db) = (DType(name: a)!, DType(name: b)!)
            #expect(jnp.promoteTypes(da, db).name == promote[i][j], "promote_types(\(a), \(b)) = \(jnp.promoteTypes(da, db)), JAX \(promote[i][j])")
            #expect(jnp.canCast(da, db) == cast[i][j], "can_cast(\(a), \(b)) = \(jnp.canCast(da, db)), JAX \(cast[i][j])")
          }
        }
      }
    }
    #expect(jnp.issubdtype(.uint8, .integer) && !jnp.issubdtype(.uint8, .signedInteger) && jnp.issubdtype(.float16, .number))
    #expect(jnp.isdtype(.bool, [.bool]) && !jnp.isdtype(.int32, [.floating, .unsignedInteger]))
    #expect(jnp.isscalar(jnp.array(1.0)) && !jnp.isscalar(jnp.zeros([1])))
    let x = jnp.array([1.0, 2.0])
    #expect(sameBits(jnp.copy(x), x))
  }

  @Test func jitMatchesEagerBitForBit() throws {
    try expectJitMatchesEager("jnp_rest", include: { !needsConcrete($0) }, runJnpRest)
  }

  @Test func vmapMatchesLoop() throws {
    let cases = loadFixtures("jnp_rest").filter { !needsConcrete($0) && $0.inputs.allSatisfy { !$0.shape.contains(0) } }
    #expect(try expectVmapMatchesLoop(cases, runJnpRest) > 30)
  }

  /// Gradients of Σ f(x)·t against central finite differences (NaN
  /// entries held fixed).
  @Test func gradientsMatchFiniteDifferences() throws {
    let withNaN = f64([0.3, .nan, -0.7, 1.1, 0.2, .nan, 0.9, -0.4], shape: [2, 4])
    let cases: [GradCheck] = [
      GradCheck(name: "nanquantile", inputs: [withNaN]) { jnp.nanquantile($0[0], 0.3, axis: 1) },
      GradCheck(name: "nanmedian", inputs: [withNaN]) { jnp.nanmedian($0[0]) },
      GradCheck(name: "nanpercentile", inputs: [withNaN]) { jnp.nanpercentile($0[0], 80, axis: 1) },
      GradCheck(name: "fabs", inputs: [f64([-1.5, 0.3, 2.0])]) { jnp.fabs($0[0]) },
      GradCheck(name: "frexp", inputs: [f64([-1.5, 0.3, 20.0, 1e-3])]) { jnp.frexp($0[0]).mantissa },
      GradCheck(name: "ldexp", inputs: [f64([-1.5, 0.3, 20.0])]) { jnp.ldexp($0[0], Tensor([3, -2, 0] as [Int32])) },
      GradCheck(name: "choose", inputs: [f64([1, 2, 3]), f64([4, 5, 6])]) { jnp.choose(Tensor([1, 0, 1] as [Int32]), $0, mode: .clip) },
      GradCheck(name: "put", inputs: [f64([1, 2, 3, 4]), f64([7, 8])]) { jnp.put($0[0], Tensor([3, 0] as [Int32]), $0[1]) },
      GradCheck(name: "place", inputs: [f64([1, 2, 3, 4]), f64([7])]) { jnp.place($0[0], jnp.array([true, false, false, true]), $0[1]) },
      GradCheck(name: "compress", inputs: [f64([1, 2, 3, 4, 5, 6], shape: [2, 3])]) { jnp.compress(jnp.array([true, false, true]), $0[0], axis: 1, size: 2) },
    ]
    try expectGradientsMatchFiniteDifferences(cases, seed: 2024)
  }

  @Test func errorsNameTheOpAndCaller() {
    let checks: [(String, [String])] = [
      (errorMessage { jnp.nanquantile(jnp.zeros([3]), 1.5) }, ["nanquantile", "1.5"]),
      (errorMessage { jnp.nanpercentile(jnp.zeros([3]), -1) }, ["nanpercentile", "-1"]),
      (errorMessage { jnp.nanmedian(jnp.zeros([3]), axis: 1) }, ["nanmedian", "axis 1"]),
      (errorMessage { jnp.ldexp(jnp.zeros([3]), jnp.zeros([3])) }, ["ldexp", "float32"]),
      (errorMessage { jnp.ldexp(jnp.zeros([3]), Tensor([1, 2] as [Int32])) }, ["ldexp", "(3,)", "(2,)"]),
      (errorMessage { jnp.packbits(jnp.zeros([3])) }, ["packbits", "float32"]),
      (errorMessage { jnp.unpackbits(Tensor([1, 2] as [Int32])) }, ["unpackbits", "int32"]),
      (errorMessage { jnp.packbits(Tensor([1, 2] as [Int32]), axis: 1) }, ["packbits", "axis 1"]),
      (errorMessage { jnp.choose(Tensor([0, 3] as [Int32]), [jnp.zeros([2])]) }, ["choose", "invalid entry"]),
      (errorMessage { jit({ (i: Tensor) in jnp.choose(i, [jnp.zeros([2])]) })(Tensor([0, 0] as [Int32])) }, ["choose", ".wrap"]),
      (errorMessage { jnp.put(jnp.zeros([3]), jnp.zeros([1]), jnp.zeros([1])) }, ["put", "float32"]),
      (errorMessage { jnp.place(jnp.zeros([3]), jnp.array([true, false]), jnp.zeros([1])) }, ["place", "(3,)", "(2,)"]),
      (errorMessage { jnp.compress(jnp.zeros([2, 2]), jnp.zeros([3])) }, ["compress", "(2, 2)"]),
      (errorMessage { jnp.compress(jnp.array([true]), jnp.zeros([3]), size: 4) }, ["compress", "size=4"]),
      (errorMessage { jit({ (c: Tensor) in jnp.extract(c, jnp.zeros([2])) })(jnp.array([true, false])) }, ["compress", "size"]),
      (errorMessage { jnp.rollaxis(jnp.zeros([2, 3]), axis: 0, start: 5) }, ["rollaxis", "start=5"]),
      (errorMessage { jnp.resize(jnp.zeros([2]), [-1]) }, ["resize", "(-1,)"]),
      (errorMessage { jnp.broadcastArrays([jnp.zeros([2]), jnp.zeros([3])])[0] }, ["broadcast_arrays", "(2,)", "(3,)"]),
      (errorMessage { jnp.ix_([jnp.zeros([2, 2])])[0] }, ["ix_", "(2, 2)"]),
      (errorMessage { jnp.ravelMultiIndex([Tensor([3] as [Int32])], dims: [3]) }, ["ravel_multi_index", "invalid entry"]),
      (errorMessage { jit({ (x: Tensor) in jnp.trimZeros(x) })(jnp.zeros([3])) }, ["trim_zeros", "concrete"]),
      (errorMessage { jnp.applyAlongAxis({ $0 }, axis: 2, jnp.zeros([2, 2])) }, ["apply_along_axis", "axis 2"]),
      (errorMessage { jit({ (x: Tensor) in jnp.unique(x) })(jnp.zeros([3])) }, ["unique", "size"]),
      (errorMessage { jnp.unique(jnp.zeros([0]), size: 2) }, ["unique", "fill_value"]),
      (errorMessage { jnp.uniqueAll(jnp.zeros([3]), size: -1).values }, ["unique_all", "-1"]),
    ]
    expectErrorsName(checks, callerFile: "NumpyRestTests.swift")
  }
}
}
