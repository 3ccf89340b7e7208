import Foundation
import Testing
@testable import SwiftJAX

// The jax.lax functions of issue 17 against JAX 0.10.2 fixtures
// (scripts/fixtures/gen_lax_more.py), plus jit == eager, vmap == loop,
// gradients against finite differences and the error messages.

private func scanFn(_ name: String) -> (Tensor, Tensor) -> Tensor {
  switch name {
  case "max": { Lax.max($0, $1) }
  case "mul": { Lax.mul($0, $1) }
  case "or": { Lax.or($0, $1) }
  default: { Lax.add($0, $1) }
  }
}

private func scatterNumbers() -> ScatterDimensionNumbers {
  ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
}

/// Maps a fixture case onto the Swift call.
func runLaxMore(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let axis = c.int("axis") ?? 0
  switch c.op {
  case "index_in_dim": return [Lax.indexInDim(x[0], c.int("index")!, axis: axis, keepDims: c.bool("keepdims"))]
  case "dynamic_index_in_dim": return [Lax.dynamicIndexInDim(x[0], index: x[1], axis: axis, keepDims: c.bool("keepdims"))]
  case "dynamic_slice_in_dim": return [Lax.dynamicSliceInDim(x[0], start: x[1], sliceSize: c.int("slice_size")!, axis: axis)]
  case "dynamic_update_slice_in_dim": return [Lax.dynamicUpdateSliceInDim(x[0], x[1], start: x[2], axis: axis)]
  case "dynamic_update_index_in_dim": return [Lax.dynamicUpdateIndexInDim(x[0], x[1], index: x[2], axis: axis)]
  case "index_take": return [Lax.indexTake(x[0], Array(x.dropFirst()), axes: c.ints("axes")!)]
  case "broadcasted_iota": return [Lax.broadcastedIota(c.dtype()!, shape: c.ints("shape")!, dimension: c.int("dimension")!)]
  case "full": return [Lax.full(c.ints("shape")!, Tensor(weak: c.double("fill")!), dtype: c.dtype())]
  case "full_like": return [Lax.fullLike(x[0], Tensor(weak: c.int("fill")!), dtype: c.dtype(), shape: c.ints("shape"))]
  case "broadcast_to_rank": return [Lax.broadcastToRank(x[0], rank: c.int("rank")!)]
  case "broadcast_like": return [Lax.broadcastLike(x[0], x[1])]
  case "collapse": return [Lax.collapse(x[0], start: c.int("start")!, stop: c.int("stop"))]
  case "tile": return [Lax.tile(x[0], reps: c.ints("reps")!)]
  case "stack": return [Lax.stack(x, axis: axis)]
  case "unstack": return Lax.unstack(x[0], axis: axis)
  case "split": return Lax.split(x[0], sizes: c.ints("sizes")!, axis: axis)
  case "batch_matmul": return [Lax.batchMatmul(x[0], x[1])]
  case "reciprocal": return [Lax.reciprocal(x[0])]
  default: return runLaxMore2(c, x)
  }
}

func runLaxMore2(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let k = c.int("k") ?? 0
  switch c.op {
  case "reduce_and": return [Lax.reduceAnd(x[0], axes: c.ints("axes")!)]
  case "reduce_or": return [Lax.reduceOr(x[0], axes: c.ints("axes")!)]
  case "reduce_xor": return [Lax.reduceXor(x[0], axes: c.ints("axes")!)]
  case "cumlogsumexp": return [Lax.cumulative(x[0], .logsumexp, axis: c.int("axis")!, reverse: c.bool("reverse"))]
  case "sort_key_val": let (a, b) = Lax.sortKeyVal(x[0], x[1], dimension: c.int("dimension")!); return [a, b]
  case "top_k": let (v, i) = Lax.topK(x[0], k: k, axis: c.int("axis") ?? -1); return [v, i]
  case "approx_max_k": let (v, i) = Lax.approxMaxK(x[0], k: k); return [v, i]
  case "approx_min_k": let (v, i) = Lax.approxMinK(x[0], k: k, reductionDimension: c.int("reduction_dimension") ?? -1); return [v, i]
  case "associative_scan":
    return [Lax.associativeScan(scanFn(c.params["fn"] as! String), x[0], reverse: c.bool("reverse"), axis: c.int("axis")!)]
  case "scatter_add": return [Lax.scatterAdd(x[0], x[1], x[2], dimensionNumbers: scatterNumbers())]
  case "scatter_sub": return [Lax.scatterSub(x[0], x[1], x[2], dimensionNumbers: scatterNumbers())]
  case "scatter_mul": return [Lax.scatterMul(x[0], x[1], x[2], dimensionNumbers: scatterNumbers())]
  case "scatter_min": return [Lax.scatterMin(x[0], x[1], x[2], dimensionNumbers: scatterNumbers())]
  case "scatter_max": return [Lax.scatterMax(x[0], x[1], x[2], dimensionNumbers: scatterNumbers())]
  case "mulhi": return [Lax.mulhi(x[0], x[1])]
  case "reduce_precision": return [Lax.reducePrecision(x[0], exponentBits: c.int("exponent_bits")!, mantissaBits: c.int("mantissa_bits")!)]
  case "reduce_precision_grad":
    let (e, m) = (c.int("exponent_bits")!, c.int("mantissa_bits")!)
    return [grad({ (v: Tensor) in Lax.reduceSum(Lax.mul(Lax.reducePrecision(v, exponentBits: e, mantissaBits: m), x[1]), axes: [0]) })(x[0])]
  default: return nil
  }
}

