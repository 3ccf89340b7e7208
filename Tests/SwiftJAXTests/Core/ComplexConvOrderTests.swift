import Foundation
import Testing
@testable import SwiftJAX

/// Tests/Fixtures/complex_conv_order.json (scripts/fixtures/gen_complex_conv_order.py, JAX 0.10.2).
struct ComplexConvOrderFile: Decodable {
  /// SAME/VALID or explicit (low, high) pairs.
  enum Padding: Decodable, Sendable {
    case named(String)
    case pairs([[Int]])
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let s = try? c.decode(String.self) { self = .named(s) } else { self = .pairs(try c.decode([[Int]].self)) }
    }
    var spec: PaddingSpec {
      switch self {
      case .named(let s): s == "SAME" ? .same : .valid
      case .pairs(let p): .explicit(p.map { WindowPadding($0[0], $0[1]) })
      }
    }
  }
  struct Conv: Decodable, Sendable {
    var strides: [Int]
    var padding: Padding
    var lhs_dilation: [Int]
    var rhs_dilation: [Int]
    var dn: [String]
    var fgc: Int
    var bgc: Int
    var preferred: String?
  }
  struct Window: Decodable, Sendable {
    var dims: [Int]
    var strides: [Int]
    var padding: Padding
    var base_dilation: [Int]
    var window_dilation: [Int]
  }
  struct OpCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var x64: Bool
    var exact: Bool
    var inputs: [ComplexFixtureFile.Encoded]
    var output: ComplexFixtureFile.Encoded
    var conv: Conv?
    var window: Window?
    var testDescription: String { name }
  }
  var ops: [OpCase]
  var grads: [ComplexFixtureFile.GradCase]
  var refused: [String]
  var z: [[String]]
  var w: [[String]]

  static let shared = try? Fixtures.decode(ComplexConvOrderFile.self, "complex_conv_order.json")
}

/// Complex conv_general_dilated (values, JVP, both transposes, batching),
/// the jnp order functions on complex (greater...less_equal, maximum,
/// minimum, fmax, fmin, sort, argsort, searchsorted, digitize: JAX's
/// lexicographic order with NaN handling), reduce_window with a product
/// (real, integer and complex) and its JVP, jnp.vander, convolve and
/// correlate on complex: against JAX, jit == eager, vmap == loop, gradients
/// against JAX and finite differences, and the calls JAX refuses.
@Suite struct ComplexConvOrderTests {
  static func conv(_ p: ComplexConvOrderFile.Conv) -> (Tensor, Tensor) -> Tensor {
    { a, b in
      Lax.convGeneralDilated(
        a, b, windowStrides: p.strides, padding: p.padding.spec, lhsDilation: p.lhs_dilation, rhsDilation: p.rhs_dilation,
        dimensionNumbers: (p.dn[0], p.dn[1], p.dn[2]), featureGroupCount: p.fgc, batchGroupCount: p.bgc,
        preferredElementType: p.preferred.flatMap(DType.init(name:)))
    }
  }

  static func window(_ w: ComplexConvOrderFile.Window) -> (Tensor) -> Tensor {
    { x in
      Lax.reduceWindow(
        x, .prod, windowDimensions: w.dims, windowStrides: w.strides, padding: w.padding.spec, baseDilation: w.base_dilation,
        windowDilation: w.window_dilation)
    }
  }

