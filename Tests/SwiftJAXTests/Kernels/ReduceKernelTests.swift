import Testing
@testable import SwiftJAX

@Suite struct ReduceKernelTests {
  let x = Tensor((0..<24).map { Float($0) }, shape: [2, 3, 4])

  @Test func sumOverAnyAxes() {
    #expect(apply(.reduce(.sum, axes: [1]), x).toArray(Float.self) == [12, 15, 18, 21, 48, 51, 54, 57])
    #expect(apply(.reduce(.sum, axes: [0, 2]), x).toArray(Float.self) == [60, 92, 124])
    #expect(apply(.reduce(.sum, axes: [0, 1, 2]), x).toArray(Float.self) == [276])
    #expect(apply(.reduce(.sum, axes: []), x).toArray(Float.self) == x.toArray(Float.self))
    #expect(apply(.reduce(.max, axes: [2]), x).toArray(Float.self) == [3, 7, 11, 15, 19, 23])
    #expect(apply(.reduce(.prod, axes: [0]), Tensor([2, 3] as [Float], shape: [2, 1])).toArray(Float.self) == [6])
  }

  @Test func emptyReductionsGiveIdentity() {
    let e = Tensor([] as [Float], shape: [0, 2])
    #expect(apply(.reduce(.sum, axes: [0]), e).toArray(Float.self) == [0, 0])
    #expect(apply(.reduce(.prod, axes: [0]), e).toArray(Float.self) == [1, 1])
    #expect(apply(.reduce(.max, axes: [0]), e).toArray(Float.self) == [-.infinity, -.infinity])
    #expect(apply(.reduce(.min, axes: [0]), e).toArray(Float.self) == [.infinity, .infinity])
    #expect(ints(apply(.reduce(.max, axes: [0]), raw([] as [Int8], .int8))) == [-128])
    #expect(ints(apply(.reduce(.min, axes: [0]), raw([] as [UInt8], .uint8))) == [255])
    #expect(bools(apply(.reduce(.and, axes: [0]), Tensor([] as [Bool]))) == [true])
    #expect(bools(apply(.reduce(.or, axes: [0]), Tensor([] as [Bool]))) == [false])
  }

  @Test func maxPropagatesNaNAndIntsWrap() {
    let r = apply(.reduce(.max, axes: [0]), Tensor([1, .nan, 2] as [Float]))
    #expect(r.toArray(Float.self)[0].isNaN)
    #expect(ints(apply(.reduce(.sum, axes: [0]), raw([Int8(100), 100], .int8))) == [-56])
    #expect(ints(apply(.reduce(.xor, axes: [0]), raw([Int32(3), 5], .int32))) == [6])
    #expect(bools(apply(.reduce(.xor, axes: [0]), Tensor([true, true, true]))) == [true])
  }

  @Test func float16SumAccumulatesInFloat32() {
    let h = raw([Float16](repeating: 1, count: 4096), .float16)
    #expect(apply(.reduce(.sum, axes: [0]), h).toArray(Float16.self) == [4096])
  }

  @Test func argmaxArgminFirstOccurrenceAndNaN() {
    let v = Tensor([1, 3, 3, 0] as [Float])
    #expect(ints(apply(.argReduce(.argmax, axis: 0, indexDType: .int32), v)) == [1])
    #expect(ints(apply(.argReduce(.argmin, axis: 0, indexDType: .int32), v)) == [3])
    let n = Tensor([1, .nan, 3, .nan] as [Float])
    #expect(ints(apply(.argReduce(.argmax, axis: 0, indexDType: .int32), n)) == [1])
    #expect(ints(apply(.argReduce(.argmin, axis: 0, indexDType: .int8), n)) == [1])
    let m = Tensor([1, 5, 7, 2] as [Int32], shape: [2, 2])
    #expect(ints(apply(.argReduce(.argmax, axis: 0, indexDType: .int32), m)) == [1, 0])
  }

  @Test func cumulativeOps() {
    let v = Tensor([1, 2, 3, 4] as [Float])
    #expect(apply(.cumulative(.sum, axis: 0, reverse: false), v).toArray(Float.self) == [1, 3, 6, 10])
    #expect(apply(.cumulative(.sum, axis: 0, reverse: true), v).toArray(Float.self) == [10, 9, 7, 4])
    #expect(apply(.cumulative(.prod, axis: 0, reverse: false), v).toArray(Float.self) == [1, 2, 6, 24])
    let mx = doubles(apply(.cumulative(.max, axis: 0, reverse: false), Tensor([1, .nan, 3] as [Float])))
    #expect(sameFloats(mx, [1, .nan, .nan]))
    #expect(apply(.cumulative(.min, axis: 1, reverse: false), Tensor([3, 1, 2, 0, 5, -1] as [Float], shape: [2, 3])).toArray(Float.self) == [3, 1, 1, 0, 0, -1])
    let l = apply(.cumulative(.logsumexp, axis: 0, reverse: false), Tensor([1, 2, -.infinity, .infinity] as [Float])).toArray(Float.self)
    #expect(l[0] == 1 && abs(l[1] - 2.3132617) < 1e-6 && abs(l[2] - 2.3132617) < 1e-6 && l[3] == .infinity)
    #expect(ints(apply(.cumulative(.sum, axis: 0, reverse: false), raw([Int8(100), 100], .int8))) == [100, -56])
  }
}