/// The shape calculators' fixtures: JAX's result as a flat integer list.
private func padding(_ v: Any?) -> PaddingSpec {
  switch v {
  case let s as String: return s == "SAME" ? .same : s == "SAME_LOWER" ? .sameLower : .valid
  case let pairs as [[Int]]: return .explicit(pairs.map { WindowPadding($0[0], $0[1]) })
  default: return .valid
  }
}

private func runShapeCase(_ c: FixtureCase) -> [Int]? {
  let ints = { (k: String) in c.ints(k)! }
  let dn = (c.params["dn"] as? [String]).map { ($0[0], $0[1], $0[2]) }
  switch c.op {
  case "conv_shape_tuple": return Lax.convShapeTuple(lhsShape: ints("lhs"), rhsShape: ints("rhs"), strides: ints("strides"), padding: padding(c.params["padding"]))
  case "conv_general_shape_tuple":
    return Lax.convGeneralShapeTuple(lhsShape: ints("lhs"), rhsShape: ints("rhs"), windowStrides: ints("strides"), padding: padding(c.params["padding"]), dimensionNumbers: dn!)
  case "conv_transpose_shape_tuple":
    return Lax.convTransposeShapeTuple(lhsShape: ints("lhs"), rhsShape: ints("rhs"), windowStrides: ints("strides"), padding: padding(c.params["padding"]), dimensionNumbers: dn!)
  case "conv_general_permutations": let p = Lax.convGeneralPermutations(dn!); return p.lhs + p.rhs + p.out
  case "reduce_window_shape_tuple":
    return Lax.reduceWindowShapeTuple(operandShape: ints("shape"), windowDimensions: ints("window"), windowStrides: ints("strides"),
                                      padding: (c.params["padding"] as! [[Int]]).map { WindowPadding($0[0], $0[1]) })
  case "padtype_to_pads":
    return Lax.padtypeToPads(inShape: ints("shape"), windowShape: ints("window"), windowStrides: ints("strides"), padding: padding(c.params["padding"])).flatMap { [$0.low, $0.high] }
  default: return nil
  }
}

private let shapeOps: Set<String> = ["conv_shape_tuple", "conv_general_shape_tuple", "conv_transpose_shape_tuple", "conv_general_permutations", "reduce_window_shape_tuple", "padtype_to_pads"]

/// Fixture cases with array inputs (the shape calculators and the
/// gradient case are checked on their own).
private func arrayCases(_ name: String) -> [FixtureCase] {
  loadFixtures(name).filter { !shapeOps.contains($0.op) }
}

extension NumpySuite {
@Suite struct LaxMoreTests {
  @Test func float32AndInt32MatchJAX() {
    checkLaxFixtures("lax_more", x64: false)
  }

  @Test func float64AndInt64MatchJAX() {
    checkLaxFixtures("lax_more_x64", x64: true)
  }

  /// checkFixtures over the array cases (they share the file with the
  /// shape calculators, compared as integer lists here).
  func checkLaxFixtures(_ name: String, x64: Bool) {
    checkFixtures(name, x64: x64) { c, x in shapeOps.contains(c.op) ? c.outputs.map(\.tensor) : runLaxMore(c, x) }
    for c in loadFixtures(name) where shapeOps.contains(c.op) {
      let got = runShapeCase(c)
      #expect(got == c.outputs[0].data.map { Int($0)! }, "\(c.op) \(c.params): \(String(describing: got)) vs \(c.outputs[0].data)")
    }
  }

  /// Every fixture case staged under `jit` gives the eager result bit for bit.
  @Test func jitMatchesEagerBitForBit() throws {
    try expectJitMatchesEager("lax_more", include: { !shapeOps.contains($0.op) }, runLaxMore)
  }

  /// vmap over a stacked pair of inputs equals applying the function to
  /// each, for every case with array inputs.
  @Test func vmapMatchesLoop() throws {
    let cases = arrayCases("lax_more").filter { $0.op != "reduce_precision_grad" }
    #expect(try expectVmapMatchesLoop(cases, runLaxMore) > 60)
  }
}
}