  /// The Swift spelling of each fixture row, on its inputs in order.
  static func op(_ c: ComplexConvOrderFile.OpCase) -> (([Tensor]) -> Tensor)? {
    let parts = c.name.split(separator: "_").map(String.init)
    switch parts[0] {
    case "conv":
      guard let p = c.conv else { return nil }
      let f = conv(p)
      return { a in f(a[0], a[1]) }
    case "convjvp":
      guard let p = c.conv else { return nil }
      let f = conv(p)
      return { a in jvp({ (x: Tensor, y: Tensor) in f(x, y) }, primals: (a[0], a[1]), tangents: (a[2], a[3])).1 }
    case "convvjplhs", "convvjprhs":
      guard let p = c.conv else { return nil }
      let f = conv(p), lhs = parts[0] == "convvjplhs"
      return { a in
        let (_, pull) = vjp({ (x: Tensor, y: Tensor) in f(x, y) }, a[0], a[1])
        let (gl, gr) = pull(a[2])
        return lhs ? gl : gr
      }
    case "greater": return { a in parts[1] == "equal" ? Numpy.greaterEqual(a[0], a[1]) : Numpy.greater(a[0], a[1]) }
    case "less": return { a in parts[1] == "equal" ? Numpy.lessEqual(a[0], a[1]) : Numpy.less(a[0], a[1]) }
    case "maximum": return { a in Numpy.maximum(a[0], a[1]) }
    case "minimum": return { a in Numpy.minimum(a[0], a[1]) }
    case "fmax": return { a in Numpy.fmax(a[0], a[1]) }
    case "fmin": return { a in Numpy.fmin(a[0], a[1]) }
    case "sort": return { a in Numpy.sort(a[0], axis: parts[1] == "axis0" ? 0 : -1) }
    case "argsort": return { a in Numpy.argsort(a[0]) }
    case "argsortdesc": return { a in Numpy.argsort(a[0], descending: true) }
    case "searchsorted": return { a in Numpy.searchsorted(a[0], a[1], side: parts[1] == "left" ? .left : .right) }
    case "digitize": return { a in Numpy.digitize(a[0], a[1], right: parts[2] == "right") }
    case "rwprod":
      guard let w = c.window else { return nil }
      let f = window(w)
      return { a in f(a[0]) }
    case "rwprodjvp":
      guard let w = c.window else { return nil }
      let f = window(w)
      return { a in jvp(f, primals: a[0], tangents: a[1]).1 }
    case "vander":
      let n = Int(parts[1]), increasing = parts[2] == "inc"
      return { a in Numpy.vander(a[0], n: n, increasing: increasing) }
    case "convolve", "correlate":
      let modes: [String: Numpy.ConvolveMode] = ["full": .full, "same": .same, "valid": .valid]
      guard let mode = modes[parts[parts[1] == "swapped" ? 2 : 1]] else { return nil }
      let correlate = parts[0] == "correlate"
      return { a in correlate ? Numpy.correlate(a[0], a[1], mode: mode) : Numpy.convolve(a[0], a[1], mode: mode) }
    case "corrcoef": return { a in Numpy.corrcoef(a[0]) }
    case "cov": return { a in Numpy.cov(a[0]) }
    default: return nil
    }
  }

  static var cases: [ComplexConvOrderFile.OpCase] { ComplexConvOrderFile.shared?.ops ?? [] }

