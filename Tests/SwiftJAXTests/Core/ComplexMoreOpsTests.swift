import Foundation
import Testing
@testable import SwiftJAX

/// Tests/Fixtures/complex_more_ops.json (scripts/fixtures/gen_complex_more_ops.py, JAX 0.10.2).
struct ComplexMoreOpsFile: Decodable {
  var ops: [ComplexElementwiseFile.OpCase]
  var grads: [ComplexFixtureFile.GradCase]
  var z: [[String]]
  var w: [[String]]

  static let shared = try? Fixtures.decode(ComplexMoreOpsFile.self, "complex_more_ops.json")
}

/// Complex log, sqrt, pow, isnan/isinf/isfinite/isclose, atan2, clamp, logaddexp(2), cumlogsumexp, reduce_window
/// (sum/max/min) and histogram (lexicographic order): values bit for bit against JAX on edge grids (NaN, Inf,
/// signed zeros in either part) and random values, jit == eager, vmap ==
/// loop, gradients against JAX and finite differences.
@Suite struct ComplexMoreOpsTests {
  /// The window of the fixture's reduce_window rows: (2, 3), strides (1, 2).
  static func window(_ x: Tensor, _ op: ReduceWindowOp, _ padding: PaddingSpec) -> Tensor {
    Lax.reduceWindow(x, op, windowDimensions: [2, 3], windowStrides: [1, 2], padding: padding)
  }

  /// The Swift spelling of each fixture row, on its inputs in order.
  static func op(_ name: String) -> (([Tensor]) -> Tensor)? {
    let parts = name.split(separator: "_").map(String.init)
    switch parts[0] {
    case "log": return { a in Numpy.log(a[0]) }
    case "sqrt": return { a in Numpy.sqrt(a[0]) }
    case "pow": return { a in Lax.pow(a[0], a[1]) }
    case "isnan": return { a in Numpy.isnan(a[0]) }
    case "isinf": return { a in Numpy.isinf(a[0]) }
    case "isfinite": return { a in Numpy.isfinite(a[0]) }
    case "isclose": return { a in Numpy.isclose(a[0], a[1]) }
    case "atan2": return { a in Numpy.arctan2(a[0], a[1]) }
    case "logaddexp": return { a in Numpy.logaddexp(a[0], a[1]) }
    case "logaddexp2": return { a in Numpy.logaddexp2(a[0], a[1]) }
    case "clamp": return { a in Lax.clamp(a[0], a[1], a[2]) }
    case "cumlogsumexp":
      let axis = Int(parts[1]) ?? 0, reverse = parts[2] == "rev"
      return { a in Lax.cumulative(a[0], .logsumexp, axis: axis, reverse: reverse) }
    case "rw":
      let op: ReduceWindowOp = parts[1] == "sum" ? .sum : parts[1] == "max" ? .max : .min
      let padding: PaddingSpec = parts[2] == "same" ? .same : .valid
      return { a in window(a[0], op, padding) }
    case "hist": return histogram(parts[1], edges: parts[2] == "edges")
    default: return nil
    }
  }

  /// The generator's HIST table: bins, range and density of each case
  /// (weights, when given, are the row's second input).
  static func histogram(_ kind: String, edges: Bool) -> ([Tensor]) -> Tensor {
    let bins = ["basic": 3, "range": 3, "spread": 7][kind] ?? 2
    let range: (Double, Double)? = kind == "range" ? (0, 4) : nil
    return { a in
      let (counts, binEdges) = Numpy.histogram(a[0], bins: bins, range: range, weights: a.count > 1 ? a[1] : nil, density: kind == "density")
      return edges ? binEdges : counts
    }
  }

  static var cases: [ComplexElementwiseFile.OpCase] { ComplexMoreOpsFile.shared?.ops ?? [] }

  @Test func fixturesArePresent() {
    #expect(ComplexMoreOpsFile.shared != nil, "Tests/Fixtures/complex_more_ops.json is missing or unreadable")
    #expect(Self.cases.count == 94)
  }

