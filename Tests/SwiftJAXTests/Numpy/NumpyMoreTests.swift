import Foundation
import Testing
@testable import SwiftJAX

// The jax.numpy functions of issue 17 against JAX 0.10.2 fixtures
// (scripts/fixtures/gen_jnp_more.py), plus jit == eager, vmap == loop,
// gradients against finite differences and the error messages.

/// Maps a fixture case onto the Swift call.
func runJnpMore(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let axis = c.axis(), keep = c.bool("keepdims")
  switch c.op {
  case "isclose", "allclose":
    let (rtol, atol, en) = (c.double("rtol") ?? 1e-5, c.double("atol") ?? 1e-8, c.bool("equal_nan"))
    return [c.op == "isclose" ? jnp.isclose(x[0], x[1], rtol: rtol, atol: atol, equalNaN: en) : jnp.allclose(x[0], x[1], rtol: rtol, atol: atol, equalNaN: en)]
  case "array_equal": return [jnp.arrayEqual(x[0], x[1], equalNaN: c.bool("equal_nan"))]
  case "array_equiv": return [jnp.arrayEquiv(x[0], x[1])]
  case "nansum": return [jnp.nansum(x[0], axis: axis, keepDims: keep)]
  case "nanprod": return [jnp.nanprod(x[0], axis: axis, keepDims: keep)]
  case "nanmax": return [jnp.nanmax(x[0], axis: axis, keepDims: keep)]
  case "nanmin": return [jnp.nanmin(x[0], axis: axis, keepDims: keep)]
  case "nanmean": return [jnp.nanmean(x[0], axis: axis, keepDims: keep)]
  case "nanvar": return [jnp.nanvar(x[0], axis: axis, ddof: c.int("ddof") ?? 0, keepDims: keep)]
  case "nanstd": return [jnp.nanstd(x[0], axis: axis, ddof: c.int("ddof") ?? 0, keepDims: keep)]
  case "nanargmax": return [jnp.nanargmax(x[0], axis: c.int("axis"), keepDims: keep)]
  case "nanargmin": return [jnp.nanargmin(x[0], axis: c.int("axis"), keepDims: keep)]
  case "nancumsum": return [jnp.nancumsum(x[0], axis: c.int("axis"))]
  case "nancumprod": return [jnp.nancumprod(x[0], axis: c.int("axis"))]
  case "average": return [jnp.average(x[0], axis: axis, weights: x.count > 1 ? x[1] : nil, keepDims: keep)]
  case "ptp": return [jnp.ptp(x[0], axis: axis, keepDims: keep)]
  case "percentile": return [jnp.percentile(x[0], c.double("q")!, axis: c.int("axis"))]
  case "cov":
    return [jnp.cov(x[0], x.count > 1 ? x[1] : nil, rowvar: c.params["rowvar"] as? Bool ?? true, bias: c.bool("bias"), ddof: c.int("ddof"))]
  case "corrcoef": return [jnp.corrcoef(x[0], x.count > 1 ? x[1] : nil, rowvar: c.params["rowvar"] as? Bool ?? true)]
  default: return runJnpMore2(c, x)
  }
}

