import Foundation
import Testing
@testable import SwiftJAX

/// Tests/Fixtures/complex_elementwise.json (scripts/fixtures/gen_complex_elementwise.py, JAX 0.10.2).
struct ComplexElementwiseFile: Decodable {
  struct OpCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var x64: Bool
    /// Asserted bit for bit; otherwise to `ComplexElementwiseTests.powTolerance`.
    var exact: Bool
    var inputs: [ComplexFixtureFile.Encoded]
    var output: ComplexFixtureFile.Encoded
    var testDescription: String { name }
  }
  var ops: [OpCase]
  var grads: [ComplexFixtureFile.GradCase]
  /// The lax ops JAX refuses on complex64 (the generator asserts each raises).
  var refused: [String]
  /// The point `grads` differentiate at, and their constant exponent.
  var z: [[String]]
  var w: [[String]]

  static let shared = try? Fixtures.decode(ComplexElementwiseFile.self, "complex_elementwise.json")
}

/// Complex sinh, cosh, exp2, logistic, log1p, inverse trig, pow and
/// jnp.max/min: values against JAX (bit for bit but pow and asin/acos/asinh/acosh on edge grids with NaN, Inf
/// and signed zeros in either part; pow to a relative tolerance), jit ==
/// eager, vmap == loop, gradients against JAX and finite differences, and
/// the errors JAX also raises.
@Suite struct ComplexElementwiseTests {
  /// The Swift spelling of each fixture op (the name up to its first `_`,
  /// `pow_int`/`pow_special` included), on the fixture's inputs in order.
  static func op(_ name: String) -> (([Tensor]) -> Tensor)? {
    switch name.split(separator: "_").first.map(String.init) ?? name {
    case "sinh": { a in Lax.sinh(a[0]) }
    case "cosh": { a in Numpy.cosh(a[0]) }
    case "exp2": { a in Numpy.exp2(a[0]) }
    case "logistic": { a in Lax.logistic(a[0]) }
    case "log1p": { a in Numpy.log1p(a[0]) }
    case "atanh": { a in Numpy.arctanh(a[0]) }
    case "atan": { a in Lax.atan(a[0]) }
    case "asin": { a in Numpy.arcsin(a[0]) }
    case "acos": { a in Numpy.arccos(a[0]) }
    case "asinh": { a in Lax.asinh(a[0]) }
    case "acosh": { a in Numpy.arccosh(a[0]) }
    case "pow": { a in Lax.pow(a[0], a[1]) }
    case "reduce": reduction(name)
    default: nil
    }
  }

  /// `reduce_max_all`, `reduce_min_1_c128`: jnp.max/jnp.min over no axis or one.
  static func reduction(_ name: String) -> ([Tensor]) -> Tensor {
    let parts = name.split(separator: "_")
    let axis = Int(parts[2])
    return parts[1] == "max" ? { a in Numpy.max(a[0], axis: axis) } : { a in Numpy.min(a[0], axis: axis) }
  }

  /// pow's bound on |got - JAX| / |JAX| (complex modulus): JAX's float
  /// pow/atan2/hypot inside x^w = |x|^c e^(-d arg x) cis(c arg x + d log|x|)
  /// are XLA:CPU's own, and their last-bit differences are amplified by |w|.
  /// Measured on 40000 random pairs (|w| < 20): 1.5e-5 (complex64), 2.9e-14
  /// (complex128); the fixtures' moderate pairs stay well inside these.
  static func powTolerance(_ x64: Bool) -> Double { x64 ? 1e-13 : 4e-5 }

  /// asin/acos/asinh/acosh: per part, in steps of the component type (about
  /// 1 % of random values differ from JAX by 1-5 ulp: an fma contraction of
  /// XLA:CPU's inside functional_algorithms' kernel is not reproduced).
  static let ulpTolerance: UInt64 = 8

  /// The distance in ulps of parts `x` and `y` (bit patterns of `d`), nil
  /// when only one is NaN or their signs differ (zeros of either sign agree).
  static func ulps(_ x: UInt64, _ y: UInt64, _ d: DType) -> UInt64? {
    let nx = JITEquality.isNaN(x, d), ny = JITEquality.isNaN(y, d)
    if nx || ny { return nx && ny ? 0 : nil }
    let sign: UInt64 = d == .float64 ? 1 << 63 : 1 << 31
    if (x | y) & ~sign == 0 { return 0 }
    guard x & sign == y & sign else { return nil }
    return x > y ? x - y : y - x
  }

  static var cases: [ComplexElementwiseFile.OpCase] { ComplexElementwiseFile.shared?.ops ?? [] }

  @Test func fixturesArePresent() {
    #expect(ComplexElementwiseFile.shared != nil, "Tests/Fixtures/complex_elementwise.json is missing or unreadable")
    #expect(Self.cases.count == 62)
  }

