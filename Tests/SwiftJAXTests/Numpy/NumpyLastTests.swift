import Foundation
import Testing
@testable import SwiftJAX

// The last jax.numpy functions of issue 17 (histograms, set operations,
// lexsort, partition, piecewise, apply_over_axes, mask_indices,
// fill_diagonal, unwrap, correlate, poly, polydiv, polyfit) against JAX
// 0.10.2 fixtures (scripts/fixtures/gen_jnp_last.py), plus jit == eager,
// vmap == loop, gradients against finite differences and the errors.

private func range(_ v: Any?) -> (Double, Double)? {
  guard let l = v as? [NSNumber], l.count == 2 else { return nil }
  return (l[0].doubleValue, l[1].doubleValue)
}

private func convolveMode(_ c: FixtureCase) -> Numpy.ConvolveMode {
  switch c.params["mode"] as? String {
  case "same": .same
  case "full": .full
  default: .valid
  }
}

/// Maps a fixture case onto the Swift call.
func runJnpLast(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let weights = c.bool("weights") ? x.last : nil
  switch c.op {
  case "histogram_bin_edges": return [jnp.histogramBinEdges(x[0], bins: c.int("bins")!, range: range(c.params["range"]))]
  case "histogram":
    let (h, e) = jnp.histogram(x[0], bins: c.int("bins")!, range: range(c.params["range"]), weights: weights, density: c.bool("density"))
    return [h, e]
  case "histogramdd":
    let ranges = (c.params["ranges"] as? [Any]).map { $0.map(range) }
    let (h, e) = jnp.histogramdd(x[0], bins: c.ints("bins")!, ranges: ranges, weights: weights, density: c.bool("density"))
    return [h] + e
  case "histogram2d":
    let ranges = (c.params["ranges"] as? [Any]).map { $0.map(range) }
    let (h, xe, ye) = jnp.histogram2d(x[0], x[1], bins: c.ints("bins")!, ranges: ranges, weights: weights, density: c.bool("density"))
    return [h, xe, ye]
  case "intersect1d": return [jnp.intersect1d(x[0], x[1], size: c.int("size"), fillValue: c.double("fill_value"))]
  case "setdiff1d": return [jnp.setdiff1d(x[0], x[1], size: c.int("size"), fillValue: c.double("fill_value"))]
  case "setxor1d": return [jnp.setxor1d(x[0], x[1], size: c.int("size"), fillValue: c.double("fill_value"))]
  case "lexsort": return [jnp.lexsort(x, axis: c.int("axis") ?? -1)]
  case "partition": return [jnp.partition(x[0], kth: c.int("kth")!, axis: c.int("axis") ?? -1)]
  case "argpartition": return [jnp.argpartition(x[0], kth: c.int("kth")!, axis: c.int("axis") ?? -1)]
  default: return runJnpLast2(c, x)
  }
}

func runJnpLast2(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  switch c.op {
  case "piecewise": return [runPiecewise(c.params["case"] as! String, x[0])]
  case "apply_over_axes":
    let f: (Tensor, Int) -> Tensor
    switch c.params["func"] as! String {
    case "sum": f = { jnp.sum($0, axis: $1) }
    case "max": f = { jnp.max($0, axis: $1) }
    default: f = { jnp.cumsum($0, axis: $1) }
    }
    return [jnp.applyOverAxes(f, x[0], axes: c.ints("axes")!)]
  case "mask_indices":
    let f: (Tensor, Int) -> Tensor = c.params["func"] as? String == "triu" ? { jnp.triu($0, k: $1) } : { jnp.tril($0, k: $1) }
    let (i, j) = jnp.maskIndices(c.int("n")!, f, k: c.int("k")!, size: c.int("size"))
    return [i, j]
  case "fill_diagonal": return [jnp.fillDiagonal(x[0], x[1])]
  case "unwrap":
    return [jnp.unwrap(x[0], discont: c.double("discont"), axis: c.int("axis") ?? -1, period: c.double("period") ?? 2 * Double.pi)]
  case "correlate": return [jnp.correlate(x[0], x[1], mode: convolveMode(c))]
  case "poly": return [jnp.poly(x[0])]
  case "polydiv": let (q, r) = jnp.polydiv(x[0], x[1]); return [q, r]
  case "polyfit": return [jnp.polyfit(x[0], x[1], deg: c.int("deg")!, rcond: c.double("rcond"), weights: c.bool("weights") ? x[2] : nil)]
  case "put_along_axis": return [jnp.putAlongAxis(x[0], x[1], x[2], axis: c.int("axis"))]
  case "insert":
    if let k = c.int("index") { return [jnp.insert(x[0], k, x[1], axis: c.int("axis"))] }
    return [jnp.insert(x[0], indices: c.ints("indices")!, x[1], axis: c.int("axis"))]
  default: return nil
  }
}