  /// Eager results equal JAX's bit for bit (NaNs as NaNs), dtype and shape
  /// included. Not the reduce_window sums (`exact` false): XLA marks their
  /// add `reassoc` and LLVM regroups each window's sum (row by row for this
  /// window), which SwiftJAX's row-major fold does not reproduce; they are
  /// within a few ulp.
  @Test(arguments: cases)
  func matchesJAX(_ c: ComplexElementwiseFile.OpCase) throws {
    let f = try #require(Self.op(c.name), "no Swift spelling for \(c.name)")
    JAXConfig.withX64(c.x64) {
      let got = f(c.inputs.map { $0.tensor() })
      if !c.exact { return expectMatches(got, c.output, rtol: c.x64 ? 1e-15 : 1e-6, c.name) }
      if let d = JITEquality.difference(got, c.output.tensor()) { Issue.record("\(c.name): \(d)") }
    }
  }

  /// The same rows through jitted functions (generated C pastes the same
  /// jx_scalar_text.h helpers, or calls the same kernels) equal eager bit for bit.
  @Test func jitEqualsEager() {
    for x64 in [false, true] {
      JAXConfig.withX64(x64) {
        var batch = DifferentialBatch()
        for c in Self.cases where c.x64 == x64 {
          guard let f = Self.op(c.name) else { continue }
          batch.add(c.inputs.map { $0.tensor() }, f)
        }
        // A fused chain: atan2, logaddexp and clamp inlined into one loop.
        if let c = Self.cases.first(where: { $0.name == "atan2_spread" + (x64 ? "_c128" : "") }) {
          batch.add(c.inputs.map { $0.tensor() }) { a in
            Lax.clamp(a[1], Numpy.logaddexp(Lax.atan2(a[0], a[1]), a[0] * a[1]), a[0] + 10)
          }
        }
        batch.run(separately: false)
      }
    }
  }

  /// vmap of each op equals a loop over the batch.
  @Test func vmapEqualsLoop() {
    let re = Numpy.arange(0.0, 48.0).reshape([2, 4, 6]) * 0.25 - 2
    let x = Lax.complex(Numpy.sin(re).astype(.float32), Numpy.cos(re * 3).astype(.float32))
    let w = Lax.complex(Numpy.cos(re).astype(.float32), (re * 0.5).astype(.float32))
    let fns: [(String, (Tensor, Tensor) -> Tensor)] = [
      ("atan2", { a, b in Lax.atan2(a, b) }), ("logaddexp", { a, b in Numpy.logaddexp(a, b) }),
      ("clamp", { a, b in Lax.clamp(b[0, 0], a, b[1, 1]) }),
      ("cumlogsumexp", { a, _ in Lax.cumulative(a, .logsumexp, axis: 1) }),
      ("cumlogsumexp_rev", { a, _ in Lax.cumulative(a, .logsumexp, axis: 0, reverse: true) }),
      ("rw_sum", { a, _ in Self.window(a, .sum, .same) }), ("rw_max", { a, _ in Self.window(a, .max, .valid) }),
      ("rw_min", { a, _ in Self.window(a, .min, .same) }),
    ]
    for (name, f) in fns {
      let batched = vmap { (a: Tensor, b: Tensor) in f(a, b) }(x, w)
      let loop = Numpy.stack((0..<2).map { f(x[$0], w[$0]) })
      if let d = JITEquality.difference(batched, loop) { Issue.record("\(name): \(d)") }
    }
  }

  static var z: Tensor {
    ComplexFixtureFile.Encoded(dtype: "complex64", shape: [4], weak: false, values: ComplexMoreOpsFile.shared?.z ?? []).tensor()
  }
  static var w: Tensor {
    ComplexFixtureFile.Encoded(dtype: "complex64", shape: [4], weak: false, values: ComplexMoreOpsFile.shared?.w ?? []).tensor()
  }
  /// The generator's 4x4 operand of the reduce_window gradients.
  static func square(_ z: Tensor) -> Tensor {
    let w = ComplexMoreOpsTests.w.astype(z.dtype)
    return Numpy.stack([z, z * w, z + w, w - z])
  }

