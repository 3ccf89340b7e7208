import Testing
@testable import SwiftJAX

@Suite struct ShapeKernelTests {
  let m = Tensor([0, 1, 2, 3, 4, 5] as [Float], shape: [2, 3])

  @Test func iota() {
    let r = bind(.iota(dtype: .int32, shape: [2, 3], dimension: 1), [])[0]
    #expect(ints(r) == [0, 1, 2, 0, 1, 2])
    let f = bind(.iota(dtype: .float16, shape: [3, 1], dimension: 0), [])[0]
    #expect(f.toArray(Float16.self) == [0, 1, 2])
  }

  @Test func broadcastInDim() {
    let v = Tensor([1, 2] as [Float])
    let r = apply(.broadcastInDim(shape: [2, 3], broadcastDimensions: [0]), v)
    #expect(r.toArray(Float.self) == [1, 1, 1, 2, 2, 2])
    let s = apply(.broadcastInDim(shape: [2, 2], broadcastDimensions: []), Tensor(Float(7)))
    #expect(s.toArray(Float.self) == [7, 7, 7, 7])
    let one = apply(.broadcastInDim(shape: [2, 3], broadcastDimensions: [0, 1]), Tensor([5, 6, 7] as [Float], shape: [1, 3]))
    #expect(one.toArray(Float.self) == [5, 6, 7, 5, 6, 7])
  }

  @Test func reshapeSqueezeExpand() {
    #expect(apply(.reshape(newSizes: [3, 2]), m).shape == [3, 2])
    let e = apply(.expandDims(dimensions: [0, 3]), m)
    #expect(e.shape == [1, 2, 3, 1] && e.toArray(Float.self) == m.toArray(Float.self))
    #expect(apply(.squeeze(dimensions: [0, 3]), e).shape == [2, 3])
  }

  @Test func transposeAndRev() {
    #expect(apply(.transpose(permutation: [1, 0]), m).toArray(Float.self) == [0, 3, 1, 4, 2, 5])
    #expect(apply(.rev(dimensions: [1]), m).toArray(Float.self) == [2, 1, 0, 5, 4, 3])
    #expect(apply(.rev(dimensions: [0, 1]), m).toArray(Float.self) == [5, 4, 3, 2, 1, 0])
    let t3 = Tensor((0..<24).map { Int32($0) }, shape: [2, 3, 4])
    let p = apply(.transpose(permutation: [2, 0, 1]), t3)
    #expect(p.shape == [4, 2, 3])
    #expect(Array(ints(p).prefix(6)) == [0, 4, 8, 12, 16, 20])
  }

  @Test func sliceWithStrides() {
    let v = Tensor((0..<10).map { Int32($0) })
    #expect(ints(apply(.slice(start: [1], limit: [8], strides: [3]), v)) == [1, 4, 7])
    #expect(apply(.slice(start: [0, 1], limit: [2, 3], strides: nil), m).toArray(Float.self) == [1, 2, 4, 5])
    #expect(apply(.slice(start: [2], limit: [2], strides: nil), v).count == 0)
  }

  @Test func dynamicSliceClampsStartIndices() {
    let v = Tensor((0..<5).map { Int32($0) })
    #expect(ints(apply(.dynamicSlice(sliceSizes: [3]), v, scalar(Int32(4), .int32))) == [2, 3, 4])
    #expect(ints(apply(.dynamicSlice(sliceSizes: [3]), v, scalar(Int32(-2), .int32))) == [0, 1, 2])
    #expect(ints(apply(.dynamicSlice(sliceSizes: [3]), v, scalar(UInt8(250), .uint8))) == [2, 3, 4])
    let u = apply(.dynamicUpdateSlice, v, Tensor([9, 9] as [Int32]), scalar(Int32(7), .int32))
    #expect(ints(u) == [0, 1, 2, 9, 9])
    let u2 = apply(.dynamicUpdateSlice, m, Tensor([7] as [Float], shape: [1, 1]), scalar(Int32(1), .int32), scalar(Int32(-1), .int32))
    #expect(u2.toArray(Float.self) == [0, 1, 2, 7, 4, 5])
  }

  @Test func concatenate() {
    let a = Tensor([1, 2] as [Float], shape: [2, 1])
    let r = bind(.concatenate(dimension: 1), [a, m, a])[0]
    #expect(r.shape == [2, 5])
    #expect(r.toArray(Float.self) == [1, 0, 1, 2, 1, 2, 3, 4, 5, 2])
    let e = Tensor([] as [Float], shape: [2, 0])
    #expect(bind(.concatenate(dimension: 1), [e, a])[0].toArray(Float.self) == [1, 2])
  }

  @Test func padLowHighInteriorAndCropping() {
    let v = Tensor([1, 2, 3] as [Float])
    let z = Tensor(Float(0))
    #expect(apply(.pad(config: [PadConfig(low: 1, high: 2, interior: 1)]), v, z).toArray(Float.self) == [0, 1, 0, 2, 0, 3, 0, 0])
    #expect(apply(.pad(config: [PadConfig(low: -1, high: 0, interior: 1)]), v, z).toArray(Float.self) == [0, 2, 0, 3])
    #expect(apply(.pad(config: [PadConfig(low: -2, high: -2, interior: 2)]), v, z).toArray(Float.self) == [0, 2, 0])
    let p2 = apply(.pad(config: [PadConfig(low: 0, high: 1), PadConfig(low: -1, high: 1)]), m, Tensor(Float(9)))
    #expect(p2.shape == [3, 3])
    #expect(p2.toArray(Float.self) == [1, 2, 9, 4, 5, 9, 9, 9, 9])
  }
}