/// The piecewise fixtures' condition and function lists, as the generator
/// writes them.
private func runPiecewise(_ name: String, _ v: Tensor) -> Tensor {
  switch name {
  case "two": return jnp.piecewise(v, [jnp.less(v, Tensor(weak: 0)), jnp.greaterEqual(v, Tensor(weak: 0))], [{ jnp.negative($0) }, { jnp.multiply($0, $0) }])
  case "default":
    return jnp.piecewise(v, [jnp.less(v, Tensor(weak: 0)), jnp.greater(v, Tensor(weak: 1))], [{ jnp.multiply($0, Tensor(weak: 3)) }, { jnp.sin($0) }, { jnp.add($0, Tensor(weak: 10)) }])
  case "overlap":
    return jnp.piecewise(v, [jnp.less(v, Tensor(weak: 1)), jnp.greater(v, Tensor(weak: -1))], [{ jnp.subtract($0, Tensor(weak: 1)) }, { jnp.add($0, Tensor(weak: 1)) }])
  case "int": return jnp.piecewise(v, [jnp.greater(v, Tensor(weak: 1))], [{ jnp.multiply($0, Tensor(weak: 2.5)) }, { $0 }])
  default: return jnp.piecewise(v, [jnp.greater(v, Tensor(weak: 0))], [{ jnp.exp($0) }])
  }
}

/// Cases whose result length depends on the values (JAX raises the same
/// way under jit).
private func needsConcrete(_ c: FixtureCase) -> Bool {
  ["intersect1d", "setdiff1d", "setxor1d"].contains(c.op) && c.int("size") == nil
}

extension NumpySuite {
@Suite struct NumpyLastTests {
  @Test func float32AndInt32MatchJAX() { checkFixtures("jnp_last", runJnpLast) }
  @Test func float64AndInt64MatchJAX() { checkFixtures("jnp_last_x64", x64: true, runJnpLast) }

  @Test func jitMatchesEagerBitForBit() throws {
    try expectJitMatchesEager("jnp_last", include: { !needsConcrete($0) }, runJnpLast)
  }

  @Test func vmapMatchesLoop() throws {
    let cases = loadFixtures("jnp_last").filter { !needsConcrete($0) && $0.inputs.allSatisfy { !$0.shape.contains(0) } }
    #expect(try expectVmapMatchesLoop(cases, runJnpLast) > 60)
  }

