import Foundation
import Testing
@testable import SwiftJAX

/// Complex arithmetic, reductions and products against JAX 0.10.2
/// (Tests/Fixtures/complex.json "ops"), jit against eager bit for bit,
/// vmap against a loop, and the errors for ops JAX (or SwiftJAX, so far)
/// does not define on complex numbers.
@Suite struct ComplexOpsTests {
  /// The Swift spelling of each fixture case.
  static let functions: [String: @Sendable ([Tensor]) -> Tensor] = [
    "neg": { -$0[0] },
    "real": { Numpy.real($0[0]) },
    "imag": { Numpy.imag($0[0]) },
    "conj": { Numpy.conj($0[0]) },
    "abs": { Numpy.abs($0[0]) },
    "angle": { Numpy.angle($0[0]) },
    "exp": { Numpy.exp($0[0]) },
    "log": { Numpy.log($0[0]) },
    "sqrt": { Numpy.sqrt($0[0]) },
    "square": { Numpy.square($0[0]) },
    "sign": { Numpy.sign($0[0]) },
    "add": { $0[0] + $0[1] },
    "sub": { $0[0] - $0[1] },
    "mul": { $0[0] * $0[1] },
    "div": { $0[0] / $0[1] },
    "equal": { Numpy.equal($0[0], Numpy.where(alternate, $0[0], $0[1])) },
    "not_equal": { Numpy.notEqual($0[0], Numpy.where(alternate, $0[0], $0[1])) },
    "mul_real": { $0[0] * $0[1] },
    "add_weak_complex": { $0[0] + Tensor(weak: Complex(0, 2)) },
    "complex": { Lax.complex($0[0], $0[0] * 2) },
    "sum": { Numpy.sum($0[0]) },
    "prod": { Numpy.prod($0[0]) },
    "sum_axis0": { Numpy.sum($0[0], axis: 0) },
    "prod_axis1": { Numpy.prod($0[0], axis: 1) },
    "matmul": { Numpy.matmul($0[0], $0[1]) },
    "dot_vec": { Numpy.dot($0[0], $0[1]) },
    "sin": { Numpy.sin($0[0]) },
    "cos": { Numpy.cos($0[0]) },
    "sin_edge": { Numpy.sin($0[0]) },
    "cos_edge": { Numpy.cos($0[0]) },
    "tan": { Numpy.tan($0[0]) },
    "tanh": { Numpy.tanh($0[0]) },
    "tan_edge": { Numpy.tan($0[0]) },
    "tanh_edge": { Numpy.tanh($0[0]) },
    "expm1": { Numpy.expm1($0[0]) },
    "expm1_edge": { Numpy.expm1($0[0]) },
    "exp_edge": { Numpy.exp($0[0]) },
    "rsqrt": { Lax.rsqrt($0[0]) },
    "rsqrt_edge": { Lax.rsqrt($0[0]) },
  ]
  static let alternate = Tensor([true, false, true, false, true, false])

  static var cases: [ComplexFixtureFile.OpCase] { ComplexFixtureFile.shared?.ops ?? [] }

  @Test(arguments: cases)
  func eagerMatchesJAX(_ c: ComplexFixtureFile.OpCase) throws {
    let f = try #require(Self.functions[c.name], "no Swift function for \(c.name)")
    let r = f(c.inputs.map { $0.tensor() })
    expectMatches(r, c.output, rtol: 4e-7 * 8, c.name)
  }

  @Test(arguments: cases)
  func jitEqualsEager(_ c: ComplexFixtureFile.OpCase) throws {
    let f = try #require(Self.functions[c.name])
    let ins = c.inputs.map { $0.tensor() }
    let jitted = jit { (xs: [Tensor]) -> Tensor in f(xs) }
    JITEquality.expectEqual(jitted(ins), f(ins), c.name)
  }

  @Test func vmapEqualsLoop() {
    let z = Tensor((0..<6).map { Complex(Float($0) - 2, 0.5 * Float($0)) }, shape: [3, 2])
    let f = { (x: Tensor) -> Tensor in
      Numpy.sum(Numpy.exp(x) * Numpy.conj(x)) + Numpy.abs(x)[0] + Numpy.imag(x)[1] + Lax.complex(Numpy.real(x), Numpy.imag(x))[0]
    }
    let batched = vmap(f)(z)
    for i in 0..<3 {
      JITEquality.expectEqual(batched[i], f(z[i]), "row \(i)")
    }
  }

  @Test func unorderedComparisonsAreErrors() {
    let z = Tensor([Complex(1, 2)] as [Complex<Float>])
    // lax.lt refuses complex, as in JAX (jnp.less orders lexicographically:
    // ComplexConvOrderTests).
    let lt = #expect(throws: JAXError.self) { try JAXError.capture { _ = Lax.lt(z, z) } }
    #expect(lt?.message.contains("complex numbers have no order") == true)
    #expect(lt?.message.contains("complex64") == true)
    #expect(throws: JAXError.self) { try JAXError.capture { _ = Lax.floor(z) } }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = Lax.imag(Tensor([1.0] as [Float])) } }
    // erf: JAX refuses it on complex too (atan, which this used, is complex now).
    let erf = #expect(throws: JAXError.self) { try JAXError.capture { _ = Lax.erf(z) } }
    #expect(erf?.message.contains("complex64") == true && erf?.operation == "erf")
    #expect(erf?.site?.file.hasSuffix("ComplexOpsTests.swift") == true)
  }

  @Test func complexAcceptanceFollowsTheTables() {
    #expect(UnaryOp.exp.accepts(.complex64) && UnaryOp.abs.resultDType(.complex128) == .float64)
    #expect(!UnaryOp.floor.accepts(.complex64) && !UnaryOp.cbrt.accepts(.complex64) && UnaryOp.tanh.accepts(.complex64))
    #expect(UnaryOp.sin.accepts(.complex128) && UnaryOp.cos.accepts(.complex64))
    #expect(BinaryOp.mul.accepts(.complex64) && BinaryOp.max.accepts(.complex64) && BinaryOp.atan2.accepts(.complex64))
    #expect(!BinaryOp.nextafter.accepts(.complex64) && !BinaryOp.rem.accepts(.complex128))
    #expect(BinaryOp.complex.accepts(.float32) && !BinaryOp.complex.accepts(.float16))
    #expect(BinaryOp.complex.resultDType(.float64) == .complex128)
  }
}