  static let realFunctions: [String: @Sendable (Tensor) -> Tensor] = [
    "atan2_abs": { z in Numpy.sum(Numpy.abs(Lax.atan2(z, ComplexMoreOpsTests.w.astype(z.dtype)))) },
    "atan2_x_real": { z in Numpy.sum(Numpy.real(Lax.atan2(ComplexMoreOpsTests.w.astype(z.dtype), z)) * Numpy.imag(z)) },
    "logaddexp_abs": { z in Numpy.sum(Numpy.abs(Numpy.logaddexp(z, ComplexMoreOpsTests.w.astype(z.dtype)))) },
    "cumlogsumexp_real": { z in
      let w = ComplexMoreOpsTests.w.astype(z.dtype)
      return Numpy.sum(Numpy.real(Lax.cumulative(z * w, .logsumexp, axis: 0)) * Numpy.real(w))
    },
    "cumlogsumexp_rev_abs": { z in Numpy.sum(Numpy.abs(Lax.cumulative(z, .logsumexp, axis: 0, reverse: true))) },
    "rw_sum_abs2": { z in Numpy.sum(Numpy.square(Numpy.abs(window(square(z), .sum, .same)))) },
  ]
  static let holomorphicFunctions: [String: @Sendable (Tensor) -> Tensor] = [
    "atan2_holo": { z in
      let w = ComplexMoreOpsTests.w.astype(z.dtype)
      return Numpy.sum(Lax.atan2(z, w) + Lax.atan2(w, z * z))
    },
    "logaddexp_holo": { z in Numpy.sum(Numpy.logaddexp(z, ComplexMoreOpsTests.w.astype(z.dtype) * z)) },
    "logaddexp2_holo": { z in Numpy.sum(Numpy.logaddexp2(ComplexMoreOpsTests.w.astype(z.dtype), z * z)) },
    "cumlogsumexp_holo": { z in Numpy.sum(Lax.cumulative(z, .logsumexp, axis: 0) * ComplexMoreOpsTests.w.astype(z.dtype)) },
    "rw_sum_holo": { z in
      Numpy.sum(window(square(z), .sum, .valid) * window(square(z), .sum, .same)[0..<3, 0..<2])
    },
  ]

  @Test(arguments: ComplexMoreOpsFile.shared?.grads ?? [])
  func gradMatchesJAX(_ c: ComplexFixtureFile.GradCase) throws {
    try expectComplexGradMatchesJAX(c, real: Self.realFunctions, holomorphic: Self.holomorphicFunctions, at: Self.z, rtol: 2e-5)
  }

  /// JAX's grad of a real-valued f(x + iy) is ∂f/∂x − i·∂f/∂y: checked
  /// against central differences along 1 and i, in double precision.
  @Test(arguments: realFunctions.keys.sorted())
  func gradMatchesFiniteDifferences(_ name: String) throws {
    expectComplexGradMatchesFiniteDifferences(try #require(Self.realFunctions[name]), at: Self.z, elements: 4, name)
  }

  /// Gradients through the new ops are the same under jit.
  @Test func jittedGradEqualsEager() {
    expectJittedGradsEqualEager(Self.realFunctions, at: Self.z)
  }

  /// JAX has no derivative for complex clamp or reduce_window max (their
  /// JVPs compare with gt/ge, which refuse complex); neither has SwiftJAX:
  /// an error naming the comparison and the dtype.
  @Test func orderDerivativesAreRefused() {
    let z = Self.z
    let cases: [(String, (Tensor) -> Tensor)] = [
      ("clamp", { x in Numpy.sum(Numpy.abs(Lax.clamp(z[0], x, z[1]))) }),
      ("reduce_window_max", { x in Numpy.sum(Numpy.abs(Self.window(Numpy.stack([x, x]), .max, .valid))) }),
    ]
    for (name, f) in cases {
      let e = #expect(throws: JAXError.self, "\(name)") { try JAXError.capture { _ = grad(f)(z) } }
      #expect(e?.message.contains("complex64") == true, "\(name): \(String(describing: e))")
    }
  }
}