  /// Gradients of Σ f(x)·t against central finite differences.
  @Test func gradientsMatchFiniteDifferences() throws {
    let data = f64([0.1, 0.7, 1.3, 2.2, 2.9, 0.4])
    let pts = f64([0.1, 0.2, 0.9, 0.8, 0.5, 0.3, 0.7, 0.1], shape: [4, 2])
    let x = f64([-1.7, -0.6, 0.3, 0.8, 1.9])
    let xs = f64([-1.0, -0.5, 0.2, 0.6, 1.1, 1.5, 2.0])
    let cases: [GradCheck] = [
      GradCheck(name: "histogram weights", inputs: [f64([0.5, 1.5, -0.3, 2.0, 1.0, 0.7])]) { jnp.histogram(data, bins: 3, weights: $0[0]).counts },
      GradCheck(name: "histogram density", inputs: [f64([0.5, 1.5, 0.3, 2.0, 1.0, 0.7])]) { jnp.histogram(data, bins: 3, weights: $0[0], density: true).counts },
      GradCheck(name: "histogramdd weights", inputs: [f64([0.5, 1.5, 0.3, 2.0])]) { jnp.histogramdd(pts, bins: [2, 2], weights: $0[0]).hist },
      GradCheck(name: "histogram2d weights", inputs: [f64([0.5, 1.5, 0.3])]) { jnp.histogram2d(f64([0, 1, 1]), f64([0, 1, 0]), bins: [2], weights: $0[0]).hist },
      GradCheck(name: "piecewise", inputs: [x]) { v in
        jnp.piecewise(v[0], [jnp.less(v[0], Tensor(weak: 0)), jnp.greater(v[0], Tensor(weak: 1))], [{ jnp.multiply($0, $0) }, { jnp.sin($0) }, { jnp.exp($0) }])
      },
      GradCheck(name: "partition", inputs: [x]) { jnp.partition($0[0], kth: 2) },
      GradCheck(name: "applyOverAxes", inputs: [f64([1, 2, 3, 4, 5, 6], shape: [2, 3])]) { jnp.applyOverAxes({ jnp.prod($0, axis: $1) }, $0[0], axes: [1]) },
      GradCheck(name: "fillDiagonal", inputs: [f64([1, 2, 3, 4, 5, 6], shape: [3, 2]), f64([0.5, -1])]) { jnp.fillDiagonal($0[0], $0[1]) },
      GradCheck(name: "unwrap", inputs: [f64([0.0, 3.0, 6.5, 0.2, -3.3])]) { jnp.unwrap($0[0]) },
      GradCheck(name: "correlate", inputs: [f64([0.3, -1.2, 0.8, 2.0]), f64([0.5, 1.5, -0.7])]) { jnp.correlate($0[0], $0[1], mode: .full) },
      GradCheck(name: "correlate swapped", inputs: [f64([0.3, -1.2]), f64([0.5, 1.5, -0.7])]) { jnp.correlate($0[0], $0[1], mode: .same) },
      GradCheck(name: "poly", inputs: [f64([0.5, -1.2, 2.0])]) { jnp.poly($0[0]) },
      GradCheck(name: "polydiv", inputs: [f64([1.0, 0.5, -2.0, 3.0]), f64([2.0, 0.5])]) { xs in let (q, r) = jnp.polydiv(xs[0], xs[1]); return jnp.concatenate([q, r]) },
      GradCheck(name: "putAlongAxis", inputs: [f64([1, 2, 3, 4, 5, 6], shape: [2, 3]), f64([0.5, -1])]) {
        jnp.putAlongAxis($0[0], Tensor([2, 0] as [Int32], shape: [2, 1]), jnp.reshape($0[1], [2, 1]), axis: 1)
      },
      GradCheck(name: "insert", inputs: [f64([1, 2, 3, 4, 5, 6], shape: [2, 3]), f64([0.5, -1])]) { jnp.insert($0[0], indices: [0, 3], $0[1], axis: 1) },
      GradCheck(name: "polyfit", inputs: [xs, f64([0.5, 0.1, -0.2, 0.4, 1.3, 2.0, 3.1])]) { jnp.polyfit($0[0], $0[1], deg: 2) },
    ]
    try expectGradientsMatchFiniteDifferences(cases, seed: 1718)
  }