func runJnpMore2(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  switch c.op {
  case "searchsorted": return [jnp.searchsorted(x[0], x[1], side: c.params["side"] as? String == "right" ? .right : .left)]
  case "digitize": return [jnp.digitize(x[0], x[1], right: c.bool("right"))]
  case "interp": return [jnp.interp(x[0], x[1], x[2], left: c.double("left"), right: c.double("right"))]
  case "bincount":
    return [jnp.bincount(x[0], weights: x.count > 1 ? x[1] : nil, minLength: c.int("minlength") ?? 0, length: c.int("length"))]
  case "rot90": let a = c.ints("axes")!; return [jnp.rot90(x[0], k: c.int("k")!, axes: (a[0], a[1]))]
  case "fliplr": return [jnp.fliplr(x[0])]
  case "flipud": return [jnp.flipud(x[0])]
  case "atleast_3d": return [jnp.atleast3d(x[0])]
  case "column_stack": return [jnp.columnStack(x)]
  case "dstack": return [jnp.dstack(x)]
  case "hsplit", "vsplit", "dsplit":
    let f: (Tensor, Int) -> [Tensor] = c.op == "hsplit" ? { jnp.hsplit($0, $1) } : c.op == "vsplit" ? { jnp.vsplit($0, $1) } : { jnp.dsplit($0, $1) }
    let g: (Tensor, [Int]) -> [Tensor] = c.op == "hsplit" ? { jnp.hsplit($0, indices: $1) } : c.op == "vsplit" ? { jnp.vsplit($0, indices: $1) } : { jnp.dsplit($0, indices: $1) }
    // The hsplit-by-sections fixture of a 3-D input splits x[:, :2].
    let input = c.op == "hsplit" && x[0].rank == 3 && c.int("sections") != nil ? Lax.sliceInDim(x[0], start: 0, limit: 2, axis: 1) : x[0]
    if let s = c.int("sections") { return f(input, s) }
    return g(input, c.ints("indices")!)
  case "append": return [jnp.append(x[0], x[1], axis: c.int("axis"))]
  case "cross":
    return [jnp.cross(x[0], x[1], axisa: c.int("axisa") ?? -1, axisb: c.int("axisb") ?? -1, axisc: c.int("axisc") ?? -1, axis: c.int("axis"))]
  case "kron": return [jnp.kron(x[0], x[1])]
  case "polyval": return [jnp.polyval(x[0], x[1])]
  case "polyadd": return [jnp.polyadd(x[0], x[1])]
  case "polysub": return [jnp.polysub(x[0], x[1])]
  case "hanning": return [jnp.hanning(c.int("m")!)]
  case "hamming": return [jnp.hamming(c.int("m")!)]
  case "blackman": return [jnp.blackman(c.int("m")!)]
  case "bartlett": return [jnp.bartlett(c.int("m")!)]
  case "kaiser": return [jnp.kaiser(c.int("m")!, beta: c.double("beta")!)]
  case "heaviside": return [jnp.heaviside(x[0], x[1])]
  case "i0": return [jnp.i0(x[0])]
  case "trapezoid":
    return [jnp.trapezoid(x[0], x: x.count > 1 ? x[1] : nil, dx: c.double("dx") ?? 1, axis: c.int("axis") ?? -1)]
  default: return runJnpMore3(c, x)
  }
}

func runJnpMore3(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let (size, fill) = (c.int("size"), c.int("fill_value"))
  switch c.op {
  case "nonzero": return jnp.nonzero(x[0], size: size, fillValue: fill)
  case "flatnonzero": return [jnp.flatnonzero(x[0], size: size, fillValue: fill)]
  case "argwhere": return [jnp.argwhere(x[0], size: size, fillValue: fill)]
  case "count_nonzero": return [jnp.countNonzero(x[0], axis: c.axis(), keepDims: c.bool("keepdims"))]
  case "indices": return [jnp.indices(c.ints("dims")!)]
  case "tril_indices": let (i, j) = jnp.trilIndices(c.int("n")!, k: c.int("k")!, m: c.int("m")); return [i, j]
  case "triu_indices": let (i, j) = jnp.triuIndices(c.int("n")!, k: c.int("k")!, m: c.int("m")); return [i, j]
  case "tril_indices_from": let (i, j) = jnp.trilIndicesFrom(x[0], k: c.int("k")!); return [i, j]
  case "triu_indices_from": let (i, j) = jnp.triuIndicesFrom(x[0], k: c.int("k")!); return [i, j]
  case "diag_indices": return jnp.diagIndices(c.int("n")!, ndim: c.int("ndim")!)
  case "diag_indices_from": return jnp.diagIndicesFrom(x[0])
  case "unravel_index": return jnp.unravelIndex(x[0], c.ints("shape")!)
  case "select":
    let n = (x.count - (c.bool("default") ? 1 : 0)) / 2
    return [jnp.select(Array(x[0..<n]), Array(x[n..<(2 * n)]), default: c.bool("default") ? x[2 * n] : Tensor(weak: 0))]
  case "fmax": return [jnp.fmax(x[0], x[1])]
  case "fmin": return [jnp.fmin(x[0], x[1])]
  case "isin": return [jnp.isin(x[0], x[1], invert: c.bool("invert"))]
  case "equal": return [jnp.equal(x[0], x[1])]
  case "not_equal": return [jnp.notEqual(x[0], x[1])]
  case "greater": return [jnp.greater(x[0], x[1])]
  case "greater_equal": return [jnp.greaterEqual(x[0], x[1])]
  case "less": return [jnp.less(x[0], x[1])]
  case "less_equal": return [jnp.lessEqual(x[0], x[1])]
  case "positive": return [jnp.positive(x[0])]
  case "isposinf": return [jnp.isposinf(x[0])]
  case "isneginf": return [jnp.isneginf(x[0])]
  case "rint": return [jnp.rint(x[0])]
  case "nextafter": return [jnp.nextafter(x[0], x[1])]
  case "modf": let (f, w) = jnp.modf(x[0]); return [f, w]
  case "float_power": return [jnp.floatPower(x[0], x[1])]
  default: return runJnpMore4(c, x)
  }
}