  /// Eager results equal JAX's bit for bit (NaNs as NaNs), dtype and shape
  /// included; pow within `powTolerance` with JAX's Inf/NaN pattern.
  @Test(arguments: cases)
  func matchesJAX(_ c: ComplexElementwiseFile.OpCase) throws {
    let f = try #require(Self.op(c.name), "no Swift spelling for \(c.name)")
    try JAXConfig.withX64(c.x64) {
      let got = f(c.inputs.map { $0.tensor() })
      if c.exact {
        if let d = JITEquality.difference(got, c.output.tensor()) { Issue.record("\(c.name): \(d)") }
        return
      }
      if !c.name.hasPrefix("pow") { return try expectWithinULPs(got, c) }
      #expect(got.dtype.name == c.output.dtype && got.shape == c.output.shape, "\(c.name): \(got.dtype) \(got.shape)")
      let values = try #require(got.concrete)
      for (i, want) in c.output.scalars.enumerated() {
        guard case .complex(let wr, let wi) = want, case .complex(let gr, let gi) = values.element(i) else {
          Issue.record("\(c.name)[\(i)]: not complex"); continue
        }
        let finite = wr.isFinite && wi.isFinite
        if !finite {
          #expect(closeParts(gr, wr, rtol: 0) && closeParts(gi, wi, rtol: 0), "\(c.name)[\(i)]: (\(gr), \(gi)) vs JAX (\(wr), \(wi))")
          continue
        }
        let err = hypot(gr - wr, gi - wi) / Swift.max(hypot(wr, wi), .leastNormalMagnitude)
        #expect(err <= Self.powTolerance(c.x64), "\(c.name)[\(i)]: (\(gr), \(gi)) vs JAX (\(wr), \(wi)), relative error \(err)")
      }
    }
  }

  func expectWithinULPs(_ got: Tensor, _ c: ComplexElementwiseFile.OpCase) throws {
    let want = try #require(c.output.tensor().concrete), values = try #require(got.concrete)
    #expect(got.dtype == want.aval.dtype && got.shape == want.aval.shape, "\(c.name): \(got.dtype) \(got.shape)")
    let part = got.dtype.realPart
    for k in 0..<(2 * values.count) {
      let (x, y) = (JITEquality.bits(values, k), JITEquality.bits(want, k))
      let d = Self.ulps(x, y, part)
      #expect(d.map { $0 <= Self.ulpTolerance } == true, "\(c.name) part \(k): \(String(x, radix: 16)) vs JAX \(String(y, radix: 16))")
    }
  }

  /// The same ops through jitted functions (generated C pastes the same
  /// jx_scalar_text.h helpers) equal the eager kernels bit for bit.
  @Test func jitEqualsEager() {
    for x64 in [false, true] {
      JAXConfig.withX64(x64) {
        var batch = DifferentialBatch()
        for c in Self.cases where c.x64 == x64 {
          guard let f = Self.op(c.name) else { continue }
          batch.add(c.inputs.map { $0.tensor() }, f)
        }
        // A fused chain: the helpers inlined into one loop.
        if let c = Self.cases.first(where: { $0.name == "pow" + (x64 ? "_c128" : "") }) {
          batch.add(c.inputs.map { $0.tensor() }) { a in
            Lax.logistic(Lax.sinh(a[0]) * Lax.cosh(a[1])) + Numpy.log1p(Numpy.exp2(a[0])) - Lax.pow(a[0], a[1])
          }
        }
        batch.run(separately: false)
      }
    }
  }

  /// vmap of each op equals a loop over the batch.
  @Test func vmapEqualsLoop() {
    let re = Numpy.arange(0.0, 24.0).reshape([4, 6]) * 0.25 - 2
    let x = Lax.complex(Numpy.sin(re).astype(.float32), Numpy.cos(re * 3).astype(.float32))
    let w = Lax.complex(Numpy.cos(re).astype(.float32), (re * 0.5).astype(.float32))
    let fns: [(String, (Tensor, Tensor) -> Tensor)] = [
      ("sinh", { a, _ in Lax.sinh(a) }), ("cosh", { a, _ in Lax.cosh(a) }), ("exp2", { a, _ in Lax.exp2(a) }),
      ("logistic", { a, _ in Lax.logistic(a) }), ("log1p", { a, _ in Lax.log1p(a) }), ("pow", { a, b in Lax.pow(a, b) }),
      ("atanh", { a, _ in Lax.atanh(a) }), ("atan", { a, _ in Lax.atan(a) }), ("asin", { a, _ in Lax.asin(a) }),
      ("acos", { a, _ in Lax.acos(a) }), ("asinh", { a, _ in Lax.asinh(a) }), ("acosh", { a, _ in Lax.acosh(a) }),
    ]
    for (name, f) in fns {
      let batched = vmap { (a: Tensor, b: Tensor) in f(a, b) }(x, w)
      let loop = Numpy.stack((0..<4).map { f(x[$0], w[$0]) })
      if let d = JITEquality.difference(batched, loop) { Issue.record("\(name): \(d)") }
    }
  }

