import Foundation
import Testing
@testable import SwiftJAX

/// jit must equal eager bit for bit. Each test batches its cases into one
/// jitted function (see ``DifferentialBatch``), so the suite compiles a
/// handful of C files.
@Suite
struct JITDifferentialTests {
  static let floats: [Float] = [0, -0.0, 1, -1.5, 2.5, .infinity, -.infinity, .nan, 1e-30, 3e38, -7.25, 0.5]
  static let ints: [Int32] = [0, 1, -1, 7, -7, .max, .min, 3, 31, 32, -33, 100]

  @Test func unaryFloat() {
    var batch = DifferentialBatch()
    for op in UnaryOp.allCases where op.accepts.contains(.float32) {
      for d in [DType.float32, .float64, .float16, .bfloat16] {
        let x = Lax.convertElementType(Tensor(Self.floats, shape: [3, 4]), d)
        batch.add([x]) { Lax.convertElementType(bind1(.unary(op), [$0[0]]), .float32) }
      }
      // A fused loop (more than the 16 elements kept in registers).
      let big = Tensor((0..<40).map { Float($0) * 0.37 - 7 }, shape: [40])
      batch.add([big]) { bind1(.unary(op), [$0[0]]) }
    }
    batch.run()
  }

  /// The integer unary ops (bit counts included) in every integer width.
  @Test func unaryInteger() {
    var batch = DifferentialBatch()
    for op in UnaryOp.allCases where op.accepts.contains(.int32) {
      for d in [DType.int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64] where op.accepts.contains(d) {
        let x = Lax.convertElementType(Tensor(Self.ints, shape: [3, 4]), d)
        batch.add([x]) { bind1(.unary(op), [$0[0]]) }
      }
      let big = Tensor((0..<40).map { Int32($0 * 37 - 700) }, shape: [40])
      batch.add([big]) { bind1(.unary(op), [$0[0]]) }
    }
    batch.run()
  }

  @Test func binary() {
    var batch = DifferentialBatch()
    for op in BinaryOp.allCases {
      for d in [DType.float32, .int32, .uint8, .int64, .bool] where op.accepts.contains(d) {
        let a = Lax.convertElementType(Tensor(Self.ints, shape: [3, 4]), d)
        let b = Lax.convertElementType(Tensor(Array(Self.ints.reversed()), shape: [3, 4]), d)
        batch.add([a, b]) { bind1(.binary(op), [$0[0], $0[1]]) }
        batch.add([a, b]) { bind1(.binary(op), [$0[0], Lax.slice($0[1], start: [0, 0], limit: [3, 1])]) }  // size-1 broadcast
      }
      let fa = Tensor(Self.floats, shape: [3, 4]), fb = Tensor(Array(Self.floats.reversed()), shape: [3, 4])
      if op.accepts.contains(.float32) { batch.add([fa, fb]) { bind1(.binary(op), [$0[0], $0[1]]) } }
    }
    batch.run()
  }

  @Test func conversionsSaturateAndWrap() {
    var batch = DifferentialBatch()
    let x = Tensor(Self.floats, shape: [12])
    for d in DType.allCases where d != .float64 && d != .int64 && d != .uint64 {
      batch.add([x]) { Lax.convertElementType($0[0], d) }
      batch.add([x]) { Lax.convertElementType(Lax.convertElementType($0[0], .int32), d) }
    }
    batch.run()
  }