  @Test func fixturesArePresent() {
    #expect(ComplexConvOrderFile.shared != nil, "Tests/Fixtures/complex_conv_order.json is missing or unreadable")
    #expect(Self.cases.count > 150)
    for c in Self.cases { #expect(Self.op(c) != nil, "no Swift spelling for \(c.name)") }
  }

  /// The relative tolerance of the rows not asserted bit for bit:
  /// convolutions (JAX's three real convolutions sum in another order),
  /// their derivatives, vander (pow) and convolve (a dot product here).
  /// complex64 operands with a complex128 preferred type: JAX adds the
  /// parts in float32 before its float64 convolutions, SwiftJAX converts
  /// first, so they agree to float32 rounding only.
  static func tolerance(_ c: ComplexConvOrderFile.OpCase) -> Double {
    if c.inputs.first?.dtype == "complex64" && c.output.dtype == "complex128" { return 1e-6 }
    // Window products of 6 half-precision values: XLA rounds after each
    // step (and regroups), SwiftJAX rounds once.
    if c.output.dtype == "float16" { return 3e-3 }
    if c.output.dtype == "bfloat16" { return 2e-2 }
    return c.output.dtype == "complex128" || c.output.dtype == "float64" ? 1e-12 : 3e-5
  }

  /// Eager results against JAX: order functions and window products bit
  /// for bit (NaNs as NaNs), the rest to float rounding; dtype, weak type
  /// and shape always.
  @Test(arguments: cases)
  func matchesJAX(_ c: ComplexConvOrderFile.OpCase) throws {
    let f = try #require(Self.op(c), "no Swift spelling for \(c.name)")
    JAXConfig.withX64(c.x64) {
      let got = f(c.inputs.map { $0.tensor() })
      if !c.exact { return expectMatches(got, c.output, rtol: Self.tolerance(c), c.name) }
      if let d = JITEquality.difference(got, c.output.tensor()) { Issue.record("\(c.name): \(d)") }
    }
  }

  /// Every row through one jitted function per precision (the convolution
  /// calls the same C kernel from compiled code) equals eager bit for bit.
  @Test func jitEqualsEager() {
    for x64 in [false, true] {
      JAXConfig.withX64(x64) {
        var batch = DifferentialBatch()
        for c in Self.cases where c.x64 == x64 {
          guard let f = Self.op(c) else { continue }
          batch.add(c.inputs.map { $0.tensor() }, f)
        }
        batch.run(separately: false)
      }
    }
  }

  static func complexInput(_ shape: [Int], _ seed: Double) -> Tensor {
    let n = shape.reduce(1, *)
    let re = Numpy.arange(0.0, Double(n)).reshape(shape) * 0.37 + seed
    return Lax.complex(Numpy.sin(re).astype(.float32), Numpy.cos(re * 1.7).astype(.float32))
  }

  /// vmap of the convolution over the lhs, the rhs and both (JAX's
  /// batching rules fold the batch into features or groups) equals a
  /// loop; likewise the window product and the order functions.
  @Test func vmapEqualsLoop() {
    let x = Self.complexInput([3, 2, 2, 5, 6], 0.1), w = Self.complexInput([3, 4, 2, 3, 2], 0.7)
    let f = { (a: Tensor, b: Tensor) in
      Lax.convGeneralDilated(a, b, windowStrides: [1, 2], padding: .same, dimensionNumbers: ("NCHW", "OIHW", "NCHW"))
    }
    let loopBoth = Numpy.stack((0..<3).map { f(x[$0], w[$0]) })
    JITEquality.expectEqual(vmap { (a: Tensor, b: Tensor) in f(a, b) }(x, w), loopBoth, "conv, both batched")
    JITEquality.expectEqual(vmap { (a: Tensor) in f(a, w[1]) }(x), Numpy.stack((0..<3).map { f(x[$0], w[1]) }), "conv, lhs batched")
    JITEquality.expectEqual(vmap { (b: Tensor) in f(x[2], b) }(w), Numpy.stack((0..<3).map { f(x[2], w[$0]) }), "conv, rhs batched")
    JITEquality.expectEqual(jit(vmap { (a: Tensor, b: Tensor) in f(a, b) })(x, w), loopBoth, "jit(vmap(conv))")
    let m = Self.complexInput([3, 4, 6], 0.3)
    let fns: [(String, (Tensor) -> Tensor)] = [
      ("rw_prod", { Lax.reduceWindow($0, .prod, windowDimensions: [2, 3], windowStrides: [1, 2], padding: .same) }),
      ("greater", { Numpy.greater($0, $0[0]) }), ("fmin", { Numpy.fmin($0, $0[1]) }), ("sort", { Numpy.sort($0, axis: 0) }),
      ("argsort", { Numpy.argsort($0) }), ("vander", { Numpy.vander($0[0], n: 3) }),
      ("searchsorted", { Numpy.searchsorted(Numpy.sort($0[0]), $0[1]) }),
    ]
    for (name, g) in fns {
      JITEquality.expectEqual(vmap(g)(m), Numpy.stack((0..<3).map { g(m[$0]) }), name)
    }
  }

  static var z: Tensor {
    ComplexFixtureFile.Encoded(dtype: "complex64", shape: [4], weak: false, values: ComplexConvOrderFile.shared?.z ?? []).tensor()
  }
  static var w: Tensor {
    ComplexFixtureFile.Encoded(dtype: "complex64", shape: [4], weak: false, values: ComplexConvOrderFile.shared?.w ?? []).tensor()
  }
  /// The generator's 4x4 NCHW image and 2x2 kernel.
  static func square(_ z: Tensor, _ w: Tensor) -> Tensor { Numpy.stack([z, z * w, z + w, w - z]).reshape([1, 1, 4, 4]) }
  static func kernel(_ w: Tensor) -> Tensor { w.reshape([1, 1, 2, 2]) * Tensor(Complex<Float>(0.5, -0.25)).astype(w.dtype) }
  static func sameConv(_ a: Tensor, _ b: Tensor) -> Tensor { Lax.convGeneralDilated(a, b, windowStrides: [1, 1], padding: .same) }
  static func constant(_ z: Tensor) -> Tensor { ComplexConvOrderTests.w.astype(z.dtype) }

  static let realFunctions: [String: @Sendable (Tensor) -> Tensor] = [
    "conv_lhs_abs2": { z in
      let w = constant(z)
      return Numpy.sum(Numpy.square(Numpy.abs(sameConv(square(z, w), kernel(w)))))
    },
    "conv_rhs_real": { z in
      let w = constant(z)
      return Numpy.sum(Numpy.real(sameConv(square(w, w), z.reshape([1, 1, 2, 2])) * w[1]))
    },
    "conv_both_abs": { z in
      let w = constant(z)
      return Numpy.sum(Numpy.abs(sameConv(square(z, w), z.reshape([1, 1, 2, 2]) + kernel(w))))
    },
    "vander_abs": { z in Numpy.sum(Numpy.abs(Numpy.vander(z * constant(z), n: 3))) },
  ]
  static let holomorphicFunctions: [String: @Sendable (Tensor) -> Tensor] = [
    "conv_holo": { z in
      let w = constant(z)
      return Numpy.sum(sameConv(square(z, w), z.reshape([1, 1, 2, 2]) * kernel(w)))
    },
    "vander_holo": { z in Numpy.sum(Numpy.vander(z, n: 4, increasing: true) * constant(z)[2]) },
  ]

  @Test(arguments: ComplexConvOrderFile.shared?.grads ?? [])
  func gradMatchesJAX(_ c: ComplexFixtureFile.GradCase) throws {
    try expectComplexGradMatchesJAX(c, real: Self.realFunctions, holomorphic: Self.holomorphicFunctions, at: Self.z, rtol: 2e-5)
  }

  /// JAX's grad of a real-valued f(x + iy) is ∂f/∂x − i·∂f/∂y: checked
  /// against central differences along 1 and i, in double precision.
  @Test(arguments: realFunctions.keys.sorted())
  func gradMatchesFiniteDifferences(_ name: String) throws {
    expectComplexGradMatchesFiniteDifferences(try #require(Self.realFunctions[name]), at: Self.z, elements: 4, name)
  }

  /// Gradients through the convolution are the same under jit.
  @Test func jittedGradEqualsEager() {
    expectJittedGradsEqualEager(Self.realFunctions, at: Self.z)
  }

  /// The window product's VJP (JAX has none: its generic reduce_window
  /// has no transpose rule; SwiftJAX transposes its JVP) against central
  /// differences in float64, with padding and base dilation, and the
  /// transpose identity <ct, J t> == <J^T ct, t>.
  @Test func windowProductGradMatchesFiniteDifferences() {
    JAXConfig.withX64 {
      let x = Numpy.sin(Numpy.arange(0.0, 20.0).reshape([4, 5])) + 1.5
      let f = { (v: Tensor) in
        Lax.reduceWindow(v, .prod, windowDimensions: [2, 3], windowStrides: [1, 2], padding: .explicit([WindowPadding(1, 0), WindowPadding(1, 1)]),
                         baseDilation: [1, 2])
      }
      let weights = Numpy.cos(Numpy.arange(0.0, Double(f(x).count)).reshape(f(x).shape))
      let loss = { (v: Tensor) in Numpy.sum(f(v) * weights) }
      let g = grad(loss)(x).toArray(Double.self)
      let base = x.toArray(Double.self), h = 1e-6
      for k in 0..<base.count {
        var p = base, m = base
        p[k] += h
        m[k] -= h
        let fd = (Double(loss(Tensor(p, shape: [4, 5]))) - Double(loss(Tensor(m, shape: [4, 5])))) / (2 * h)
        #expect(abs(fd - g[k]) < 1e-6 * max(1, abs(g[k])), "[\(k)]: fd \(fd), grad \(g[k])")
      }
      let t = Numpy.cos(x * 3)
      let (_, ty) = jvp(f, primals: x, tangents: t)
      let (_, pull) = vjp(f, x)
      let ct = Numpy.sin(ty * 2)
      let lhs = Double(Numpy.sum(ct * ty)), rhs = Double(Numpy.sum(pull(ct) * t))
      #expect(abs(lhs - rhs) < 1e-10 * max(1, abs(lhs)), "<ct, J t> \(lhs) vs <J^T ct, t> \(rhs)")
    }
  }

  /// What JAX refuses on complex (the generator checks that JAX raises),
  /// SwiftJAX refuses with an error naming the operation and the dtype.
  @Test func refusalsMatchJAX() {
    let refused = ComplexConvOrderFile.shared?.refused ?? []
    let z = Self.z
    let calls: [String: () -> Tensor] = [
      "argmax": { Numpy.argmax(z) }, "argmin": { Numpy.argmin(z) }, "lax_gt": { Lax.gt(z, z) },
    ]
    for (name, call) in calls.sorted(by: { $0.key < $1.key }) {
      #expect(refused.contains(name), "JAX accepts \(name) on complex64 (fixture)")
      let e = #expect(throws: JAXError.self, "\(name)") { try JAXError.capture { _ = call() } }
      #expect(e?.message.contains("complex64") == true, "\(name): \(String(describing: e))")
    }
  }

  /// jnp functions JAX 0.10.2 refuses on complex (checked against JAX by
  /// hand: quantile's "poorly defined", partition's "not implemented",
  /// interp's "complex x values not supported"): errors too, naming the
  /// dtype, rather than an answer JAX does not give.
  @Test func jnpRefusalsMatchJAX() {
    let z = Self.z
    let calls: [(String, () -> Tensor)] = [
      ("quantile", { Numpy.median(z) }), ("quantile", { Numpy.percentile(z, 30) }), ("quantile", { Numpy.quantile(z, 0.5) }),
      ("nanmedian", { Numpy.nanmedian(z) }), ("nanquantile", { Numpy.nanquantile(z, 0.5) }),
      ("partition", { Numpy.partition(z, kth: 1) }), ("argpartition", { Numpy.argpartition(z, kth: 1) }),
      ("interp", { Numpy.interp(z, Numpy.real(z), Numpy.real(z)) }),
    ]
    for (op, call) in calls {
      let e = #expect(throws: JAXError.self, "\(op)") { try JAXError.capture { _ = call() } }
      #expect(e?.operation == op && e?.message.contains("complex") == true, "\(op): \(String(describing: e))")
    }
  }

  /// Bad complex convolutions are reported with the operation, the
  /// offending dtypes and the call site.
  @Test func convolutionErrorsNameDTypesAndSite() {
    let a = Self.complexInput([1, 2, 5], 0), b = Self.complexInput([3, 2, 2], 1)
    let mixed = #expect(throws: JAXError.self) {
      try JAXError.capture { _ = Lax.convGeneralDilated(a, Numpy.real(b), windowStrides: [1], padding: .valid) }
    }
    #expect(mixed?.operation == "conv_general_dilated" && mixed?.message.contains("complex64") == true
            && mixed?.message.contains("float32") == true, "\(String(describing: mixed))")
    #expect(mixed.map { String(describing: $0) }?.contains("ComplexConvOrderTests.swift") == true, "\(String(describing: mixed))")
    let preferred = #expect(throws: JAXError.self) {
      try JAXError.capture { _ = Lax.convGeneralDilated(a, b, windowStrides: [1], padding: .valid, preferredElementType: .float32) }
    }
    #expect(preferred?.message.contains("preferred_element_type float32") == true
            && preferred?.message.contains("(complex, complex)") == true, "\(String(describing: preferred))")
  }
}