  static var z: Tensor {
    ComplexFixtureFile.Encoded(dtype: "complex64", shape: [4], weak: false, values: ComplexElementwiseFile.shared?.z ?? []).tensor()
  }
  static var w: Tensor {
    ComplexFixtureFile.Encoded(dtype: "complex64", shape: [4], weak: false, values: ComplexElementwiseFile.shared?.w ?? []).tensor()
  }

  static let realFunctions: [String: @Sendable (Tensor) -> Tensor] = [
    "sinh_abs": { z in Numpy.sum(Numpy.abs(Numpy.sinh(z))) },
    "cosh_real": { z in Numpy.sum(Numpy.real(Numpy.cosh(z) * z)) },
    "exp2_imag": { z in Numpy.sum(Numpy.imag(Numpy.exp2(z))) },
    "logistic_abs2": { z in Numpy.sum(Numpy.square(Numpy.abs(Lax.logistic(z)))) },
    "log1p_real": { z in Numpy.sum(Numpy.real(Numpy.log1p(z)) * Numpy.imag(z)) },
    "pow_abs": { z in Numpy.sum(Numpy.abs(Lax.pow(z, ComplexElementwiseTests.w.astype(z.dtype)))) },
    "pow_base_imag": { z in Numpy.sum(Numpy.imag(Lax.pow(ComplexElementwiseTests.w.astype(z.dtype), z))) },
    "max_abs": { z in Numpy.abs(Numpy.max(z * ComplexElementwiseTests.w.astype(z.dtype))) },
    "min_real": { z in Numpy.real(Numpy.min(z) * ComplexElementwiseTests.w.astype(z.dtype)[0]) },
    "atanh_abs": { z in Numpy.sum(Numpy.abs(Numpy.arctanh(z * 0.5))) },
    "atan_imag": { z in Numpy.sum(Numpy.imag(Numpy.arctan(z)) * Numpy.real(z)) },
    "asin_acos_real": { z in Numpy.sum(Numpy.real(Numpy.arcsin(z)) * Numpy.imag(Numpy.arccos(z))) },
    // acosh at z + 2: where Re z < 0 JAX's acosh derivative rsqrt(z^2 - 1)
    // (which SwiftJAX follows: asinh_acosh_holo) is minus acosh'(z), so finite
    // differences would disagree with JAX there.
    "asinh_acosh_abs": { z in Numpy.sum(Numpy.abs(Numpy.arcsinh(z) + Numpy.arccosh(z + 2))) },
  ]
  static let holomorphicFunctions: [String: @Sendable (Tensor) -> Tensor] = [
    "sinh_cosh": { z in Numpy.sum(Numpy.sinh(z) * Numpy.cosh(z)) },
    "exp2_holo": { z in Numpy.sum(Numpy.exp2(z) * z) },
    "logistic_holo": { z in Numpy.sum(Lax.logistic(z)) },
    "log1p_holo": { z in Numpy.sum(Numpy.log1p(z) * z) },
    "pow_holo": { z in
      let w = ComplexElementwiseTests.w.astype(z.dtype)
      return Numpy.sum(Lax.pow(z, w) + Lax.pow(w, z))
    },
    "atan_atanh_holo": { z in Numpy.sum(Numpy.arctan(z) * Numpy.arctanh(z * 0.5)) },
    "asin_acos_holo": { z in Numpy.sum(Numpy.arcsin(z) * z + Numpy.arccos(z * 0.5)) },
    "asinh_acosh_holo": { z in Numpy.sum(Numpy.arcsinh(z) * Numpy.arccosh(z)) },
  ]

  @Test(arguments: ComplexElementwiseFile.shared?.grads ?? [])
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

  /// What JAX 0.10.2 refuses on complex64 (the fixture lists what its
  /// generator saw raise) fails with an error naming the operation, the
  /// dtype and the caller's file.
  @Test func refusedOpsNameOpDTypeAndSite() throws {
    let z = Self.z
    let cases: [(String, String, () -> Tensor)] = [
      ("argmax", "argmax", { Numpy.argmax(z) }),
      ("argmin", "argmin", { Numpy.argmin(z) }),
      ("cbrt", "cbrt", { Lax.cbrt(z) }),
      ("erf", "erf", { Lax.erf(z) }),
      ("is_finite", "is_finite", { Lax.isFinite(z) }),
      ("rem", "rem", { Lax.rem(z, z) }),
      ("pow_mixed", "pow", { Lax.pow(z, Numpy.real(z)) }),
    ]
    let refused = try #require(ComplexElementwiseFile.shared).refused
    #expect(Set(refused) == Set(cases.map(\.0)), "JAX refused \(refused)")
    for (_, op, f) in cases {
      let e = #expect(throws: JAXError.self) { try JAXError.capture { _ = f() } }
      #expect(e?.operation == op, "\(String(describing: e))")
      #expect(e?.message.contains("complex64") == true, "\(String(describing: e))")
      #expect(e?.site?.file.description.hasSuffix("ComplexElementwiseTests.swift") == true, "\(String(describing: e?.site))")
    }
  }
}