  @Test func shapesAndLayouts() {
    var batch = DifferentialBatch()
    let x = Tensor((0..<24).map { Float($0) * 0.5 - 3 }, shape: [2, 3, 4])
    batch.add([x]) { Lax.transpose($0[0], [2, 0, 1]) + 1 }
    batch.add([x]) { Lax.reduceSum(Lax.exp($0[0]), axes: [0, 2]) }
    batch.add([x]) { Lax.reduceSum(Lax.exp($0[0]), axes: [1]) }
    batch.add([x]) { Lax.reduceSum(Lax.sin($0[0]), axes: [1, 2]) }
    batch.add([x]) { Lax.reduceMax($0[0], axes: [1]) }
    batch.add([x]) { Lax.argmax($0[0], axis: 2) }
    batch.add([x]) { Lax.rev($0[0], dimensions: [1]) * 2.0 }
    batch.add([x]) { Lax.slice($0[0], start: [0, 1, 0], limit: [2, 3, 4], strides: [1, 1, 2]) }
    batch.add([x]) { Lax.pad($0[0], Tensor(Float(9)), config: [PadConfig(low: 1, high: -1, interior: 1), PadConfig(low: 0, high: 2), PadConfig(low: 2, high: 0)]) }
    batch.add([x]) { Lax.concatenate([$0[0], Lax.sin($0[0])], dimension: 1) }
    batch.add([x]) { Lax.broadcastInDim(Lax.reduceSum($0[0], axes: [2]), shape: [2, 3, 5], broadcastDimensions: [0, 1]) }
    batch.add([x]) { Lax.dotGeneral($0[0], $0[0], DotDimensionNumbers(lhsContracting: [2], rhsContracting: [2], lhsBatch: [0], rhsBatch: [0])) }
    batch.add([x]) { Lax.cumulative($0[0], .sum, axis: 1) }
    batch.add([Tensor([1, 2] as [Float])]) { Lax.iota(.float32, shape: [5, 7], dimension: 1) + $0[0].sum() }
    batch.add([x]) { Lax.dynamicUpdateSlice($0[0] * 2.0, Tensor([7, 8] as [Float], shape: [1, 1, 2]), startIndices: [Tensor(Int32(1)), Tensor(Int32(5)), Tensor(Int32(-1))]) }
    batch.add([x]) { Lax.dynamicSlice($0[0], startIndices: [Tensor(Int32(1)), Tensor(Int32(1)), Tensor(Int32(9))], sliceSizes: [1, 2, 2]) }
    // Reductions over many elements: 8-lane order, tails, middle axes.
    let y = Tensor((0..<(37 * 29)).map { Float($0 % 97) * 0.013 - 0.3 }, shape: [37, 29])
    batch.add([y]) { Lax.reduceSum($0[0], axes: [1]) }
    batch.add([y]) { Lax.reduceSum($0[0], axes: [0]) }
    batch.add([y]) { Lax.reduceSum($0[0] * $0[0], axes: [0, 1]) }
    batch.add([y]) { Lax.reduceProd($0[0] + 1.0, axes: [1]) }
    batch.add([y]) { Lax.reduceSum(Lax.convertElementType($0[0], .float16), axes: [1]) }
    batch.add([y]) { Lax.reduceSum(Lax.convertElementType($0[0], .bfloat16), axes: [0]) }
    batch.add([y]) { Lax.reduceMax(Lax.convertElementType($0[0], .bfloat16), axes: [1]) }
    batch.run()
  }

  /// Reductions over a leading or middle axis accumulate up to 256
  /// neighbouring outputs together (CRenderer+Reduce.swift): whole blocks,
  /// a partial last block, a parallel split over the outer axis, and
  /// max/min with NaN and infinities must keep the eager kernel's bits.
  @Test func reductionsOverOuterAxesInBlocks() {
    var batch = DifferentialBatch()
    let a = Tensor(Self.ramp(3 * 5 * 600, step: 37, modulus: 101, scale: 0.011, offset: -0.5), shape: [3, 5, 600])
    batch.add([a]) { Lax.reduceSum($0[0], axes: [1]) }
    batch.add([a]) { Lax.reduceSum(Lax.exp($0[0]), axes: [0]) }
    batch.add([a]) { Lax.reduceMin($0[0] * 3.0, axes: [0, 1]) }
    batch.add([a]) { Lax.reduceSum(Lax.convertElementType($0[0], .float16), axes: [1]) }
    let b = Tensor(Self.ramp(2 * 9 * 4200, step: 13, modulus: 89, scale: 0.021, offset: -0.9), shape: [2, 9, 4200])
    batch.add([b]) { Lax.reduceSum($0[0] * $0[0], axes: [1]) }
    batch.add([b]) { Lax.reduceProd($0[0] + 1.0, axes: [1]) }
    var special = Self.ramp(7 * 300, step: 1, modulus: 23, scale: 1, offset: -11)
    special[5] = .nan
    special[300 + 17] = .infinity
    special[600 + 17] = -.infinity
    special[900 + 299] = .nan
    let c = Tensor(special, shape: [7, 300])
    batch.add([c]) { Lax.reduceMax($0[0], axes: [0]) }
    batch.add([c]) { Lax.reduceMin($0[0], axes: [0]) }
    batch.add([c]) { Lax.reduceSum($0[0], axes: [0]) }
    batch.run()
  }