func runJnpMore4(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  switch c.op {
  case "matrix_transpose": return [jnp.matrixTranspose(x[0])]
  case "vecdot": return [jnp.vecdot(x[0], x[1], axis: c.int("axis") ?? -1)]
  case "matvec": return [jnp.matvec(x[0], x[1])]
  case "vecmat": return [jnp.vecmat(x[0], x[1])]
  case "unstack": return jnp.unstack(x[0], axis: c.int("axis") ?? 0)
  case "ediff1d":
    return [jnp.ediff1d(x[0], toEnd: c.bool("to_end") ? x[x.count - 1] : nil, toBegin: c.bool("to_begin") ? x[1] : nil)]
  case "diagflat": return [jnp.diagflat(x[0], k: c.int("k") ?? 0)]
  case "vander": return [jnp.vander(x[0], n: c.int("n"), increasing: c.bool("increasing"))]
  case "gcd": return [jnp.gcd(x[0], x[1])]
  case "lcm": return [jnp.lcm(x[0], x[1])]
  case "polymul": return [jnp.polymul(x[0], x[1])]
  case "polyder": return [jnp.polyder(x[0], m: c.int("m") ?? 1)]
  case "polyint": return [jnp.polyint(x[0], m: c.int("m") ?? 1, k: c.double("k") ?? 0)]
  case "cumulative_sum": return [jnp.cumulativeSum(x[0], axis: c.int("axis"), includeInitial: c.bool("include_initial"))]
  case "cumulative_prod": return [jnp.cumulativeProd(x[0], axis: c.int("axis"), includeInitial: c.bool("include_initial"))]
  case "logaddexp2": return [jnp.logaddexp2(x[0], x[1])]
  case "delete": return [jnp.delete(x[0], indices: c.ints("indices")!, axis: c.int("axis"))]
  default: return nil
  }
}

/// Cases whose output size depends on input values, so they cannot be
/// staged (JAX raises the same way under jit).
private func needsConcrete(_ c: FixtureCase) -> Bool {
  (c.op == "bincount" && c.int("length") == nil) || (["nonzero", "flatnonzero", "argwhere"].contains(c.op) && c.int("size") == nil)
}

extension NumpySuite {
@Suite struct NumpyMoreTests {
  @Test func float32AndInt32MatchJAX() { checkFixtures("jnp_more", runJnpMore) }
  @Test func float64AndInt64MatchJAX() { checkFixtures("jnp_more_x64", x64: true, runJnpMore) }

  /// Every fixture case staged under `jit` gives the eager result bit for bit.
  @Test func jitMatchesEagerBitForBit() throws {
    try expectJitMatchesEager("jnp_more", include: { !needsConcrete($0) }, runJnpMore)
  }

