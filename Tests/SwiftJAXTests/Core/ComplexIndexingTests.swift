import Foundation
import Testing
@testable import SwiftJAX

/// Tests/Fixtures/complex_indexing.json (scripts/fixtures/gen_complex_indexing.py, JAX 0.10.2).
struct ComplexIndexingFile: Decodable {
  struct OpCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var x64: Bool
    var inputs: [ComplexFixtureFile.Encoded]
    var output: ComplexFixtureFile.Encoded
    var testDescription: String { name }
  }
  var ops: [OpCase]
  var grads: [ComplexFixtureFile.GradCase]
  /// The point `grads` differentiate at, and the constants they use.
  var z: [[String]]
  var w: [[String]]
  var gi: [Int32]

  static let shared = try? Fixtures.decode(ComplexIndexingFile.self, "complex_indexing.json")
}

/// Complex numbers through scatter (set/add/mul/min/max), gather and
/// `.at[]`, lexicographic max/min, cumulative sums/products/max/min,
/// sort/argsort/lexsort/unique/searchsorted: values against JAX (bit for
/// bit, NaNs compared as NaNs), jit == eager, vmap == loop, gradients
/// against JAX and finite differences, and the errors JAX also raises.
@Suite struct ComplexIndexingTests {
  static let elements = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
  static let rows = ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0])

  /// The Swift spelling of each fixture op, on the fixture's inputs in order.
  static let ops: [String: @Sendable ([Tensor]) -> Tensor] = {
    var t: [String: @Sendable ([Tensor]) -> Tensor] = [:]
    let scatterOps: [(String, ScatterOp)] = [("scatter", .set), ("scatter_add", .add), ("scatter_mul", .mul),
                                             ("scatter_min", .min), ("scatter_max", .max)]
    for (name, op) in scatterOps {
      t[name] = { a in Lax.scatter(a[0], a[1], a[2], op, dimensionNumbers: elements) }
      t[name + "_c128"] = t[name]
    }
    t["scatter_add_rows"] = { a in Lax.scatter(a[0], a[1], a[2], .add, dimensionNumbers: rows) }
    t["scatter_max_rows"] = { a in Lax.scatter(a[0], a[1], a[2], .max, dimensionNumbers: rows) }
    t["scatter_add_empty"] = t["scatter_add"]
    t["at_set"] = { a in a[0].at[a[1]].set(a[2]) }
    t["at_add"] = { a in a[0].at[a[1]].add(a[2]) }
    t["at_multiply"] = { a in a[0].at[a[1]].multiply(a[2]) }
    t["at_min"] = { a in a[0].at[a[1]].min(a[2]) }
    t["at_max"] = { a in a[0].at[a[1]].max(a[2]) }
    t["at_get"] = { a in a[0].at[a[1]].get() }
    t["take"] = { a in Numpy.take(a[0], a[1]) }
    t["take_oob_fill"] = { a in Numpy.take(a[0], a[1], mode: .fillOrDrop) }
    t["max"] = { a in Lax.max(a[0], a[1]) }
    t["min"] = { a in Lax.min(a[0], a[1]) }
    t["maximum"] = { a in Numpy.maximum(a[0], a[1]) }
    t["minimum"] = { a in Numpy.minimum(a[0], a[1]) }
    let cumOps: [(String, CumulativeOp)] = [("cumsum", .sum), ("cumprod", .prod), ("cummax", .max), ("cummin", .min)]
    for (name, op) in cumOps {
      t[name] = { a in Lax.cumulative(a[0], op, axis: 0) }
      t[name + "_reverse"] = { a in Lax.cumulative(a[0], op, axis: 0, reverse: true) }
      t[name + "_edge"] = t[name]
      t[name + "_edge_reverse"] = t[name + "_reverse"]
      t[name + "_axis0"] = t[name]
      t[name + "_empty"] = t[name]
      t[name + "_c128"] = t[name]
    }
    t["jnp_cumsum"] = { a in Numpy.cumsum(a[0]) }
    t["jnp_cumprod_axis1"] = { a in Numpy.cumprod(a[0], axis: 1) }
    t["jnp_cumulative_sum"] = { a in Numpy.cumulativeSum(a[0], includeInitial: true) }
    t["jnp_cumulative_prod"] = { a in Numpy.cumulativeProd(a[0], axis: 0, includeInitial: true) }
    t["sort"] = { a in Numpy.sort(a[0]) }
    t["sort_c128"] = t["sort"]
    t["sort_empty"] = t["sort"]
    t["sort_descending"] = { a in Numpy.sort(a[0], descending: true) }
    t["sort_axis0"] = { a in Numpy.sort(a[0], axis: 0) }
    t["argsort"] = { a in Numpy.argsort(a[0]) }
    t["argsort_c128"] = t["argsort"]
    t["argsort_descending"] = { a in Numpy.argsort(a[0], descending: true) }
    t["lax_sort_two"] = { a in Lax.sort([a[0], a[1]], dimension: 0, numKeys: 1)[1] }
    t["lax_sort_two_keys"] = { a in Lax.sort([a[0], a[1]], dimension: 0, numKeys: 2)[1] }
    t["lexsort"] = { a in Numpy.lexsort([a[0], a[1]]) }
    t["unique"] = { a in Numpy.unique(a[0]) }
    t["searchsorted_left"] = { a in Numpy.searchsorted(a[0], a[1]) }
    t["searchsorted_right"] = { a in Numpy.searchsorted(a[0], a[1], side: .right) }
    t["sin_c128"] = { a in Numpy.sin(a[0]) }
    t["cos_c128"] = { a in Numpy.cos(a[0]) }
    t["tan_c128"] = { a in Numpy.tan(a[0]) }
    t["tanh_c128"] = { a in Numpy.tanh(a[0]) }
    t["expm1_c128"] = { a in Numpy.expm1(a[0]) }
    t["exp_c128"] = { a in Numpy.exp(a[0]) }
    t["rsqrt_c128"] = { a in Lax.rsqrt(a[0]) }
    return t
  }()

  static var cases: [ComplexIndexingFile.OpCase] { ComplexIndexingFile.shared?.ops ?? [] }

  @Test func fixturesArePresent() {
    #expect(ComplexIndexingFile.shared != nil, "Tests/Fixtures/complex_indexing.json is missing or unreadable")
    #expect(Self.cases.count >= 70)
  }

  /// Eager results equal JAX's bit for bit (NaNs as NaNs), dtype and shape included.
  @Test(arguments: cases)
  func matchesJAX(_ c: ComplexIndexingFile.OpCase) throws {
    let f = try #require(Self.ops[c.name], "no Swift spelling for \(c.name)")
    JAXConfig.withX64(c.x64) {
      let got = f(c.inputs.map { $0.tensor() })
      if let d = JITEquality.difference(got, c.output.tensor()) { Issue.record("\(c.name): \(d)") }
    }
  }

  /// The same ops through one jitted function (generated C: scatter loops,
  /// cumulative folds, the sort kernel) equal the eager kernels bit for bit.
  @Test func jitEqualsEager() {
    for x64 in [false, true] {
      JAXConfig.withX64(x64) {
        var batch = DifferentialBatch()
        for c in Self.cases where c.x64 == x64 && !c.name.hasPrefix("unique") {
          guard let f = Self.ops[c.name] else { continue }
          batch.add(c.inputs.map { $0.tensor() }, f)
        }
        batch.run(separately: false)
      }
    }
  }

  /// Complex64 exp/sin/cos/tan/tanh/expm1/rsqrt (Tests/Fixtures/complex.json, with NaN,
  /// Inf, signed zeros and overflowing cosh) equal JAX's bit for bit, NaNs
  /// compared as NaNs; ComplexOpsTests checks them under jit.
  @Test func transcendentalsMatchJAXBitForBit() throws {
    let ops = try #require(ComplexFixtureFile.shared).ops
    let names = ["sin", "cos", "tan", "tanh", "expm1"].flatMap { [$0, $0 + "_edge"] } + ["exp", "exp_edge"]
    for name in names {
      let c = try #require(ops.first { $0.name == name }, "no fixture \(name)")
      let ops: [(String, UnaryOp)] = [("sin", .sin), ("cos", .cos), ("tanh", .tanh), ("tan", .tan), ("expm1", .expm1), ("exp", .exp), ("rsqrt", .rsqrt)]
      let op = try #require(ops.first { name.hasPrefix($0.0) }).1
      let got = bind1(.unary(op), [c.inputs[0].tensor()])
      if let d = JITEquality.difference(got, c.output.tensor()) { Issue.record("\(name): \(d)") }
    }
  }

  /// complex64 rsqrt is within 1 ulp of JAX's per part (measured: 1 ulp
  /// on 2 of 30 parts; XLA's float32 atan2/sin/cos inside its expansion are
  /// not all ported), complex128 bit for bit (matchesJAX, rsqrt_c128).
  @Test func complex64RsqrtWithinOneULP() throws {
    let ops = try #require(ComplexFixtureFile.shared).ops
    for name in ["rsqrt", "rsqrt_edge"] {
      let c = try #require(ops.first { $0.name == name })
      let got = try #require(Lax.rsqrt(c.inputs[0].tensor()).concrete), want = try #require(c.output.tensor().concrete)
      for k in 0..<(2 * got.count) {
        let (x, y) = (JITEquality.bits(got, k), JITEquality.bits(want, k))
        if JITEquality.isNaN(x, .float32) && JITEquality.isNaN(y, .float32) { continue }
        // Distance in float32 steps (signs equal: the bit patterns are ordered).
        let ulps = (x >> 31) == (y >> 31) ? (x > y ? x - y : y - x) : (x | y) & 0x7fff_ffff == 0 ? 0 : .max
        #expect(ulps <= 1, "\(name) part \(k): \(String(x, radix: 16)) vs JAX \(String(y, radix: 16))")
      }
    }
  }

  /// vmap of complex scatters, gathers, cumulative ops and sorts equals a
  /// loop over the batch.
  @Test func vmapEqualsLoop() {
    let re = Numpy.arange(0.0, 24.0).reshape([4, 6]) * 0.25 - 2
    let x = Lax.complex(Numpy.sin(re).astype(.float32), Numpy.cos(re * 3).astype(.float32))
    let idx = Tensor([0, 3, 0, 5] as [Int32])
    let fns: [(String, (Tensor) -> Tensor)] = [
      ("at_add", { r in r.at[idx].add(r[0..<4] * 2) }),
      ("at_max", { r in r.at[idx].max(r[2..<6]) }),
      ("at_mul", { r in r.at[idx].multiply(r[1..<5]) }),
      ("take", { r in Numpy.take(r, idx) }),
      ("cumsum", { r in Numpy.cumsum(r) }),
      ("cumprod_reverse", { r in Lax.cumulative(r, .prod, axis: 0, reverse: true) }),
      ("cummin", { r in Lax.cumulative(r, .min, axis: 0) }),
      ("sort", { r in Numpy.sort(r) }),
      ("argsort", { r in Numpy.argsort(r) }),
      ("sin_tanh", { r in Numpy.sin(r) + Numpy.tanh(r) * Numpy.tan(r) - Numpy.cos(r) * Numpy.expm1(r) }),
    ]
    for (name, f) in fns {
      let batched = vmap(f)(x)
      let loop = Numpy.stack((0..<4).map { f(x[$0]) })
      if let d = JITEquality.difference(batched, loop) { Issue.record("\(name): \(d)") }
    }
  }

  static let realFunctions: [String: @Sendable (Tensor) -> Tensor] = {
    let file = ComplexIndexingFile.shared
    let w = ComplexFixtureFile.Encoded(dtype: "complex64", shape: [3], weak: false, values: file?.w ?? []).tensor()
    let gi = Tensor(file?.gi ?? [])
    return [
      "take_abs2": { z in Numpy.sum(Numpy.square(Numpy.abs(Numpy.take(z, gi)))) },
      "index_mul": { z in Numpy.real(z[1] * z[2]) },
      "at_get_imag": { z in Numpy.sum(Numpy.imag(Numpy.square(z.at[gi].get()))) },
      "at_add_abs2": { z in Numpy.sum(Numpy.square(Numpy.abs(z.at[gi].add(w.astype(z.dtype))))) },
      "at_add_updates": { z in
        let base = (w * 2).astype(z.dtype)
        return Numpy.sum(Numpy.square(Numpy.abs(base.at[Tensor([0, 2, 0, 1] as [Int32])].add(z))))
      },
      "at_set_abs": { z in Numpy.sum(Numpy.abs(z.at[gi].set(w.astype(z.dtype) * z[3]))) },
      "at_mul_real": { z in Numpy.sum(Numpy.real(z.at[gi].multiply(w.astype(z.dtype)))) },
      "at_max_abs": { z in Numpy.sum(Numpy.abs(z.at[gi].max(w.astype(z.dtype)))) },
      "at_min_real": { z in Numpy.sum(Numpy.real(z.at[gi].min(w.astype(z.dtype)) * w.astype(z.dtype)[0])) },
      "cumsum_abs2": { z in Numpy.sum(Numpy.square(Numpy.abs(Numpy.cumsum(z)))) },
      "cumprod_real": { z in Numpy.sum(Numpy.real(Numpy.cumprod(z))) },
      "cumprod_reverse_imag": { z in Numpy.sum(Numpy.imag(Lax.cumulative(z, .prod, axis: 0, reverse: true))) },
      "cummax_abs": { z in Numpy.sum(Numpy.abs(Lax.cumulative(z, .max, axis: 0))) },
      "sort_weighted": { z in Numpy.real(Numpy.sum(Numpy.sort(z) * Numpy.arange(1.0, 5.0).astype(z.dtype.realPart))) },
      "sin_abs": { z in Numpy.sum(Numpy.abs(Numpy.sin(z))) },
      "cos_imag": { z in Numpy.sum(Numpy.imag(Numpy.cos(z) * z)) },
      "tan_tanh_real": { z in Numpy.sum(Numpy.real(Numpy.tanh(z)) * Numpy.imag(Numpy.tan(z * 0.5))) },
    ]
  }()
  static let holomorphicFunctions: [String: @Sendable (Tensor) -> Tensor] = {
    let gi = Tensor(ComplexIndexingFile.shared?.gi ?? [])
    return [
      "take_square": { z in Numpy.sum(Numpy.square(Numpy.take(z, gi))) },
      "cumsum_square": { z in Numpy.sum(Numpy.square(Numpy.cumsum(z))) },
      "cumprod_holo": { z in Numpy.sum(Numpy.cumprod(z)) },
      "sin_cos": { z in Numpy.sum(Numpy.sin(z) * Numpy.cos(z)) },
      "tan_tanh": { z in Numpy.sum(Numpy.tan(z * 0.5) + Numpy.tanh(z)) },
      "expm1_holo": { z in Numpy.sum(Numpy.expm1(z) * z) },
      "rsqrt_holo": { z in Numpy.sum(Lax.rsqrt(z) * z) },
    ]
  }()

  static var z: Tensor {
    ComplexFixtureFile.Encoded(dtype: "complex64", shape: [4], weak: false, values: ComplexIndexingFile.shared?.z ?? []).tensor()
  }

  @Test(arguments: ComplexIndexingFile.shared?.grads ?? [])
  func gradMatchesJAX(_ c: ComplexFixtureFile.GradCase) throws {
    try expectComplexGradMatchesJAX(c, real: Self.realFunctions, holomorphic: Self.holomorphicFunctions, at: Self.z, rtol: 4e-6)
  }

  /// JAX's grad of a real-valued f(x + iy) is ∂f/∂x − i·∂f/∂y: checked
  /// against central differences along 1 and i, in double precision.
  @Test(arguments: realFunctions.keys.sorted())
  func gradMatchesFiniteDifferences(_ name: String) throws {
    expectComplexGradMatchesFiniteDifferences(try #require(Self.realFunctions[name]), at: Self.z, elements: 4, name)
  }

  /// Gradients through indexing are the same under jit.
  @Test func jittedGradEqualsEager() {
    expectJittedGradsEqualEager(Self.realFunctions, at: Self.z, names: ["take_abs2", "at_add_abs2", "at_max_abs", "cumprod_real", "sort_weighted"])
  }

  /// What JAX also refuses on complex operands fails with an error naming
  /// the operation, the dtype and the caller's file.
  @Test func unsupportedComplexOpsNameOpDTypeAndSite() {
    let z = Self.z
    let cases: [(String, () -> Tensor)] = [
      ("argmax", { Numpy.argmax(z) }),
      ("clip", { Numpy.clip(z, min: Tensor(0 as Float), max: Tensor(1 as Float)) }),
    ]
    for (op, f) in cases {
      let e = #expect(throws: JAXError.self) { try JAXError.capture { _ = f() } }
      #expect(e?.operation == op, "\(String(describing: e))")
      #expect(e?.message.contains("complex64") == true, "\(String(describing: e))")
      #expect(e?.site?.file.description.hasSuffix("ComplexIndexingTests.swift") == true, "\(String(describing: e?.site))")
    }
  }
}