  /// `count` values `Float((i * step) % modulus) * scale + offset`.
  static func ramp(_ count: Int, step: Int, modulus: Int, scale: Float, offset: Float) -> [Float] {
    var out: [Float] = []
    out.reserveCapacity(count)
    for i in 0..<count { out.append(Float((i * step) % modulus) * scale + offset) }
    return out
  }

  @Test func emptyAndZeroDimensional() {
    var batch = DifferentialBatch()
    batch.add([Tensor([] as [Float], shape: [0, 3])]) { $0[0] * 2.0 + 1.0 }
    batch.add([Tensor([] as [Float], shape: [0, 3])]) { Lax.reduceSum($0[0], axes: [0]) }
    batch.add([Tensor(Float(0.75))]) { Lax.sin($0[0]) * $0[0] }
    // A folded constant NaN keeps its sign and payload (XLA's -NaN).
    batch.add([Tensor([1, 2] as [Float])]) { $0[0] + Lax.log(Tensor(Float(-1))) }
    batch.add([Tensor([1, 2] as [Double])]) { $0[0] * Lax.log1p(Tensor(Double(-3))) }
    batch.run()
  }

  /// Gather is fused into loops (each element reads its window's start
  /// from the indices): every mode, index dtype, window shape and operand
  /// batching dims, against the eager kernel.
  @Test func gatherFused() {
    var batch = DifferentialBatch()
    let rows = GatherDimensionNumbers(offsetDims: [], collapsedSliceDims: [0], startIndexMap: [0])
    let x = Tensor([0, 1, 2, 3, .nan, -0.0] as [Float])
    for idx in [Tensor([5, 1, -1, 9, 0] as [Int32], shape: [5, 1]), Tensor([3, 200, 0] as [UInt8], shape: [3, 1])] {
      for mode in [GatherMode.clip, .fillOrDrop, .promiseInBounds] {
        batch.add([x, idx]) { Lax.gather($0[0], $0[1], dimensionNumbers: rows, sliceSizes: [1], mode: mode) }
        // Fused with arithmetic on both sides.
        batch.add([x, idx]) { Lax.gather(Lax.exp($0[0]), $0[1], dimensionNumbers: rows, sliceSizes: [1], mode: mode) * 2.0 }
      }
    }
    let xi = Tensor([0, 1, 2, 3] as [Int32])
    batch.add([xi, Tensor([5, 1, -1] as [Int32], shape: [3, 1])]) {
      Lax.gather($0[0], $0[1], dimensionNumbers: rows, sliceSizes: [1], mode: .fillOrDrop, fillValue: -7)
    }
    // Windows: x[i:i+2, :] for several i, and a 2-D start.
    let m = Tensor((0..<60).map { Float($0) * 0.5 }, shape: [6, 10])
    let win = GatherDimensionNumbers(offsetDims: [1, 2], collapsedSliceDims: [], startIndexMap: [0])
    batch.add([m, Tensor([2, 5, -3, 4] as [Int32], shape: [4, 1])]) {
      Lax.gather($0[0], $0[1], dimensionNumbers: win, sliceSizes: [2, 10])
    }
    let both = GatherDimensionNumbers(offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0, 1])
    for mode in [GatherMode.clip, .fillOrDrop] {
      batch.add([m, Tensor([1, 2, 5, 9, 0, 0, 4, 7] as [Int64], shape: [4, 2])]) {
        Lax.gather($0[0], $0[1], dimensionNumbers: both, sliceSizes: [1, 3], mode: mode)
      }
    }
    // Operand batching dims (vmap of indexing): per row b, m[b, idx[b]].
    let batched = GatherDimensionNumbers(
      offsetDims: [], collapsedSliceDims: [1], startIndexMap: [1], operandBatchingDims: [0], startIndicesBatchingDims: [0])
    batch.add([m, Tensor([9, 0, 3, 12, -1, 5] as [Int32], shape: [6, 1])]) {
      Lax.gather($0[0], $0[1], dimensionNumbers: batched, sliceSizes: [1, 1])
    }
    // A large gather (a fused, parallel loop) with repeated indices.
    let big = Tensor((0..<5000).map { Float($0 % 71) }, shape: [5000])
    let many = Tensor((0..<100_000).map { Int32(($0 * 7919) % 5003) }, shape: [100_000, 1])
    batch.add([big, many]) { Lax.gather(Lax.sin($0[0]), $0[1], dimensionNumbers: rows, sliceSizes: [1], mode: .fillOrDrop) }
    batch.run()
    // Native: no call back into the eager kernels.
    let f = jit { (a: Tensor, i: Tensor) in Lax.gather(a, i, dimensionNumbers: rows, sliceSizes: [1], mode: .fillOrDrop) }
    #expect(!f.lower(x, Tensor([1, 2] as [Int32], shape: [2, 1])).cSource.contains("rt->callback("))
  }

  /// Scatter runs natively (in place when its operand is dead): every
  /// combine op, mode and dtype, duplicate indices, windows and operand
  /// batching dims, against the eager kernel.
  @Test func scatterNative() {
    var batch = DifferentialBatch()
    let rows = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
    let idx = Tensor([1, 1, 2, 7, -1, 0] as [Int32], shape: [6, 1])
    let xf = Tensor([0.5, -0.0, 3, .nan, 1] as [Float])
    let uf = Tensor([1, .nan, -3, 4, 5, -0.0] as [Float])
    let xi = Tensor([2, -2, 7, 1, 0] as [Int32]), ui = Tensor([3, .max, -5, 6, 1, .min] as [Int32])
    let xb = Tensor([true, false, false, true, false]), ub = Tensor([true, false, true, true, false, false])
    for op in [ScatterOp.set, .add, .mul, .min, .max] {
      for mode in [GatherMode.clip, .fillOrDrop, .promiseInBounds] {
        batch.add([xf, idx, uf]) { Lax.scatter($0[0], $0[1], $0[2], op, dimensionNumbers: rows, mode: mode) }
        batch.add([xi, idx, ui]) { Lax.scatter($0[0], $0[1], $0[2], op, dimensionNumbers: rows, mode: mode) }
        batch.add([xb, idx, ub]) { Lax.scatter($0[0], $0[1], $0[2], op, dimensionNumbers: rows, mode: mode) }
        batch.add([Lax.convertElementType(xf, .float16), idx, Lax.convertElementType(uf, .float16)]) {
          Lax.scatter($0[0], $0[1], $0[2], op, dimensionNumbers: rows, mode: mode)
        }
        batch.add([Lax.convertElementType(xf, .bfloat16), idx, Lax.convertElementType(uf, .bfloat16)]) {
          Lax.scatter($0[0], $0[1], $0[2], op, dimensionNumbers: rows, mode: mode)
        }
        // In place: the operand is a dead intermediate; the result is used on.
        batch.add([xf, idx, uf]) { Lax.scatter(Lax.exp($0[0]), $0[1], $0[2] * 2.0, op, dimensionNumbers: rows, mode: mode) + 1.0 }
      }
    }
    // A large dead operand: updated in place.
    let big = Tensor((0..<64).map { Float($0) * 0.1 } as [Float])
    let bigIdx = Tensor((0..<20).map { Int32(($0 * 13) % 70) } as [Int32], shape: [20, 1])
    let bigU = Tensor((0..<20).map { Float($0) - 7 } as [Float])
    batch.add([big, bigIdx, bigU]) { Lax.scatter(Lax.sin($0[0]), $0[1], $0[2], .add, dimensionNumbers: rows) * 3.0 }
    // Windows that do not fit: dropped, or clamped in clip mode.
    let win = ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [], scatterDimsToOperandDims: [0])
    for mode in [GatherMode.clip, .fillOrDrop] {
      batch.add([Tensor([0, 0, 0, 0, 0] as [Float]), Tensor([3, 0, -1] as [Int32], shape: [3, 1]), Tensor((0..<9).map { Float($0) }, shape: [3, 3])]) {
        Lax.scatter($0[0], $0[1], $0[2], .add, dimensionNumbers: win, mode: mode)
      }
    }
    // 2-D operand, updates with the window before the batch dim.
    let m = Tensor((0..<40).map { Float($0) }, shape: [4, 10])
    let cols = ScatterDimensionNumbers(updateWindowDims: [0], insertedWindowDims: [1], scatterDimsToOperandDims: [1])
    batch.add([m, Tensor([9, 2, 2] as [Int64], shape: [3, 1]), Tensor((0..<12).map { Float($0) * 0.5 }, shape: [4, 3])]) {
      Lax.scatter($0[0], $0[1], $0[2], .add, dimensionNumbers: cols)
    }
    // Operand batching dims (vmap of an .at[].set): per row b, m[b, idx[b]] = u[b].
    let batched = ScatterDimensionNumbers(
      updateWindowDims: [], insertedWindowDims: [1], scatterDimsToOperandDims: [1], operandBatchingDims: [0], scatterIndicesBatchingDims: [0])
    batch.add([m, Tensor([9, 0, 3, 12] as [Int32], shape: [4, 1]), Tensor([-1, -2, -3, -4] as [Float])]) {
      Lax.scatter($0[0], $0[1], $0[2], .set, dimensionNumbers: batched)
    }
    batch.run()
    let f = jit { (a: Tensor, i: Tensor, u: Tensor) in Lax.scatter(a, i, u, .add, dimensionNumbers: rows) }
    #expect(!f.lower(xf, idx, uf).cSource.contains("rt->callback("))
  }

  /// Cumulative reductions run natively: every op, dtype, axis and
  /// direction, with NaNs, wrap-around and float16 accumulation.
  @Test func cumulativeNative() {
    var batch = DifferentialBatch()
    let xf = Tensor([0.5, -1.25, 3, .nan, 1e30, -2, 0.125, 7, -0.0, 4, 1e-3, 2] as [Float], shape: [3, 4])
    let xi = Tensor([3, .max, -5, 6, 1, .min, 2, 2, -7, 9, 0, 1] as [Int32], shape: [3, 4])
    let xb = Tensor([true, false, false, true, false, false, true, true, false, true, false, true], shape: [3, 4])
    for op in CumulativeOp.allCases {
      for axis in [0, 1] {
        for reverse in [false, true] {
          for x in [xf, Lax.convertElementType(xf, .float16), Lax.convertElementType(xf, .bfloat16), Lax.convertElementType(xf, .float64)] {
            batch.add([x]) { Lax.cumulative($0[0], op, axis: axis, reverse: reverse) }
          }
          if op != .logsumexp {
            batch.add([xi]) { Lax.cumulative($0[0], op, axis: axis, reverse: reverse) }
            batch.add([xb]) { Lax.cumulative($0[0], op, axis: axis, reverse: reverse) }
          }
        }
      }
    }
    // Fused operand, 3-D, middle axis.
    let cube = Tensor((0..<60).map { Float($0 % 7) * 0.3 - 1 }, shape: [3, 4, 5])
    batch.add([cube]) { Lax.cumulative(Lax.exp($0[0]), .sum, axis: 1) * 2.0 }
    batch.run()
    let f = jit { (a: Tensor) in Lax.cumulative(a, .sum, axis: 1) }
    #expect(!f.lower(xf).cSource.contains("rt->callback("))
  }

  /// Sort calls the eager C kernel directly: keys with NaNs and signed
  /// zeros, several operands, numKeys, every axis.
  @Test func sortNative() {
    var batch = DifferentialBatch()
    let keys = Tensor([3, .nan, -0.0, 0, -1, 3, .infinity, 2, -.infinity, 1, 0.5, 3] as [Float], shape: [3, 4])
    let vals = Tensor((0..<12).map { Int32($0) }, shape: [3, 4])
    let ties = Tensor([1, 1, 0, 0, 2, 2, 1, 0, 1, 1, 0, 2] as [Int32], shape: [3, 4])
    for dim in [0, 1] {
      batch.add([keys]) { Lax.sort([$0[0]], dimension: dim)[0] }
      batch.add([keys, vals]) { Lax.sort([$0[0], $0[1]], dimension: dim, numKeys: 1)[1] }
      batch.add([ties, keys, vals]) { Lax.sort([$0[0], $0[1], $0[2]], dimension: dim, numKeys: 2)[2] }
      batch.add([keys]) { Lax.sort([Lax.exp($0[0])], dimension: dim)[0] }
    }
    batch.run()
    let f = jit { (a: Tensor) in Lax.sort([a], dimension: 1)[0] }
    #expect(!f.lower(keys).cSource.contains("rt->callback("))
  }

  @Test func largeParallelLoop() {
    var batch = DifferentialBatch()
    let x = Tensor((0..<300_000).map { Float($0 % 1000) * 0.001 }, shape: [600, 500])
    batch.add([x]) { Lax.tanh($0[0]) * 3.0 - Lax.transpose(Lax.transpose($0[0], [1, 0]), [1, 0]) }
    batch.add([x]) { Lax.reduceSum($0[0] * $0[0], axes: [1]) }
    batch.add([x]) { Lax.reduceSum($0[0], axes: [0]) }
    batch.run()
  }
}

extension Tensor {
  fileprivate func sum() -> Tensor { Lax.reduceSum(self, axes: Array(0..<rank)) }
}