private func laxGradCases() -> [GradCheck] {
  var rng = SplitMix64(seed: 4242)
  func r(_ s: [Int], _ range: ClosedRange<Double> = -1...1) -> Tensor { randomTensor(s, in: range, rng: &rng) }
  let i1 = Tensor(Int32(1)), im1 = Tensor(Int32(-1))
  let dn = ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
  let idx = Tensor([1, 0, 1] as [Int32], shape: [3, 1])
  return [
    GradCheck(name: "associativeScan add", inputs: [r([7])]) { Lax.associativeScan({ Lax.add($0, $1) }, $0[0]) },
    GradCheck(name: "associativeScan mul reverse", inputs: [r([2, 6], 0.5...1.5)]) { Lax.associativeScan({ Lax.mul($0, $1) }, $0[0], reverse: true, axis: 1) },
    GradCheck(name: "associativeScan max", inputs: [r([5])]) { Lax.associativeScan({ Lax.max($0, $1) }, $0[0]) },
    GradCheck(name: "associativeScan pytree", inputs: [r([6], 0.5...1), r([6])]) { xs in
      // The linear recurrence h = a·h + b as a scan over (a, b) pairs.
      let out = Lax.associativeScan({ (p: [Tensor], q: [Tensor]) in [Lax.mul(q[0], p[0]), Lax.add(Lax.mul(q[0], p[1]), q[1])] }, [xs[0], xs[1]])
      return out[1]
    },
    GradCheck(name: "topK", inputs: [r([3, 5])]) { Lax.topK($0[0], k: 2).values },
    GradCheck(name: "approxMinK", inputs: [r([6])]) { Lax.approxMinK($0[0], k: 3).values },
    GradCheck(name: "sortKeyVal", inputs: [r([5]), r([5])]) { Lax.sortKeyVal($0[0], $0[1]).values },
    GradCheck(name: "dynamicSliceInDim", inputs: [r([3, 4])]) { Lax.dynamicSliceInDim($0[0], start: im1, sliceSize: 2, axis: 1) },
    GradCheck(name: "dynamicIndexInDim", inputs: [r([3, 4])]) { Lax.dynamicIndexInDim($0[0], index: i1, axis: 0, keepDims: false) },
    GradCheck(name: "dynamicUpdateSliceInDim", inputs: [r([3, 4]), r([3, 2])]) { Lax.dynamicUpdateSliceInDim($0[0], $0[1], start: i1, axis: 1) },
    GradCheck(name: "dynamicUpdateIndexInDim", inputs: [r([3, 4]), r([4])]) { Lax.dynamicUpdateIndexInDim($0[0], $0[1], index: im1, axis: 0) },
    GradCheck(name: "indexTake", inputs: [r([3, 4])]) { Lax.indexTake($0[0], [Tensor([0, 2, 2] as [Int32]), Tensor([1, -1, 3] as [Int32])], axes: [0, 1]) },
    GradCheck(name: "tile", inputs: [r([2, 3])]) { Lax.tile($0[0], reps: [2, 2]) },
    GradCheck(name: "collapse", inputs: [r([2, 3, 2])]) { Lax.collapse($0[0], start: 0, stop: 2) },
    GradCheck(name: "broadcastLike", inputs: [r([3, 1]), r([2, 3, 4])]) { Lax.broadcastLike($0[0], $0[1]) },
    GradCheck(name: "stack", inputs: [r([2, 3]), r([2, 3])]) { Lax.stack($0, axis: 1) },
    GradCheck(name: "split", inputs: [r([5, 2])]) { xs in let p = Lax.split(xs[0], sizes: [2, 3]); return Lax.mul(Lax.reduceSum(p[0], axes: [0]), Lax.reduceSum(p[1], axes: [0])) },
    GradCheck(name: "unstack", inputs: [r([3, 2])]) { xs in let u = Lax.unstack(xs[0], axis: 1); return Lax.mul(u[0], u[1]) },
    GradCheck(name: "batchMatmul", inputs: [r([2, 2, 3]), r([2, 3, 2])]) { Lax.batchMatmul($0[0], $0[1]) },
    GradCheck(name: "reciprocal", inputs: [r([4], 0.5...2)]) { Lax.reciprocal($0[0]) },
    GradCheck(name: "scatterAdd", inputs: [r([3, 2]), r([3, 2])]) { Lax.scatterAdd($0[0], idx, $0[1], dimensionNumbers: dn) },
    GradCheck(name: "scatterSub", inputs: [r([3, 2]), r([3, 2])]) { Lax.scatterSub($0[0], idx, $0[1], dimensionNumbers: dn) },
    // scatterMul is left out: its gradient needs unique indices, which
    // SwiftJAX's scatter cannot promise (JAX requires the flag too).
  ]
}

