import Foundation
import Testing
@testable import SwiftJAX

// JAX's answers at the edges (issue 20), against Tests/Fixtures/edges.json
// written by scripts/fixtures/gen_edges.py: clamped static indices and
// dropped out-of-range updates, half-precision reductions accumulated in
// float32, weak types through composite functions, JAX's linspace family
// formulas bit for bit, and empty logsumexp/softmax.

/// One fixture value: dtype, shape, weak bit and exact elements.
struct EdgeFixture {
  let array: NumpyFixtureArray
  let weak: Bool

  static let all: [String: EdgeFixture] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/edges.json")
    let json = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: [String: Any]]
    return json.mapValues { d in
      var plain = d
      plain["data"] = d["values"]
      return EdgeFixture(array: NumpyFixtureArray(plain), weak: d["weak"] as! Bool)
    }
  }()
}

/// Expects `got` to equal the fixture `name` exactly: dtype, shape, weak
/// type and every element's bits (NaN matches NaN). `ulps` allows that
/// many units in the last place where JAX's value goes through XLA's own
/// log/exp/pow polynomials, which differ from libm's by an ulp.
func expectEdge(_ name: String, _ got: Tensor, ulps: Double = 0, sourceLocation: SourceLocation = #_sourceLocation) {
  guard let want = EdgeFixture.all[name] else {
    Issue.record("no fixture \(name)", sourceLocation: sourceLocation)
    return
  }
  let w = want.array
  #expect(got.dtype == w.dtype, "\(name): dtype \(got.dtype), JAX \(w.dtype)", sourceLocation: sourceLocation)
  #expect(got.shape == w.shape, "\(name): shape \(got.shape), JAX \(w.shape)", sourceLocation: sourceLocation)
  #expect(got.weakType == want.weak, "\(name): weak type \(got.weakType), JAX \(want.weak)", sourceLocation: sourceLocation)
  guard got.dtype == w.dtype, got.shape == w.shape, let c = got.concrete else { return }
  var mismatches: [String] = []
  for (i, s) in w.data.enumerated() {
    let g = c.element(i)
    let ok: Bool
    if w.dtype.isFloatingPoint {
      let v = g.asDouble, e = Double(s)!
      let ulp = w.dtype == .float64 ? e.ulp : Double(Float(e).ulp)
      ok = (v.isNaN && e.isNaN) || (v == e && v.sign == e.sign) || Swift.abs(v - e) <= ulps * ulp
    } else if w.dtype.isBool {
      ok = g.asBool == (s == "true")
    } else {
      ok = g.asInt64 == Int64(s)!
    }
    if !ok { mismatches.append("[\(i)] \(g) vs JAX \(s)") }
  }
  #expect(mismatches.isEmpty, "\(name): \(mismatches.count) of \(w.data.count) elements differ: \(mismatches.prefix(5))", sourceLocation: sourceLocation)
}

@Suite struct EdgeSemanticsTests {
  @Test func staticOutOfRangeIndicesClamp() {
    let x = jnp.arange(10)
    let m = jnp.arange(12).reshape(3, 4)
    expectEdge("index_11", x[11])
    expectEdge("index_-11", x[-11])
    expectEdge("index_100", x[100])
    expectEdge("index2d_5_-9", m[5, -9])
    expectEdge("index2d_5", m[5])
    expectEdge("index2d_1_slice_7", m[1..., 7])
    expectEdge("at_10_get", x.at[10].get())
  }

  @Test func outOfRangeStaticUpdatesAreDropped() {
    let x = jnp.arange(10)
    let m = jnp.arange(12).reshape(3, 4)
    expectEdge("at_10_set", x.at[10].set(Tensor(99)))
    expectEdge("at_-11_set", x.at[-11].set(Tensor(99)))
    expectEdge("at_10_add", x.at[10].add(Tensor(5)))
    expectEdge("at2d_5_set", m.at[5].set(Tensor(1)))
    expectEdge("at2d_1_9_set", m.at[1, 9].set(Tensor(-1)))
  }

  /// The same under jit (the clamped index is a dynamic_slice there too).
  @Test func outOfRangeIndicesUnderJIT() {
    let f = jit { (x: Tensor) in x[11] + x.at[10].set(Tensor(99))[0] }
    #expect(f(jnp.arange(10)).item(Int32.self) == 9)
  }

