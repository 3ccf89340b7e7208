import Foundation
import Testing
@testable import SwiftJAX

/// Autodiff of complex functions with JAX's conventions, against JAX
/// 0.10.2 (Tests/Fixtures/complex.json "grads"): grad of real-valued
/// functions of complex input, `grad(f, holomorphic: true)`, jvp and vjp;
/// and directional derivatives against finite differences in both real
/// directions.
@Suite struct ComplexADTests {
  static let realFunctions: [String: @Sendable (Tensor) -> Tensor] = [
    "abs2": { Numpy.sum(Numpy.square(Numpy.abs($0))) },
    "real_square": { Numpy.sum(Numpy.real($0 * $0)) },
    "imag_exp": { Numpy.sum(Numpy.imag(Numpy.exp($0))) },
    "abs_div": { Numpy.sum(Numpy.abs($0 / ($0 + 3))) },
    "conj_mul": { Numpy.sum(Numpy.real(Numpy.conj($0) * $0 * 2)) },
    "angle": { Numpy.sum(Numpy.angle($0)) },
    "sqrt_log": { Numpy.sum(Numpy.real(Numpy.sqrt($0) + Numpy.log($0))) },
  ]
  static let holomorphicFunctions: [String: @Sendable (Tensor) -> Tensor] = [
    "square": { Numpy.sum($0 * $0) },
    "exp_mul": { Numpy.sum(Numpy.exp($0) * $0) },
    "div": { Numpy.sum(1 / ($0 + 2)) },
  ]

  static var file: ComplexFixtureFile { ComplexFixtureFile.shared! }
  static var z: Tensor { ComplexFixtureFile.Encoded(dtype: "complex64", shape: [3], weak: false, values: file.z).tensor() }
  static var tangent: Tensor {
    ComplexFixtureFile.Encoded(dtype: "complex64", shape: [3], weak: false, values: file.tangent).tensor()
  }

  @Test(arguments: ComplexFixtureFile.shared?.grads.filter { !$0.name.hasPrefix("jvp") && !$0.name.hasPrefix("vjp") } ?? [])
  func gradMatchesJAX(_ c: ComplexFixtureFile.GradCase) throws {
    let g: Tensor
    if c.holomorphic {
      let f = try #require(Self.holomorphicFunctions[c.name])
      g = grad(f, holomorphic: true)(Self.z)
    } else {
      let f = try #require(Self.realFunctions[c.name])
      g = grad(f)(Self.z)
    }
    expectMatches(g, c.output, rtol: 4e-6, c.name)
  }

  @Test func jvpAndVJPMatchJAX() throws {
    let cases = Dictionary(uniqueKeysWithValues: Self.file.grads.map { ($0.name, $0) })
    let (_, jt) = jvp({ (z: Tensor) in Numpy.exp(z) * Numpy.conj(z) }, primals: Self.z, tangents: Self.tangent)
    expectMatches(jt, try #require(cases["jvp_exp_conj"]).output, rtol: 4e-6, "jvp")
    let (_, pull) = vjp({ (z: Tensor) in z * z + Numpy.conj(z) }, Self.z)
    expectMatches(pull(Self.tangent), try #require(cases["vjp_square_conj"]).output, rtol: 4e-6, "vjp")
  }

  /// JAX's grad of a real-valued f(x + iy) is ∂f/∂x − i·∂f/∂y: checked
  /// against central differences along 1 and i, in double precision.
  @Test(arguments: ["abs2", "imag_exp", "abs_div", "angle", "sqrt_log"])
  func gradMatchesFiniteDifferences(_ name: String) throws {
    expectComplexGradMatchesFiniteDifferences(try #require(Self.realFunctions[name]), at: Self.z, elements: 3, name)
  }

  @Test func gradRejectsComplexOutputsUnlessHolomorphic() {
    let z = Self.z
    let e = #expect(throws: JAXError.self) { try JAXError.capture { _ = grad({ (z: Tensor) in Numpy.sum(z * z) })(z) } }
    #expect(e?.message.contains("holomorphic: true") == true)
    let x = Tensor([0.5, 2] as [Float])
    let h = #expect(throws: JAXError.self) {
      try JAXError.capture { _ = grad({ (x: Tensor) in Numpy.sum(x * x) }, holomorphic: true)(x) }
    }
    #expect(h?.message.contains("requires inputs with complex dtype") == true)
    let o = #expect(throws: JAXError.self) {
      try JAXError.capture { _ = grad({ (z: Tensor) in Numpy.sum(Numpy.abs(z)) }, holomorphic: true)(z) }
    }
    #expect(o?.message.contains("requires outputs with complex dtype") == true)
  }
}

/// JAX's grad of a real-valued f(x + iy) is ∂f/∂x − i·∂f/∂y: checks the
/// first `elements` entries of grad(f) at `z` against central differences
/// along 1 and i, in double precision (complex128).
func expectComplexGradMatchesFiniteDifferences(_ f: @escaping (Tensor) -> Tensor, at z: Tensor, elements: Int, _ name: String,
                                               sourceLocation: SourceLocation = #_sourceLocation) {
  JAXConfig.withX64 {
    let z = Numpy.asarray(z, dtype: .complex128)
    let g = grad(f)(z).toArray(Complex<Double>.self)
    let h = 1e-6
    for k in 0..<elements {
      for (dir, want) in [(Complex<Double>(1, 0), g[k].real), (Complex<Double>(0, 1), -g[k].imaginary)] {
        var plus = z.toArray(Complex<Double>.self), minus = plus
        plus[k] = plus[k] + Complex(dir.real * h, dir.imaginary * h)
        minus[k] = minus[k] - Complex(dir.real * h, dir.imaginary * h)
        let fd = (Double(f(Tensor(plus, dtype: .complex128))) - Double(f(Tensor(minus, dtype: .complex128)))) / (2 * h)
        #expect(abs(fd - want) < 1e-5 * max(1, abs(want)), "\(name)[\(k)] along \(dir): fd \(fd), grad \(want)",
                sourceLocation: sourceLocation)
      }
    }
  }
}

/// jit(grad(f)) equals grad(f) at `z`, bit for bit, for each named
/// real-valued function (all of `functions` when `names` is nil).
func expectJittedGradsEqualEager(_ functions: [String: @Sendable (Tensor) -> Tensor], at z: Tensor, names: [String]? = nil) {
  for name in names ?? functions.keys.sorted() {
    guard let f = functions[name] else { continue }
    if let d = JITEquality.difference(jit(grad(f))(z), grad(f)(z)) { Issue.record("\(name): \(d)") }
  }
}

/// `grad` of the fixture's function (holomorphic or real-valued, by the
/// case's flag) at `z` against JAX's gradient, within `rtol`.
func expectComplexGradMatchesJAX(
  _ c: ComplexFixtureFile.GradCase, real: [String: @Sendable (Tensor) -> Tensor], holomorphic: [String: @Sendable (Tensor) -> Tensor],
  at z: Tensor, rtol: Double
) throws {
  let g: Tensor
  if c.holomorphic {
    g = grad(try #require(holomorphic[c.name]), holomorphic: true)(z)
  } else {
    g = grad(try #require(real[c.name]))(z)
  }
  expectMatches(g, c.output, rtol: rtol, c.name)
}
