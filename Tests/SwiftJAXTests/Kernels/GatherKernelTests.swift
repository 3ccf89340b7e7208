import Testing
@testable import SwiftJAX

@Suite struct GatherKernelTests {
  let dn = GatherDimensionNumbers(offsetDims: [], collapsedSliceDims: [0], startIndexMap: [0])

  @Test func gatherRowsClipAndFill() {
    let x = Tensor([0, 1, 2, 3] as [Float])
    let idx = Tensor([5, 1, -1] as [Int32], shape: [3, 1])
    let clip = apply(.gather(dn, sliceSizes: [1], mode: .clip, fillValue: nil), x, idx)
    #expect(clip.toArray(Float.self) == [3, 1, 0])
    let fill = doubles(apply(.gather(dn, sliceSizes: [1], mode: .fillOrDrop, fillValue: nil), x, idx))
    #expect(sameFloats(fill, [.nan, 1, .nan]))
    let xi = Tensor([0, 1, 2, 3] as [Int32])
    #expect(ints(apply(.gather(dn, sliceSizes: [1], mode: .fillOrDrop, fillValue: nil), xi, idx)) == [Int64(Int32.min), 1, Int64(Int32.min)])
    let xu = raw([UInt8(0), 1, 2, 3], .uint8)
    #expect(ints(apply(.gather(dn, sliceSizes: [1], mode: .fillOrDrop, fillValue: nil), xu, idx)) == [255, 1, 255])
    #expect(apply(.gather(dn, sliceSizes: [1], mode: .fillOrDrop, fillValue: -7), x, idx).toArray(Float.self) == [-7, 1, -7])
  }

  @Test func gatherWindowsWithOffsetDims() {
    // x[i:i+2, :] for i in [2, 0]: windows of shape [2, 3].
    let x = Tensor((0..<12).map { Float($0) }, shape: [4, 3])
    let d = GatherDimensionNumbers(offsetDims: [1, 2], collapsedSliceDims: [], startIndexMap: [0])
    let r = apply(.gather(d, sliceSizes: [2, 3], mode: .clip, fillValue: nil), x, Tensor([2, 3] as [Int32], shape: [2, 1]))
    #expect(r.shape == [2, 2, 3])
    #expect(r.toArray(Float.self) == [6, 7, 8, 9, 10, 11, 6, 7, 8, 9, 10, 11])
  }

  @Test func gatherWithOperandBatchingDims() {
    // Per batch row b: x[b, idx[b]] (as vmap of indexing produces).
    let x = Tensor([0, 1, 2, 10, 11, 12] as [Float], shape: [2, 3])
    let d = GatherDimensionNumbers(
      offsetDims: [], collapsedSliceDims: [1], startIndexMap: [1],
      operandBatchingDims: [0], startIndicesBatchingDims: [0])
    let r = apply(.gather(d, sliceSizes: [1, 1], mode: .clip, fillValue: nil), x, Tensor([2, 0] as [Int32], shape: [2, 1]))
    #expect(r.toArray(Float.self) == [2, 10])
  }

  let sdn = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])

  @Test func scatterAddAccumulatesDuplicates() {
    let x = Tensor([0, 0, 0] as [Float])
    let idx = Tensor([1, 1, 2, 7] as [Int32], shape: [4, 1])
    let u = Tensor([1, 2, 3, 4] as [Float])
    #expect(apply(.scatter(.add, sdn, mode: .fillOrDrop), x, idx, u).toArray(Float.self) == [0, 3, 3])
    #expect(apply(.scatter(.add, sdn, mode: .clip), x, idx, u).toArray(Float.self) == [0, 3, 7])
    #expect(apply(.scatter(.set, sdn, mode: .promiseInBounds), x, idx, u).toArray(Float.self) == [0, 2, 3])
    let ones = Tensor([2, 2, 2] as [Int32])
    #expect(ints(apply(.scatter(.mul, sdn, mode: .fillOrDrop), ones, idx, Tensor([3, 4, 5, 6] as [Int32]))) == [2, 24, 10])
    let mx = doubles(apply(.scatter(.max, sdn, mode: .fillOrDrop), x, idx, Tensor([-1, .nan, 5, 1] as [Float])))
    #expect(sameFloats(mx, [0, .nan, 5]))
    #expect(apply(.scatter(.min, sdn, mode: .fillOrDrop), x, idx, Tensor([-1, -3, 5, 1] as [Float])).toArray(Float.self) == [0, -3, 0])
  }

  @Test func scatterWindowsDropWhenOutOfBounds() {
    let x = Tensor([0, 0, 0, 0, 0] as [Float])
    let d = ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [], scatterDimsToOperandDims: [0])
    let idx = Tensor([3, 0, -1] as [Int32], shape: [3, 1])
    let u = Tensor([Float](repeating: 1, count: 9), shape: [3, 3])
    #expect(apply(.scatter(.add, d, mode: .fillOrDrop), x, idx, u).toArray(Float.self) == [1, 1, 1, 0, 0])
    #expect(apply(.scatter(.add, d, mode: .clip), x, idx, u).toArray(Float.self) == [2, 2, 3, 1, 1])
  }
}