  @Test func indexingAnEmptyAxisIsStillAnError() {
    #expect(throws: JAXError.self) { try JAXError.capture { _ = jnp.zeros([0])[0] } }
  }

  @Test func halfPrecisionReductionsAccumulateInFloat32() {
    let h = jnp.arange(300, dtype: .float16)
    let near1 = jnp.linspace(0.98, 1.02, num: 200).astype(.float16)
    expectEdge("f16_var", jnp.var(h))
    expectEdge("f16_std", jnp.std(h))
    expectEdge("f16_mean", jnp.mean(h))
    expectEdge("f16_sum", jnp.sum(h))
    expectEdge("f16_prod", jnp.prod(near1))
    expectEdge("f16_max", jnp.max(h))
    expectEdge("f16_var_ddof1", jnp.var(h.reshape(30, 10), axis: 0, ddof: 1))
    // jit agrees with eager bit for bit.
    let v = jit { (x: Tensor) in jnp.var(x) }(h)
    expectEdge("f16_var", v)
  }

  @Test func weakTypesThroughCompositeBinaryFunctions() {
    let a = jnp.array([7, -7])
    let w = Tensor(weak: 2.0)
    let fns: [(String, (Tensor, Tensor) -> Tensor)] = [
      ("floor_divide", { jnp.floorDivide($0, $1) }), ("remainder", { jnp.remainder($0, $1) }),
      ("mod", { jnp.mod($0, $1) }), ("fmod", { jnp.fmod($0, $1) }), ("true_divide", { jnp.trueDivide($0, $1) }),
      ("power", { jnp.power($0, $1) }), ("hypot", { jnp.hypot($0, $1) }), ("arctan2", { jnp.arctan2($0, $1) }),
      ("logaddexp", { jnp.logaddexp($0, $1) }), ("copysign", { jnp.copysign($0, $1) }),
      ("maximum", { jnp.maximum($0, $1) }), ("minimum", { jnp.minimum($0, $1) }), ("add", { jnp.add($0, $1) }),
      ("subtract", { jnp.subtract($0, $1) }), ("multiply", { jnp.multiply($0, $1) }),
    ]
    for (name, f) in fns { expectEdge("weak_\(name)", f(a, w)) }
  }

  @Test func weakTypesThroughCompositeUnaryFunctions() {
    let fns: [(String, (Tensor) -> Tensor)] = [
      ("sinc", { jnp.sinc($0) }), ("deg2rad", { jnp.deg2rad($0) }), ("rad2deg", { jnp.rad2deg($0) }),
      ("log10", { jnp.log10($0) }), ("log2", { jnp.log2($0) }), ("exp2", { jnp.exp2($0) }),
      ("reciprocal", { jnp.reciprocal($0) }), ("square", { jnp.square($0) }), ("sign", { jnp.sign($0) }),
      ("trunc", { jnp.trunc($0) }), ("cbrt", { jnp.cbrt($0) }), ("abs", { jnp.abs($0) }),
    ]
    for (name, f) in fns { expectEdge("weakunary_\(name)", f(Tensor(weak: 0.75)), ulps: 1) }
  }

