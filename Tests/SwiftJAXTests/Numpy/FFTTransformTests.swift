import Foundation
import Testing
@testable import SwiftJAX

/// The `fft` primitive and the jnp.fft transforms against JAX 0.10.2 (the
/// "transforms", "grads" and "nonfinite" cases of Tests/Fixtures/fft.json,
/// written by scripts/fixtures/gen_fft.py); jit == eager bit for bit; vmap ==
/// a loop; errors name the op.
@Suite(.serialized) struct FFTTransformTests {
  struct Kwargs: Decodable, Sendable {
    var n: Int?
    var axis: Int?
    var norm: String?
    var s: [Int]?
    var axes: [Int]?
  }
  struct TransformCase: Decodable, Sendable, CustomTestStringConvertible {
    var `func`: String
    var x64: Bool
    var kwargs: Kwargs
    var input: ComplexFixtureFile.Encoded
    var output: ComplexFixtureFile.Encoded
    var testDescription: String { "\(self.func) \(input.dtype)\(input.shape) \(kwargs)" }
  }
  struct GradCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var input: ComplexFixtureFile.Encoded
    var w: ComplexFixtureFile.Encoded
    var grad: ComplexFixtureFile.Encoded
    var testDescription: String { name }
  }
  struct File: Decodable, Sendable {
    var transforms: [TransformCase]
    var grads: [GradCase]
    var nonfinite: [TransformCase]
  }

  static let file = try? Fixtures.decode(File.self, "fft.json")

  /// The jnp.fft call a fixture case names.
  static func apply(_ c: TransformCase, _ x: Tensor) -> Tensor {
    let k = c.kwargs
    switch c.func {
    case "fft": return jnp.fft.fft(x, n: k.n, axis: k.axis ?? -1, norm: k.norm)
    case "ifft": return jnp.fft.ifft(x, n: k.n, axis: k.axis ?? -1, norm: k.norm)
    case "rfft": return jnp.fft.rfft(x, n: k.n, axis: k.axis ?? -1, norm: k.norm)
    case "irfft": return jnp.fft.irfft(x, n: k.n, axis: k.axis ?? -1, norm: k.norm)
    case "hfft": return jnp.fft.hfft(x, n: k.n, axis: k.axis ?? -1, norm: k.norm)
    case "ihfft": return jnp.fft.ihfft(x, n: k.n, axis: k.axis ?? -1, norm: k.norm)
    case "fft2": return jnp.fft.fft2(x, s: k.s, axes: k.axes ?? [-2, -1], norm: k.norm)
    case "ifft2": return jnp.fft.ifft2(x, s: k.s, axes: k.axes ?? [-2, -1], norm: k.norm)
    case "rfft2": return jnp.fft.rfft2(x, s: k.s, axes: k.axes ?? [-2, -1], norm: k.norm)
    case "irfft2": return jnp.fft.irfft2(x, s: k.s, axes: k.axes ?? [-2, -1], norm: k.norm)
    case "fftn": return jnp.fft.fftn(x, s: k.s, axes: k.axes, norm: k.norm)
    case "ifftn": return jnp.fft.ifftn(x, s: k.s, axes: k.axes, norm: k.norm)
    case "rfftn": return jnp.fft.rfftn(x, s: k.s, axes: k.axes, norm: k.norm)
    case "irfftn": return jnp.fft.irfftn(x, s: k.s, axes: k.axes, norm: k.norm)
    default: fatalError("no jnp.fft.\(c.func)")
    }
  }

  /// `body` with 64-bit types on or off for this thread only: setting
  /// the global `JAXConfig.enableX64` would change the dtypes of tests
  /// running in parallel in other suites.
  static func withX64<T>(_ on: Bool, _ body: () throws -> T) rethrows -> T {
    try JAXConfig.withX64(on, body)
  }

  static func tolerance(_ dtype: String) -> Double { dtype.hasSuffix("128") || dtype.hasSuffix("64") && dtype.hasPrefix("float") ? 1e-11 : 2e-5 }

  @Test(arguments: FFTTransformTests.file?.transforms ?? [])
  func matchesJAX(_ c: TransformCase) {
    Self.withX64(c.x64) {
      // Inputs with NaN or infinity are compared too: the native kernel
      // spreads them as ducc does (fft.c: a row holding them runs ducc's
      // complex passes, or for rfft / irfft ducc's real plan).
      let y = Self.apply(c, c.input.tensor())
      expectMatches(y, c.output, rtol: Self.tolerance(c.output.dtype), c.testDescription)
    }
  }

  /// Rows holding NaN or infinity at multi-pass lengths (12 ... 128, 1000,
  /// the Bluestein prime 1009, a 9-row batch of 512): the kernel runs ducc's
  /// pass structure for them (fft_ducc_template.h; rfft / irfft: ducc's real
  /// plan, fft_ducc_real_template.h), so every NaN and infinity lands where
  /// JAX puts it, also through the n-dimensional transforms;
  /// `closeParts` compares them exactly.
  @Test(arguments: FFTTransformTests.file?.nonfinite ?? [])
  func nonFinitePlacementMatchesJAX(_ c: TransformCase) {
    Self.withX64(c.x64) {
      let y = Self.apply(c, c.input.tensor())
      expectMatches(y, c.output, rtol: Self.tolerance(c.output.dtype), c.testDescription)
      let jitted = jit { (x: Tensor) in Self.apply(c, x) }(c.input.tensor())
      // ihfft = conj(rfft(x)) * (1/n): the multiply by a broadcast scalar
      // picks its NaN's sign as XLA does (jx_cmulbs), so an all-NaN row
      // gives +NaN in every part, as JAX does.
      #expect(bits(jitted) == bits(y), "jit == eager: \(c)")
      if c.func == "ihfft" && c.output.dtype == "complex64" {
        let words = y.withRawBytes { Array($0.bindMemory(to: UInt32.self)) } ?? []
        #expect(!words.contains { Float(bitPattern: $0).isNaN && $0 >> 31 == 1 }, "JAX gives +NaN: \(c)")
      }
    }
  }

  @Test func nonFiniteCasesAreAllPresent() throws {
    let cases = try #require(Self.file).nonfinite
    #expect(cases.count == 136)
    let complex = cases.filter { $0.func == "fft" || $0.func == "ifft" }
    #expect(complex.count == 46)
    #expect(Set(complex.map { $0.input.shape.last! }) == [12, 16, 24, 32, 60, 64, 96, 100, 128, 512, 1000, 1009])
    let realLengths: Set<Int> = [2, 3, 5, 6, 8, 9, 12, 16, 20, 25, 30, 49, 77, 97, 100, 128, 137, 274, 1000, 1100]
    let rfft = cases.filter { $0.func == "rfft" }, irfft = cases.filter { $0.func == "irfft" }
    #expect(rfft.count == 40 && irfft.count == 40)
    #expect(Set(rfft.map { $0.input.shape.last! }) == realLengths)
    #expect(Set(irfft.map { $0.output.shape.last! }) == realLengths)
    let nd = cases.filter { !["fft", "ifft", "rfft", "irfft"].contains($0.func) }
    #expect(Set(nd.map(\.func)) == ["fft2", "ifft2", "fftn", "rfft2", "rfftn", "irfft2", "irfftn", "hfft", "ihfft"])
  }

  @Test func everyTransformIsCovered() throws {
    let cases = try #require(Self.file).transforms
    #expect(cases.count == 48)
    let funcs = Set(cases.map(\.func))
    #expect(funcs == ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "fft2", "ifft2", "rfft2", "irfft2", "fftn", "ifftn", "rfftn", "irfftn"])
  }

  @Test(arguments: FFTTransformTests.file?.transforms ?? [])
  func jitEqualsEager(_ c: TransformCase) {
    Self.withX64(c.x64) {
      let x = c.input.tensor()
      let eager = Self.apply(c, x)
      let jitted = jit { (x: Tensor) in Self.apply(c, x) }(x)
      #expect(jitted.dtype == eager.dtype && jitted.shape == eager.shape, "\(c)")
      #expect(bits(jitted) == bits(eager), "\(c)")
    }
  }

  /// The raw bytes of a concrete tensor (bit-for-bit comparison).
  func bits(_ t: Tensor) -> [UInt8] {
    guard let c = t.concrete else { return [] }
    return Array(UnsafeRawBufferPointer(start: c.data, count: c.aval.byteCount))
  }

  /// The losses of the "grads" cases, as gen_fft.py writes them.
  static let losses: [String: (Tensor, Tensor) -> Tensor] = [
    "fft_abs2": { x, w in jnp.sum(abs2(jnp.fft.fft(x)) * w) },
    "fft_complex": { z, w in jnp.sum(abs2(jnp.fft.fft(z)) * w) },
    "ifft_real": { z, w in jnp.sum(jnp.real(jnp.fft.ifft(z)) * w) },
    "rfft_abs2": { x, w in jnp.sum(abs2(jnp.fft.rfft(x)) * w) },
    "rfft_even": { x, w in jnp.sum(jnp.real(jnp.fft.rfft(x)) * w + jnp.imag(jnp.fft.rfft(x))) },
    "irfft_lin": { z, w in jnp.sum(jnp.fft.irfft(z, n: 8) * w) },
    "irfft_odd": { z, w in jnp.sum(abs2(jnp.fft.irfft(z, n: 7)) * w) },
    "ifft2_abs2": { z, w in jnp.sum(abs2(jnp.fft.ifft2(z)) * w) },
    "rfftn_abs2": { x, w in jnp.sum(abs2(jnp.fft.rfftn(x)) * w) },
    "irfftn_lin": { z, w in jnp.sum(jnp.fft.irfftn(z, s: [3, 4]) * w) },
    "hfft_lin": { z, w in jnp.sum(jnp.fft.hfft(z) * w) },
  ]

  static func abs2(_ y: Tensor) -> Tensor {
    let a = jnp.abs(y)
    return a * a
  }

  @Test(arguments: FFTTransformTests.file?.grads ?? [])
  func gradMatchesJAX(_ c: GradCase) throws {
    let loss = try #require(Self.losses[c.name])
    let w = c.w.tensor()
    let g = grad { (x: Tensor) in loss(x, w) }(c.input.tensor())
    expectMatches(g, c.grad, rtol: 1e-4, c.name)
    let gj = jit(grad { (x: Tensor) in loss(x, w) })(c.input.tensor())
    #expect(bits(gj) == bits(g), "jit(grad) == grad: \(c.name)")
  }

  @Test func gradsAreAllChecked() throws {
    #expect(Set(try #require(Self.file).grads.map(\.name)) == Set(Self.losses.keys))
  }

  /// vmap over a leading or a trailing batch axis equals a loop of the
  /// unbatched transform (the batch axis is moved to the front).
  @Test func vmapEqualsLoop() {
    let z = Lax.complex(jnp.reshape(jnp.arange(24, dtype: .float32), [4, 6]) * 0.25, jnp.cos(jnp.reshape(jnp.arange(24, dtype: .float32), [4, 6])))
    let fns: [(String, (Tensor) -> Tensor)] = [
      ("fft", { jnp.fft.fft($0) }), ("ifft", { jnp.fft.ifft($0, norm: "ortho") }),
      ("rfft", { jnp.fft.rfft(jnp.real($0)) }), ("irfft", { jnp.fft.irfft($0, n: 9) }),
      ("fftn", { jnp.fft.fftn(jnp.reshape($0, [2, $0.shape[0] / 2])) }),
    ]
    for (name, f) in fns {
      for axis in [0, 1] {
        let batched = vmap(f, inAxes: .axis(axis))(z)
        let rows = (0..<z.shape[axis]).map { i in f(axis == 0 ? z[i] : jnp.moveaxis(z, source: 1, destination: 0)[i]) }
        #expect(bits(batched) == bits(jnp.stack(rows)), "\(name) over axis \(axis)")
      }
    }
  }

  @Test func errorsNameTheOpAndCaller() {
    func expectError(_ kind: JAXError.Kind, _ op: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () -> Void) {
      expectJAXError(kind, op, callerFile: "FFTTransformTests.swift", sourceLocation: sourceLocation, body)
    }
    let x = jnp.ones([3, 4])
    expectError(.axis, "jnp.fft.fft") { _ = jnp.fft.fft(x, axis: 2) }
    expectError(.value, "jnp.fft.fft") { _ = jnp.fft.fft(x, n: 0) }
    expectError(.value, "jnp.fft.ifft") { _ = jnp.fft.ifft(x, norm: "both") }
    expectError(.axis, "jnp.fft.fft2") { _ = jnp.fft.fft2(x, axes: [0]) }
    expectError(.axis, "jnp.fft.fftn") { _ = jnp.fft.fftn(x, axes: [0, -2]) }
    expectError(.value, "jnp.fft.rfftn") { _ = jnp.fft.rfftn(x, s: [2], axes: [0, 1]) }
    expectError(.axis, "jnp.fft.fftn") { _ = jnp.fft.fftn(x, s: [2, 2, 2]) }
    expectError(.axis, "jnp.fft.rfftn") { _ = jnp.fft.rfftn(Tensor(Float(1))) }
    expectError(.dtype, "fft") { _ = jnp.fft.rfft(Lax.complex(x, x)) }
    // JAX: "RFFT input must be float32 or float64, got float16".
    expectError(.dtype, "fft") { _ = jnp.fft.rfft(jnp.ones([4], dtype: .float16)) }
    expectError(.shape, "fft") { _ = Lax.fft(Lax.complex(x, x), .fft, lengths: [5]) }
  }

  /// The equation prints as JAX's make_jaxpr prints lax.fft (JAX 0.10.2,
  /// inside its jit wrapper): `fft[fft_lengths=(4, 8) fft_type=2]`.
  @Test func printsAsJAX() throws {
    let j = makeJaxpr({ x in [Lax.fft(x[0], .rfft, lengths: [4, 8])] }, [ShapedArray(shape: [3, 4, 8], dtype: .float32)])
    try j.jaxpr.typecheck()
    #expect(j.description == "{ lambda ; a:f32[3,4,8]. let\n    b:c64[3,4,5] = fft[fft_lengths=(4, 8) fft_type=2] a\n  in (b,) }")
    let k = makeJaxpr({ x in [Lax.fft(x[0], .irfft, lengths: [6])] }, [ShapedArray(shape: [4], dtype: .complex64)])
    #expect(k.description == "{ lambda ; a:c64[4]. let b:f32[6] = fft[fft_lengths=(6,) fft_type=3] a in (b,) }")
  }

  /// The gradients against central differences in float64/complex128, in
  /// both real directions of a complex input (JAX's convention for a real
  /// loss: grad = dL/dRe - i dL/dIm).
  @Test(arguments: FFTTransformTests.file?.grads ?? [])
  func gradMatchesFiniteDifferences(_ c: GradCase) throws {
    let loss = try #require(Self.losses[c.name])
    try Self.withX64(true) {
      let complex = c.input.dtype.hasPrefix("complex")
      let base = c.input.scalars
      func tensor(_ v: [ScalarValue]) -> Tensor {
        let a = ConcreteArray(uninitialized: ShapedArray(shape: c.input.shape, dtype: complex ? .complex128 : .float64))
        for (i, x) in v.enumerated() { a.setElement(i, x) }
        return Tensor(value: a)
      }
      let w = jnp.asarray(c.w.tensor(), dtype: .float64)
      let f = { (x: Tensor) in loss(x, w) }
      let g = try #require(grad(f)(tensor(base)).concrete)
      let h = 1e-6
      func value(_ i: Int, _ dre: Double, _ dim: Double) -> Double {
        var v = base
        switch v[i] {
        case .complex(let re, let im): v[i] = .complex(re + dre, im + dim)
        case .float(let x): v[i] = .float(x + dre)
        default: Issue.record("unexpected element \(v[i])")
        }
        return f(tensor(v)).item(Double.self)
      }
      for i in 0..<base.count {
        let dre = (value(i, h, 0) - value(i, -h, 0)) / (2 * h)
        let (gr, gi) = complex ? g.element(i).asComplex : (g.element(i).asDouble, 0)
        #expect(closeParts(gr, dre, rtol: 1e-5), "\(c.name)[\(i)] re: grad \(gr), finite difference \(dre)")
        if complex {
          let dim = (value(i, 0, h) - value(i, 0, -h)) / (2 * h)
          #expect(closeParts(gi, -dim, rtol: 1e-5), "\(c.name)[\(i)] im: grad \(gi), finite difference \(-dim)")
        }
      }
    }
  }

  /// Second order: the rules are written in primitives, so jvp of grad (a
  /// Hessian-vector product) works and agrees with differences of grad.
  @Test func hessianVectorProductMatchesFiniteDifferences() throws {
    try Self.withX64(true) {
      let x = jnp.cos(jnp.arange(7, dtype: .float64) * 1.3)
      let v = jnp.sin(jnp.arange(7, dtype: .float64) * 0.7)
      let w = jnp.arange(4, dtype: .float64) + 1
      let z = Lax.complex(jnp.reshape(jnp.arange(6, dtype: .float64), [2, 3]) * 0.3, jnp.ones([2, 3], dtype: .float64))
      let losses: [(Tensor) -> Tensor] = [
        { x in jnp.sum(Self.abs2(jnp.fft.rfft(x)) * w) },
        { x in jnp.sum(jnp.fft.irfft(Lax.complex(x, x * x)[0..<4], n: 6) * jnp.fft.irfft(Lax.complex(x, x)[0..<4], n: 6)) },
        { x in jnp.sum(Self.abs2(jnp.fft.fftn(jnp.reshape(x[0..<6], [2, 3]) * z))) },
      ]
      for (k, f) in losses.enumerated() {
        let g = grad(f)
        let (_, hv) = jvp(g, primals: x, tangents: v)
        let h = 1e-5
        let fd = (g(x + v * h) - g(x - v * h)) / (2 * h)
        let (a, b) = (hv.toArray(Double.self), fd.toArray(Double.self))
        for i in a.indices { #expect(closeParts(a[i], b[i], rtol: 1e-6), "loss \(k)[\(i)]: hvp \(a[i]), finite difference \(b[i])") }
      }
    }
  }

  /// Result dtypes of other input dtypes, as JAX 0.10.2 gives them
  /// (jnp.fft.fft/rfft/irfft of float16, bool and int8 inputs).
  @Test func otherInputDTypesAsJAX() {
    for d in [DType.float16, .bool, .int8] {
      #expect(jnp.fft.fft(jnp.ones([4], dtype: d)).dtype == .complex64, "fft \(d)")
      #expect(jnp.fft.irfft(jnp.ones([4], dtype: d)).dtype == .float32, "irfft \(d)")
      if d != .float16 { #expect(jnp.fft.rfft(jnp.ones([4], dtype: d)).dtype == .complex64, "rfft \(d)") }
    }
    // fftn of a rank-0 array transforms no axes: JAX returns it as complex.
    let s = jnp.fft.fftn(Tensor(Float(2.5)))
    #expect(s.dtype == .complex64 && s.shape == [] && jnp.real(s).item(Float.self) == 2.5)
    #expect(jnp.real(jnp.fft.fft(jnp.ones([4], dtype: .int8))).toArray(Float.self) == [4, 0, 0, 0])
  }
}