  /// vmap over a stacked pair of inputs equals applying the function to
  /// each, for a representative case of every op that takes arrays.
  @Test func vmapMatchesLoop() throws {
    var seen = Set<String>()
    let firsts = loadFixtures("jnp_more").filter { !needsConcrete($0) && !$0.inputs.isEmpty && seen.insert($0.op).inserted }
    #expect(try expectVmapMatchesLoop(firsts, runJnpMore) > 30)
  }
}
}

private func gradCases() -> [GradCheck] {
  var rng = SplitMix64(seed: 1717)
  func r(_ s: [Int], _ range: ClosedRange<Double> = -1...1) -> Tensor { randomTensor(s, in: range, rng: &rng) }
  let withNaN = f64([0.3, .nan, -0.7, 1.1, 0.2, .nan], shape: [2, 3])
  let sortedXp = f64([-1.0, -0.2, 0.5, 1.3])
  return [
    GradCheck(name: "nansum", inputs: [withNaN]) { jnp.nansum($0[0], axis: 1) },
    GradCheck(name: "nanprod", inputs: [withNaN]) { jnp.nanprod($0[0], axis: 0) },
    GradCheck(name: "nanmean", inputs: [withNaN]) { jnp.nanmean($0[0], axis: -1) },
    GradCheck(name: "nanvar", inputs: [withNaN]) { jnp.nanvar($0[0]) },
    GradCheck(name: "nanstd", inputs: [withNaN]) { jnp.nanstd($0[0], axis: 1) },
    GradCheck(name: "nanmax", inputs: [withNaN]) { jnp.nanmax($0[0], axis: 1) },
    GradCheck(name: "nanmin", inputs: [withNaN]) { jnp.nanmin($0[0]) },
    GradCheck(name: "nancumsum", inputs: [withNaN]) { jnp.nancumsum($0[0], axis: 1) },
    GradCheck(name: "nancumprod", inputs: [withNaN]) { jnp.nancumprod($0[0]) },
    GradCheck(name: "average", inputs: [r([2, 3]), r([3], 0.5...1.5)]) { jnp.average($0[0], axis: 1, weights: $0[1]) },
    GradCheck(name: "ptp", inputs: [r([3, 4])]) { jnp.ptp($0[0], axis: 0) },
    GradCheck(name: "cov", inputs: [r([3, 5])]) { jnp.cov($0[0]) },
    GradCheck(name: "corrcoef", inputs: [r([2, 6])]) { jnp.corrcoef($0[0]) },
    GradCheck(name: "percentile", inputs: [r([7])]) { jnp.percentile($0[0], 40) },
    GradCheck(name: "interp", inputs: [f64([-1.5, -0.5, 0.1, 0.9, 2.0]), sortedXp, r([4])]) { jnp.interp($0[0], $0[1], $0[2]) },
    GradCheck(name: "cross", inputs: [r([4, 3]), r([3])]) { jnp.cross($0[0], $0[1]) },
    GradCheck(name: "kron", inputs: [r([2, 2]), r([3])]) { jnp.kron($0[0], $0[1]) },
    GradCheck(name: "polyval", inputs: [r([4]), r([5])]) { jnp.polyval($0[0], $0[1]) },
    GradCheck(name: "trapezoid", inputs: [r([3, 5]), f64([0, 0.3, 0.7, 1.6, 2.0])]) { jnp.trapezoid($0[0], x: $0[1]) },
    GradCheck(name: "i0", inputs: [f64([-2.0, -0.3, 0.4, 3.0])]) { jnp.i0($0[0]) },
    GradCheck(name: "rot90", inputs: [r([2, 3])]) { jnp.rot90($0[0]) },
    GradCheck(name: "select", inputs: [r([5]), r([5])]) { xs in jnp.select([xs[0] > 0.3, xs[0] < -0.3], [xs[0] * xs[1], jnp.sin(xs[1])], default: xs[1]) },
    GradCheck(name: "fmax", inputs: [f64([0.5, .nan, -1.0]), f64([0.2, 0.7, .nan])]) { jnp.fmax($0[0], $0[1]) },
    GradCheck(name: "modf", inputs: [f64([2.3, -1.7, 0.4])]) { jnp.modf($0[0]).0 },
    GradCheck(name: "vecdot", inputs: [r([4, 3]), r([3])]) { jnp.vecdot($0[0], $0[1]) },
    GradCheck(name: "vecmat", inputs: [r([2, 3]), r([3, 4])]) { jnp.vecmat($0[0], $0[1]) },
    GradCheck(name: "vander", inputs: [r([3])]) { jnp.vander($0[0], n: 4) },
    GradCheck(name: "polymul", inputs: [r([3]), r([2])]) { jnp.polymul($0[0], $0[1]) },
    GradCheck(name: "polyint", inputs: [r([3])]) { jnp.polyint($0[0], m: 2, k: 0.5) },
    GradCheck(name: "polyder", inputs: [r([4])]) { jnp.polyder($0[0], m: 2) },
    GradCheck(name: "cumulativeProd", inputs: [r([2, 3])]) { jnp.cumulativeProd($0[0], axis: 1, includeInitial: true) },
    GradCheck(name: "logaddexp2", inputs: [r([4]), r([4])]) { jnp.logaddexp2($0[0], $0[1]) },
    GradCheck(name: "delete", inputs: [r([3, 4])]) { jnp.delete($0[0], indices: [1, 2], axis: 1) },
    GradCheck(name: "floatPower", inputs: [r([3], 0.5...2), r([3])]) { jnp.floatPower($0[0], $0[1]) },
    GradCheck(name: "bincount", inputs: [f64([0.5, -1, 2])]) { xs in
      jnp.bincount(Tensor([0, 2, 2] as [Int32], shape: [3]), weights: xs[0], length: 4)
    },
  ]
}