  /// linspace and arange bit for bit; logspace/geomspace go through pow
  /// and log10, where XLA's own polynomials (JAX on CPU) differ from libm's
  /// by up to ~10 float32 ulps (JAX's geomspace(1, 1000, 7)[3] is
  /// 31.622793, the true value 31.6227766), so those are compared to 16 ulps.
  @Test func linspaceFamilyIsJAXsFormulaBitForBit() {
    expectEdge("linspace_-3_3_37", jnp.linspace(-3, 3, num: 37))
    expectEdge("linspace_0_1_10_noend", jnp.linspace(0, 1, num: 10, endpoint: false))
    expectEdge("linspace_1_-2_7", jnp.linspace(1, -2, num: 7))
    expectEdge("linspace_0_10_4_int32", jnp.linspace(0, 10, num: 4, dtype: .int32))
    expectEdge("linspace_0.1_0.7_13", jnp.linspace(0.1, 0.7, num: 13))
    expectEdge("linspace_-1_1_9_f16", jnp.linspace(-1, 1, num: 9, dtype: .float16))
    expectEdge("logspace_0_2_7", jnp.logspace(0, 2, num: 7), ulps: 16)
    expectEdge("logspace_-1_1_5_base2", jnp.logspace(-1, 1, num: 5, base: 2), ulps: 16)
    expectEdge("geomspace_1_1000_7", jnp.geomspace(1, 1000, num: 7), ulps: 16)
    expectEdge("geomspace_-2_-32_5", jnp.geomspace(-2, -32, num: 5), ulps: 16)
    expectEdge("geomspace_1_16_4_noend", jnp.geomspace(1, 16, num: 4, endpoint: false), ulps: 16)
    expectEdge("arange_0_1_0.1", jnp.arange(0.0, 1.0, 0.1))
    expectEdge("arange_-1_2_0.3", jnp.arange(-1.0, 2.0, 0.3))
    expectEdge("arange_3_-1_-0.7", jnp.arange(3.0, -1.0, -0.7))
    expectEdge("arange_0.5_3_0.25_f16", jnp.arange(0.5, 3.0, 0.25, dtype: .float16))
  }

  @Test func geomspaceRejectsZero() {
    #expect(throws: JAXError.self) { try JAXError.capture { _ = jnp.geomspace(0, 1, num: 3) } }
  }

  @Test func logsumexpAndSoftmaxOfEmptyArrays() {
    expectEdge("logsumexp_empty", jnp.logsumexp(jnp.zeros([0])))
    expectEdge("logsumexp_empty_axis1", jnp.logsumexp(jnp.zeros([2, 0]), axis: 1))
    expectEdge("softmax_empty", jnp.softmax(jnp.zeros([0])))
    expectEdge("log_softmax_empty", jnp.logSoftmax(jnp.zeros([3, 0])))
  }

  @Test func powersAndAbsoluteValuesOfIntegersAndBools() {
    expectEdge("power_bool_bool", jnp.power(jnp.array([true, false]), jnp.array([true, true])))
    expectEdge("power_bool_2", jnp.power(jnp.array([true, false]), 2))
    expectEdge("power_bool_uint8", jnp.power(jnp.array([true, false]), jnp.array([2, 3], dtype: .uint8)))
    expectEdge("power_int8_int32_scalar", jnp.power(jnp.array([3, -2], dtype: .int8), jnp.array(3, dtype: .int32)))
    expectEdge("at_power_int", jnp.arange(4).at[2].power(3))
    expectEdge("at_power_int_array", jnp.arange(4).at[jnp.array([1, 3])].power(jnp.array([5, 2])))
    expectEdge("abs_uint8", jnp.abs(jnp.array([3, 250], dtype: .uint8)))
    expectEdge("lax_pow_f32_i32", Lax.pow(jnp.array([2.0, 0.5, -3.0] as [Float]), jnp.array([3, -2, 3], dtype: .int32)))
  }

  /// JAX: "pow does not accept dtype int32 at position 0" and "abs does not
  /// accept dtype uint32"; `jnp.power`/`jnp.abs` are the integer spellings.
  @Test func laxPowOfIntegersAndAbsOfUnsignedAreErrors() {
    let i = jnp.array([2, 3], dtype: .int32), u = jnp.array([2, 3], dtype: .uint32)
    expectErrorsName([
      (errorMessage { Lax.pow(i, i) }, ["pow", "floating-point", "int32"]),
      (errorMessage { Lax.pow(u, u) }, ["pow", "uint32"]),
      (errorMessage { Lax.abs(u) }, ["abs", "signed integer", "uint32"]),
      (errorMessage { Lax.abs(jnp.array([true])) }, ["abs", "bool"]),
      (errorMessage { jit { (x: Tensor) in Lax.pow(x, x) }(i) }, ["pow", "int32"]),
    ], callerFile: "EdgeSemanticsTests.swift")
  }

  @Test func gradOfAtMultiplyWithUniqueIndices() {
    let idx = jnp.array([0, 2])
    let g = grad { (x: Tensor) in jnp.sum(jnp.square(x.at[idx].multiply(Tensor(weak: 3.0), uniqueIndices: true))) }
    expectEdge("grad_at_multiply_unique", g(jnp.array([1.0, 2.0, 3.0, 4.0] as [Float])))
  }
}