  @Test func errorsNameTheOpAndCaller() {
    let checks: [(String, [String])] = [
      (errorMessage { jnp.histogram(jnp.zeros([3]), bins: 0).counts }, ["histogram", "bins", "0"]),
      (errorMessage { jnp.histogram(jnp.zeros([3]), weights: jnp.zeros([2])).counts }, ["histogram", "(3,)", "(2,)"]),
      (errorMessage { jnp.histogramBinEdges(jnp.zeros([0])) }, ["histogram_bin_edges", "(0,)", "range"]),
      (errorMessage { jnp.histogram(jnp.zeros([3]), range: (2, 1)).counts }, ["histogram", "range"]),
      (errorMessage { jnp.histogramdd(jnp.zeros([4])).hist }, ["histogramdd", "(4,)"]),
      (errorMessage { jnp.histogramdd(jnp.zeros([4, 2]), bins: [1, 2, 3]).hist }, ["histogramdd", "[1, 2, 3]"]),
      (errorMessage { jnp.histogram2d(jnp.zeros([3]), jnp.zeros([2])).hist }, ["histogram2d", "(3,)", "(2,)"]),
      (errorMessage { jit({ (a: Tensor) in jnp.intersect1d(a, a) })(jnp.zeros([3])) }, ["intersect1d", "size"]),
      (errorMessage { jnp.setdiff1d(jnp.zeros([3]), jnp.zeros([2]), size: -1) }, ["setdiff1d", "-1"]),
      (errorMessage { jnp.lexsort([jnp.zeros([3]), jnp.zeros([2])]) }, ["lexsort", "(3,)", "(2,)"]),
      (errorMessage { jnp.lexsort([]) }, ["lexsort", "at least one key"]),
      (errorMessage { jnp.partition(jnp.zeros([3]), kth: 5) }, ["partition", "kth 5", "(3,)"]),
      (errorMessage { jnp.argpartition(jnp.array(1.0), kth: 0) }, ["argpartition", "0-d"]),
      (errorMessage { jnp.partition(jnp.array([true, false]), kth: 0) }, ["partition", "bool"]),
      (errorMessage { jnp.piecewise(jnp.zeros([3]), [jnp.array([true, false, true])], [{ $0 }, { $0 }, { $0 }]) }, ["piecewise", "1 condition", "got 3"]),
      (errorMessage { jnp.piecewise(jnp.zeros([3]), [jnp.array([true, false])], [{ $0 }]) }, ["piecewise", "(2,)", "(3,)"]),
      (errorMessage { jnp.applyOverAxes({ a, _ in jnp.sum(a) }, jnp.zeros([2, 2, 2]), axes: [0]) }, ["apply_over_axes", "()", "(2, 2, 2)"]),
      (errorMessage { jnp.maskIndices(-1, { jnp.triu($0, k: $1) }).0 }, ["mask_indices", "-1"]),
      (errorMessage { jnp.fillDiagonal(jnp.zeros([3]), jnp.array(1.0)) }, ["fill_diagonal", "(3,)"]),
      (errorMessage { jnp.fillDiagonal(jnp.zeros([2, 3, 2]), jnp.array(1.0)) }, ["fill_diagonal", "(2, 3, 2)"]),
      (errorMessage { jnp.unwrap(jnp.array(1.0)) }, ["unwrap", "0-d"]),
      (errorMessage { jnp.correlate(jnp.zeros([2, 2]), jnp.zeros([2])) }, ["correlate", "(2, 2)"]),
      (errorMessage { jnp.correlate(jnp.zeros([0]), jnp.zeros([2])) }, ["correlate", "(0,)"]),
      (errorMessage { jnp.poly(jnp.zeros([2, 2])) }, ["poly", "(2, 2)", "complex"]),
      (errorMessage { jnp.polydiv(jnp.zeros([2, 2]), jnp.zeros([2])).quotient }, ["polydiv", "(2, 2)"]),
      (errorMessage { jnp.polyfit(jnp.zeros([3]), jnp.zeros([3]), deg: -1) }, ["polyfit", "-1"]),
      (errorMessage { jnp.polyfit(Tensor([0, 1, 2] as [Int32]), jnp.zeros([3]), deg: 1) }, ["polyfit", "int32"]),
      (errorMessage { jnp.polyfit(jnp.zeros([3]), jnp.zeros([4]), deg: 1) }, ["polyfit", "(3,)", "(4,)"]),
      (errorMessage { jnp.putAlongAxis(jnp.zeros([2, 3]), Tensor([1] as [Int32]), jnp.array(1.0), axis: 1) }, ["put_along_axis", "(2, 3)", "(1,)"]),
      (errorMessage { jnp.putAlongAxis(jnp.zeros([3]), jnp.zeros([3]), jnp.array(1.0), axis: 0) }, ["put_along_axis", "float32"]),
      (errorMessage { jnp.putAlongAxis(jnp.zeros([3]), Tensor([1] as [Int32]), jnp.zeros([2]), axis: 0) }, ["put_along_axis", "(2,)", "(1,)"]),
      (errorMessage { jnp.insert(jnp.zeros([3]), indices: [0, 1], jnp.zeros([3])) }, ["insert", "2 positions", "(3,)"]),
      (errorMessage { jnp.insert(jnp.zeros([3]), 0, jnp.zeros([2, 2])) }, ["insert", "(2, 2)", "(3,)"]),
      (errorMessage { jnp.insert(jnp.zeros([3]), 0, jnp.zeros([2]), axis: 1) }, ["insert", "axis 1"]),
    ]
    expectErrorsName(checks, callerFile: "NumpyLastTests.swift")
  }
}
}
