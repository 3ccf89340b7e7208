import Testing
@testable import SwiftJAX

/// The unary ops added as single table entries (population_count, clz,
/// bessel_i0e, bessel_i1e), beyond what the family-wide tables check
/// (values against JAX, jit == eager, vmap == loop, JVP/VJP vs finite
/// differences on a smooth domain): derivatives across both series and
/// at the i1e limit, and errors for the dtypes JAX rejects.
@Suite struct BitCountAndBesselTests {
  /// Derivatives against central differences in float64, on both sides of
  /// the |x| = 8 switch between the two Chebyshev series.
  @Test(arguments: [UnaryOp.besselI0e, .besselI1e])
  func besselGradientMatchesFiniteDifferences(_ op: UnaryOp) {
    JAXConfig.withX64 {
      let f = { (x: Tensor) in bind1(.unary(op), [x]) }
      for x in [-12.5, -3.0, -0.5, 0.3, 2.0, 7.9, 9.5, 20.0] {
        let g = grad(f)(f64(x)).item(Double.self)
        let h = 1e-6
        let fd = (f(f64(x + h)).item(Double.self) - f(f64(x - h)).item(Double.self)) / (2 * h)
        #expect(abs(g - fd) <= 1e-7 * max(1, abs(fd)), "\(op) at \(x): grad \(g), finite differences \(fd)")
      }
    }
  }

  /// JAX's bessel_i1e JVP divides by x; below the dtype's epsilon it uses
  /// the limit 1/2 instead (and so must SwiftJAX, in float32 and float64).
  @Test func besselI1eSlopeAtZeroIsOneHalf() {
    let f = { (x: Tensor) in Lax.besselI1e(x) }
    #expect(grad(f)(Tensor(Float(0))).item(Float.self) == 0.5)
    #expect(grad(f)(Tensor(Float(1e-9))).item(Float.self) == 0.5)
    JAXConfig.withX64 { #expect(grad(f)(f64(0)).item(Double.self) == 0.5) }
  }

  /// Integer-only and float-only, as in JAX; the error names the primitive.
  @Test func dtypeErrorsNameTheOperation() {
    func expectDTypeError(_ operation: String, _ body: () -> Void) {
      do {
        try JAXError.capture { body() }
        Issue.record("expected a dtype error from \(operation)")
      } catch let e as JAXError {
        #expect(e.kind == .dtype)
        #expect(e.operation == operation, "\(e)")
        #expect(e.site != nil)
      } catch {
        Issue.record("unexpected error \(error)")
      }
    }
    expectDTypeError("population_count") { _ = Lax.populationCount(Tensor([1.5] as [Float])) }
    expectDTypeError("clz") { _ = Lax.clz(Tensor([true])) }
    expectDTypeError("bessel_i0e") { _ = Lax.besselI0e(Tensor([1] as [Int32])) }
    expectDTypeError("bessel_i1e") { _ = Lax.besselI1e(Tensor([1] as [Int32])) }
  }

  /// The bit counts have no derivative (integer outputs), and the jnp
  /// wrapper counts the bits of |x| as uint8, under jit too.
  @Test func bitwiseCountUnderJit() {
    let x = Tensor([2, -7, 255, 0] as [Int32])
    let f = jit { (x: Tensor) in jnp.bitwiseCount(x) }
    #expect(f(x).dtype == .uint8)
    #expect(f(x).toArray(UInt8.self) == jnp.bitwiseCount(x).toArray(UInt8.self))
  }
}
