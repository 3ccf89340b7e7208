import Testing
@testable import SwiftJAX

@Suite struct DotSortKernelTests {
  @Test func matmulAndVectorDot() {
    let a = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    let b = Tensor([1, 0, 0, 1, 1, 1] as [Float], shape: [3, 2])
    let mm = apply(.dotGeneral(DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0]), preferredElementType: nil), a, b)
    #expect(mm.shape == [2, 2] && mm.toArray(Float.self) == [4, 5, 10, 11])
    // Contract the lhs with itself on dim 1 (a @ a.T): rhs needs a transpose.
    let aat = apply(.dotGeneral(DotDimensionNumbers(lhsContracting: [1], rhsContracting: [1]), preferredElementType: nil), a, a)
    #expect(aat.toArray(Float.self) == [14, 32, 32, 77])
    let v = Tensor([1, 2, 3, 4] as [Int32])
    let dot = apply(.dotGeneral(DotDimensionNumbers(lhsContracting: [0], rhsContracting: [0]), preferredElementType: nil), v, v)
    #expect(dot.shape == [] && ints(dot) == [30])
  }

  @Test func batchDimsComeFirst() {
    // lhs [k=2, b=2, m=1], rhs [b=2, k=2, n=1]; out [b, m, n].
    let l = Tensor([1, 3, 2, 4] as [Float], shape: [2, 2, 1])
    let r = Tensor([1, 1, 2, 3] as [Float], shape: [2, 2, 1])
    let dn = DotDimensionNumbers(lhsContracting: [0], rhsContracting: [1], lhsBatch: [1], rhsBatch: [0])
    let o = apply(.dotGeneral(dn, preferredElementType: nil), l, r)
    #expect(o.shape == [2, 1, 1] && o.toArray(Float.self) == [3, 18])
  }

  @Test func integerDotWrapsAndPreferredType() {
    let a = raw([Int8(100), 100], .int8)
    let dn = DotDimensionNumbers(lhsContracting: [0], rhsContracting: [0])
    #expect(ints(apply(.dotGeneral(dn, preferredElementType: nil), a, a)) == [Int64(Int8(truncatingIfNeeded: 20000))])
    let wide = apply(.dotGeneral(dn, preferredElementType: .int32), a, a)
    #expect(wide.dtype == .int32 && ints(wide) == [20000])
    let h = raw([Float16](repeating: 1, count: 4096), .float16)
    #expect(apply(.dotGeneral(dn, preferredElementType: nil), h, h).toArray(Float16.self) == [4096])
    let e = Tensor([] as [Float], shape: [2, 0])
    let z = apply(.dotGeneral(DotDimensionNumbers(lhsContracting: [1], rhsContracting: [1]), preferredElementType: nil), e, e)
    #expect(z.toArray(Float.self) == [0, 0, 0, 0])
  }

  @Test func sortFloatsInTotalOrderStably() {
    let x = Tensor([0.0, -0.0, .nan, -.nan, -.infinity, .infinity, 1.0] as [Float])
    let r = bind(.sort(dimension: 0, isStable: true, numKeys: 1), [x, Tensor((0..<7).map { Int32($0) })])
    #expect(ints(r[1]) == [4, 0, 1, 6, 5, 2, 3])
    let vals = doubles(r[0])
    #expect(sameFloats(Array(vals.prefix(4)), [-.infinity, 0.0, -0.0, 1]))
  }

  @Test func sortMultipleKeysAlongAxis() {
    let k1 = Tensor([1, 0, 1, 0] as [Int32])
    let k2 = Tensor([2, 3, 1, 3] as [Int32])
    let p = Tensor([0, 1, 2, 3] as [Int32])
    let r = bind(.sort(dimension: 0, isStable: true, numKeys: 2), [k1, k2, p])
    #expect(ints(r[2]) == [1, 3, 2, 0])
    let m = Tensor([3, 1, 2, 9, 8, 7] as [Float], shape: [2, 3])
    #expect(bind(.sort(dimension: 1, isStable: false, numKeys: 1), [m])[0].toArray(Float.self) == [1, 2, 3, 7, 8, 9])
    #expect(bind(.sort(dimension: 0, isStable: false, numKeys: 1), [m])[0].toArray(Float.self) == [3, 1, 2, 9, 8, 7])
    #expect(ints(bind(.sort(dimension: 0, isStable: true, numKeys: 1), [raw([Int8(-1), 5, -128], .int8)])[0]) == [-128, -1, 5])
  }
}
