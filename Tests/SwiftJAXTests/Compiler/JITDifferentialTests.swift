import Foundation
import Testing
@testable import SwiftJAX

/// jit must equal eager bit for bit. These run the eager kernels, so they
/// need the kernels branch (until it is merged, `Primitive.evaluate` is a
/// placeholder): set SWIFTJAX_EAGER=1 to enable them.
@Suite
struct JITDifferentialTests {
  init() { CompilerTestSupport.setUp() }

  /// Bytes of a concrete tensor, for exact comparison (NaN payloads,
  /// signed zeros).
  func bytes(_ t: Tensor) -> [UInt8] {
    let c = t.concrete!
    return Array(UnsafeRawBufferPointer(start: c.data, count: c.aval.byteCount))
  }

  func check(_ f: @escaping ([Tensor]) -> Tensor, _ args: [Tensor], sourceLocation: SourceLocation = #_sourceLocation) {
    let eager = f(args)
    let jitted = jit { (xs: [Tensor]) in f(xs) }(args)
    #expect(jitted.aval == eager.aval, sourceLocation: sourceLocation)
    #expect(bytes(jitted) == bytes(eager), "\(eager.aval)", sourceLocation: sourceLocation)
  }

  static let floats: [Float] = [0, -0.0, 1, -1.5, 2.5, .infinity, -.infinity, .nan, 1e-30, 3e38, -7.25, 0.5]
  static let ints: [Int32] = [0, 1, -1, 7, -7, .max, .min, 3, 31, 32, -33, 100]

  @Test(arguments: UnaryOp.allCases)
  func unaryFloat(_ op: UnaryOp) {
    guard op.accepts.contains(.float32) else { return }
    for d in [DType.float32, .float64, .float16] {
      let x = Lax.convertElementType(Tensor(Self.floats, shape: [3, 4]), d)
      check({ Lax.convertElementType(bind1(.unary(op), [$0[0]]), .float32) }, [x])
    }
  }

  @Test(arguments: BinaryOp.allCases)
  func binary(_ op: BinaryOp) {
    for d in [DType.float32, .int32, .uint8, .int64, .bool] where op.accepts.contains(d) {
      let a = Lax.convertElementType(Tensor(Self.ints, shape: [3, 4]), d)
      let b = Lax.convertElementType(Tensor(Array(Self.ints.reversed()), shape: [3, 4]), d)
      check({ bind1(.binary(op), [$0[0], $0[1]]) }, [a, b])
      check({ bind1(.binary(op), [$0[0], Lax.slice($0[1], start: [0, 0], limit: [3, 1])]) }, [a, b])  // size-1 broadcast
    }
    let fa = Tensor(Self.floats, shape: [3, 4]), fb = Tensor(Array(Self.floats.reversed()), shape: [3, 4])
    if op.accepts.contains(.float32) { check({ bind1(.binary(op), [$0[0], $0[1]]) }, [fa, fb]) }
  }

  @Test func conversionsSaturateAndWrap() {
    let x = Tensor(Self.floats, shape: [12])
    for d in DType.allCases where d != .float64 && d != .int64 && d != .uint64 {
      check({ Lax.convertElementType($0[0], d) }, [x])
      check({ Lax.convertElementType(Lax.convertElementType($0[0], .int32), d) }, [x])
    }
  }

  @Test func shapesAndLayouts() {
    let x = Tensor((0..<24).map { Float($0) * 0.5 - 3 }, shape: [2, 3, 4])
    check({ Lax.transpose($0[0], [2, 0, 1]) + 1 }, [x])
    check({ Lax.reduceSum(Lax.exp($0[0]), axes: [0, 2]) }, [x])
    check({ Lax.reduceMax($0[0], axes: [1]) }, [x])
    check({ Lax.argmax($0[0], axis: 2) }, [x])
    check({ Lax.rev($0[0], dimensions: [1]) * 2.0 }, [x])
    check({ Lax.slice($0[0], start: [0, 1, 0], limit: [2, 3, 4], strides: [1, 1, 2]) }, [x])
    check({ Lax.pad($0[0], Tensor(Float(9)), config: [PadConfig(low: 1, high: -1, interior: 1), PadConfig(low: 0, high: 2), PadConfig(low: 2, high: 0)]) }, [x])
    check({ Lax.concatenate([$0[0], Lax.sin($0[0])], dimension: 1) }, [x])
    check({ Lax.broadcastInDim(Lax.reduceSum($0[0], axes: [2]), shape: [2, 3, 5], broadcastDimensions: [0, 1]) }, [x])
    check({ Lax.dotGeneral($0[0], $0[0], DotDimensionNumbers(lhsContracting: [2], rhsContracting: [2], lhsBatch: [0], rhsBatch: [0])) }, [x])
    check({ Lax.cumulative($0[0], .sum, axis: 1) }, [x])
    check({ Lax.iota(.float32, shape: [5, 7], dimension: 1) + $0[0].sum() }, [Tensor([1, 2] as [Float])])
    check({ Lax.dynamicUpdateSlice($0[0] * 2.0, Tensor([7, 8] as [Float], shape: [1, 1, 2]), startIndices: [Tensor(Int32(1)), Tensor(Int32(5)), Tensor(Int32(-1))]) }, [x])
    check({ Lax.dynamicSlice($0[0], startIndices: [Tensor(Int32(1)), Tensor(Int32(1)), Tensor(Int32(9))], sliceSizes: [1, 2, 2]) }, [x])
  }

  @Test func emptyAndZeroDimensional() {
    check({ $0[0] * 2.0 + 1.0 }, [Tensor([] as [Float], shape: [0, 3])])
    check({ Lax.reduceSum($0[0], axes: [0]) }, [Tensor([] as [Float], shape: [0, 3])])
    check({ Lax.sin($0[0]) * $0[0] }, [Tensor(Float(0.75))])
  }

  @Test func largeParallelLoop() {
    let x = Tensor((0..<300_000).map { Float($0 % 1000) * 0.001 }, shape: [600, 500])
    check({ Lax.tanh($0[0]) * 3.0 - Lax.transpose(Lax.transpose($0[0], [1, 0]), [1, 0]) }, [x])
    check({ Lax.reduceSum($0[0] * $0[0], axes: [1]) }, [x])
  }
}

extension Tensor {
  fileprivate func sum() -> Tensor { Lax.reduceSum(self, axes: Array(0..<rank)) }
}