extension NumpySuite.LaxMoreTests {
  /// Reverse-mode gradients of Σ f(x)·t against central finite differences
  /// along random directions.
  @Test func gradientsMatchFiniteDifferences() throws {
    try expectGradientsMatchFiniteDifferences(laxGradCases(), seed: 77)
  }

  /// A pytree associative scan equals the sequential recurrence it encodes.
  @Test func pytreeScanEqualsSequentialRecurrence() {
    JAXConfig.withX64 {
      let a = Tensor([0.5, 0.9, 1.1, 0.7] as [Double]), b = Tensor([1, -2, 0.5, 3] as [Double])
      let out = Lax.associativeScan({ (p: [Tensor], q: [Tensor]) in [Lax.mul(q[0], p[0]), Lax.add(Lax.mul(q[0], p[1]), q[1])] }, [a, b])
      var h = 0.0
      let (av, bv) = (a.toArray(Double.self), b.toArray(Double.self))
      for (i, v) in out[1].toArray(Double.self).enumerated() {
        h = av[i] * h + bv[i]
        #expect(Swift.abs(v - h) < 1e-12, "step \(i): \(v) vs \(h)")
      }
    }
  }

  /// Bad input is an error naming the op, the shapes and this file.
  @Test func errorsNameTheOpShapesAndCaller() {
    let m = Numpy.zeros([3, 4])
    let checks: [(String, [String])] = [
      (errorMessage { Lax.indexInDim(m, 3, axis: 0) }, ["index_in_dim", "index 3", "size 3"]),
      (errorMessage { Lax.indexInDim(m, 0, axis: 2) }, ["index_in_dim", "axis 2", "(3, 4)"]),
      (errorMessage { Lax.dynamicSliceInDim(m, start: Tensor(Int32(0)), sliceSize: 1, axis: -3) }, ["dynamic_slice_in_dim", "axis -3"]),
      (errorMessage { Lax.indexTake(m, [Tensor([0] as [Int32])], axes: [0, 1]) }, ["index_take", "[0, 1]"]),
      (errorMessage { Lax.indexTake(m, [Tensor([0] as [Int32]), Tensor([0] as [Int32])], axes: [1, 0]) }, ["index_take", "sorted"]),
      (errorMessage { Lax.full([2], Numpy.zeros([2])) }, ["full", "scalar"]),
      (errorMessage { Lax.broadcastToRank(m, rank: 1) }, ["broadcast_to_rank", "(3, 4)"]),
      (errorMessage { Lax.broadcastLike(Numpy.zeros([2]), m) }, ["broadcast_like", "(2,)", "(3, 4)"]),
      (errorMessage { Lax.broadcastShapes([[2], [3]]) }, ["broadcast_shapes", "(2,)", "(3,)"]),
      (errorMessage { Lax.collapse(m, start: 1, stop: 0) }, ["collapse", "(3, 4)"]),
      (errorMessage { Lax.tile(m, reps: [2]) }, ["tile", "(3, 4)"]),
      (errorMessage { Lax.stack([m, Numpy.zeros([4, 3])]) }, ["stack", "(3, 4)", "(4, 3)"]),
      (errorMessage { Lax.split(m, sizes: [1, 1], axis: 0) }, ["split", "[1, 1]", "(3, 4)"]),
      (errorMessage { Lax.batchMatmul(m, Numpy.zeros([2, 4, 3])) }, ["batch_matmul", "(3, 4)", "(2, 4, 3)"]),
      (errorMessage { Lax.topK(m, k: 5) }, ["top_k", "k=5", "(3, 4)"]),
      (errorMessage { Lax.sortKeyVal(m, m, dimension: 2) }, ["sort_key_val", "axis 2"]),
      (errorMessage { Lax.associativeScan({ (p: [Tensor], q: [Tensor]) in zip(p, q).map { Lax.add($0, $1) } }, [m, Numpy.zeros([2, 4])]) }, ["associative_scan", "(3, 4)", "(2, 4)"]),
      (errorMessage { Lax.mulhi(m, m) }, ["mulhi", "float32"]),
      (errorMessage { Lax.reducePrecision(Tensor([1, 2] as [Int32]), exponentBits: 5, mantissaBits: 2) }, ["reduce_precision", "int32"]),
      (errorMessage { Lax.convShapeTuple(lhsShape: [1, 1, 5], rhsShape: [1, 1, 3], strides: [1], padding: .explicit([WindowPadding(-4, -3)])) }, ["conv_shape_tuple", "padding"]),
      (errorMessage { Lax.convGeneralPermutations(("NHWC", "HWIO", "NHC")) }, ["conv_general_permutations", "NHC"]),
    ]
    expectErrorsName(checks, callerFile: "LaxMoreTests.swift")
  }
}
