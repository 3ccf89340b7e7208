import Foundation
import Testing
@testable import SwiftJAX

/// complex64/complex128: dtype basics, promotion, creation, conversion and
/// printing against JAX 0.10.2 (Tests/Fixtures/complex.json).
@Suite struct ComplexTests {
  static var fixtures: ComplexFixtureFile { ComplexFixtureFile.shared! }

  @Test func fixturesLoad() throws {
    let f = try #require(ComplexFixtureFile.shared)
    #expect(f.promotion.count > 200 && f.prints.count > 10 && f.ops.count > 20)
  }

  @Test func dtypeBasics() {
    #expect(DType.complex64.byteSize == 8 && DType.complex128.byteSize == 16)
    #expect(DType.complex64.realPart == .float32 && DType.complex128.realPart == .float64)
    #expect(DType(name: "complex64") == .complex64 && DType.complex128.shortName == "c128")
    #expect(DType.complex64.isComplex && DType.complex64.isInexact && !DType.complex64.isFloatingPoint)
    #expect(DType.complex128.canonical == .complex64)
    #expect(JAXConfig.withX64 { DType.complex128.canonical } == .complex128)
  }

  /// Every pair with a complex operand promotes as `jnp.result_type` does.
  @Test func promotionMatchesJAX() {
    for row in Self.fixtures.promotion {
      let a = PromotionType(DType(name: row[0].name)!, weak: row[1].flag)
      let b = PromotionType(DType(name: row[2].name)!, weak: row[3].flag)
      let want = PromotionType(DType(name: row[4].name)!, weak: row[5].flag)
      let got = JAXConfig.withX64(row[6].flag) { DType.resultType(a, b) }
      #expect(got == want, "\(row.map(\.name)) x64=\(row[6].flag): got \(got)")
    }
  }

  @Test(arguments: ComplexFixtureFile.shared?.prints ?? [])
  func printsAsJAX(_ c: ComplexFixtureFile.PrintCase) {
    let t = JAXConfig.withX64(c.x64) { c.encoded.tensor() }
    #expect(t.repr == c.repr)
    #expect(t.str == c.str)
  }

  @Test(arguments: ComplexFixtureFile.shared?.astype ?? [])
  func astypeMatchesJAX(_ c: ComplexFixtureFile.AstypeCase) {
    let input = ComplexFixtureFile.Encoded(dtype: c.from, shape: [c.input.count], weak: false, values: c.input)
    let r = Numpy.asarray(input.tensor(), dtype: DType(name: c.to)!)
    expectMatches(r, c.output, rtol: 0, "astype \(c.from)->\(c.to)")
  }

  @Test func creationFromSwiftValues() {
    let z = Tensor([Complex(1, 2), Complex(3.5, -1)] as [Complex<Float>])
    #expect(z.dtype == .complex64 && z.shape == [2])
    #expect(z.toArray(Complex<Float>.self) == [Complex(1, 2), Complex(3.5, -1)])
    // Complex<Double> canonicalises to complex64 without x64, as Python complex.
    let d = Tensor([Complex(0.5, -0.25)] as [Complex<Double>])
    #expect(d.dtype == .complex64)
    #expect(JAXConfig.withX64 { Tensor([Complex(0.5, -0.25)] as [Complex<Double>]).dtype } == .complex128)
    let w = Numpy.array(Complex(1, 2))
    #expect(w.dtype == .complex64 && w.weakType)
    #expect(w.repr == "Array(1.+2.j, dtype=complex64, weak_type=True)")
    #expect(Numpy.zeros([2], dtype: .complex64).repr == "Array([0.+0.j, 0.+0.j], dtype=complex64)")
    #expect(Numpy.ones([2], dtype: .complex64).str == "[1.+0.j 1.+0.j]")
    #expect(Numpy.full([2], Tensor(weak: Complex(0, 1)), dtype: .complex64).str == "[0.+1.j 0.+1.j]")
    #expect(Tensor([1.5, -2] as [Float]).toArray(Complex<Float>.self) == [Complex(1.5, 0), Complex(-2, 0)])
  }

  @Test func complexScalarType() {
    let a = Complex<Double>(1, 2), b = Complex<Double>(3, -1)
    #expect(a * b == Complex(5, 5))
    #expect(a + b == Complex(4, 1) && a - b == Complex(-2, 3) && -a == Complex(-1, -2))
    #expect(a.conjugate == Complex(1, -2) && Complex<Double>.i * .i == Complex(-1, 0))
    #expect(a.description == "(1.0+2.0i)")
  }

  @Test func shapeOpsMoveComplexElements() {
    let z = Tensor([Complex(1, 2), Complex(3, 4), Complex(5, 6), Complex(7, 8)] as [Complex<Float>], shape: [2, 2])
    #expect(Numpy.transpose(z).toArray(Complex<Float>.self) == [Complex(1, 2), Complex(5, 6), Complex(3, 4), Complex(7, 8)])
    #expect(Numpy.reshape(z, [4]).toArray(Complex<Float>.self)[3] == Complex(7, 8))
    #expect(Numpy.concatenate([z, z], axis: 0).shape == [4, 2])
  }
}