extension NumpySuite.NumpyMoreTests {
  /// Reverse-mode gradients of Σ f(x)·t against central finite differences
  /// along random directions (NaN inputs are held fixed).
  @Test func gradientsMatchFiniteDifferences() throws {
    try expectGradientsMatchFiniteDifferences(gradCases(), seed: 99)
  }

  /// Bad input is an error naming the op, the shapes and this file.
  @Test func errorsNameTheOpShapesAndCaller() {
    let checks: [(String, [String])] = [
      (errorMessage { jnp.searchsorted(jnp.zeros([2, 2]), jnp.zeros([3])) }, ["searchsorted", "(2, 2)"]),
      (errorMessage { jnp.digitize(jnp.zeros([3]), jnp.zeros([2, 2])) }, ["digitize", "(2, 2)"]),
      (errorMessage { jnp.interp(jnp.zeros([3]), jnp.zeros([4]), jnp.zeros([3])) }, ["interp", "(4,)", "(3,)"]),
      (errorMessage { jnp.bincount(jnp.zeros([3])) }, ["bincount", "float32"]),
      (errorMessage { jit({ (x: Tensor) in jnp.bincount(x) })(jnp.zeros([3], dtype: .int32)) }, ["bincount", "length"]),
      (errorMessage { jnp.rot90(jnp.zeros([3])) }, ["rot90", "(3,)"]),
      (errorMessage { jnp.rot90(jnp.zeros([2, 2]), axes: (1, -1)) }, ["rot90", "axes"]),
      (errorMessage { jnp.cross(jnp.zeros([4]), jnp.zeros([3])) }, ["cross", "(4,)"]),
      (errorMessage { jnp.average(jnp.zeros([2, 3]), weights: jnp.zeros([3])) }, ["average", "(2, 3)", "(3,)"]),
      (errorMessage { jnp.average(jnp.zeros([2, 3]), axis: 0, weights: jnp.zeros([3])) }, ["average", "(3,)"]),
      (errorMessage { jnp.cov(jnp.zeros([2, 2, 2])) }, ["cov", "(2, 2, 2)"]),
      (errorMessage { jnp.vsplit(jnp.zeros([4]), 2)[0] }, ["vsplit", "(4,)"]),
      (errorMessage { jnp.hsplit(jnp.zeros([2, 5]), 2)[0] }, ["hsplit", "(2, 5)"]),
      (errorMessage { jnp.polyval(jnp.zeros([2, 3]), jnp.zeros([4])) }, ["polyval", "(2, 3)", "(4,)"]),
      (errorMessage { jnp.trapezoid(jnp.zeros([0])) }, ["trapezoid", "(0,)"]),
      (errorMessage { jnp.nanmax(jnp.zeros([0, 2]), axis: 0) }, ["nanmax", "zero-size"]),
      (errorMessage { jnp.nansum(jnp.zeros([2]), axis: 1) }, ["nansum", "axis 1"]),
      (errorMessage { jnp.hanning(-1) }, ["hanning", "-1"]),
      (errorMessage { jnp.percentile(jnp.zeros([2]), 101) }, ["percentile", "101"]),
      (errorMessage { jit({ (x: Tensor) in jnp.flatnonzero(x) })(jnp.zeros([3])) }, ["nonzero", "size"]),
      (errorMessage { jnp.nonzero(jnp.array(1.0))[0] }, ["nonzero", "0-d"]),
      (errorMessage { jnp.select([jnp.zeros([2])], []) }, ["select", "1 conditions", "0 choices"]),
      (errorMessage { jnp.select([jnp.zeros([2])], [jnp.zeros([3])]) }, ["select", "(2,)", "(3,)"]),
      (errorMessage { jnp.unravelIndex(jnp.zeros([2]), [2])[0] }, ["unravel_index", "float32"]),
      (errorMessage { jnp.diagIndicesFrom(jnp.zeros([2, 3]))[0] }, ["diag_indices_from", "(2, 3)"]),
      (errorMessage { jnp.gcd(jnp.zeros([2]), jnp.zeros([2])) }, ["gcd", "float32"]),
      (errorMessage { jnp.vecdot(jnp.zeros([2, 3]), jnp.zeros([2])) }, ["vecdot", "(2, 3)", "(2,)"]),
      (errorMessage { jnp.matrixTranspose(jnp.zeros([3])) }, ["matrix_transpose", "(3,)"]),
      (errorMessage { jnp.cumulativeSum(jnp.zeros([2, 2])) }, ["cumulative_sum", "(2, 2)"]),
      (errorMessage { jnp.delete(jnp.zeros([3]), indices: [3]) }, ["delete", "(3,)", "index 3"]),
      (errorMessage { jnp.polyder(jnp.zeros([3]), m: -1) }, ["polyder", "-1"]),
    ]
    expectErrorsName(checks, callerFile: "NumpyMoreTests.swift")
  }

  /// The closeness and equality predicates on empty and broadcast shapes.
  @Test func predicatesOnEdgeShapes() {
    #expect(jnp.allclose(jnp.zeros([0]), jnp.zeros([0])).item(Bool.self))
    #expect(jnp.arrayEqual(jnp.zeros([0, 2]), jnp.zeros([0, 2])).item(Bool.self))
    #expect(!jnp.arrayEqual(jnp.zeros([0, 2]), jnp.zeros([2, 0])).item(Bool.self))
    #expect(jnp.arrayEquiv(jnp.ones([3, 1]), jnp.ones([1, 4])).item(Bool.self))
    #expect(jnp.nansum(jnp.zeros([0])).item(Float.self) == 0)
    #expect(jnp.searchsorted(jnp.array([1.0, 2.0]), jnp.array(1.5)).shape == [])
    let m = jnp.zeros([2, 3, 4])
    #expect(jnp.ndim(m) == 3 && jnp.shape(m) == [2, 3, 4] && jnp.size(m) == 24 && jnp.size(m, axis: -2) == 3)
  }
}
