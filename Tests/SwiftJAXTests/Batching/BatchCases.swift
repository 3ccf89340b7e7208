import Testing
@testable import SwiftJAX

/// One row of the batching table: a function of per-example operands
/// built from one primitive, and how to draw its operands.
struct BatchCase: CustomTestStringConvertible, Sendable {
  let name: String
  let args: [ArgSpec]
  let fn: @Sendable ([Tensor]) -> [Tensor]
  var testDescription: String { name }

  init(_ name: String, _ args: [ArgSpec], _ fn: @escaping @Sendable ([Tensor]) -> [Tensor]) {
    self.name = name
    self.args = args
    self.fn = fn
  }
  init(_ name: String, _ args: [ArgSpec], one fn: @escaping @Sendable ([Tensor]) -> Tensor) {
    self.init(name, args) { [fn($0)] }
  }
  /// A case that binds `p` directly on its operands.
  init(_ p: Primitive, _ args: [ArgSpec], _ suffix: String = "") {
    // `Primitive` is not Sendable (some cases carry closures: custom rules,
    // control-flow bodies); the table's are immutable values that the
    // tests only read, so sharing them across test tasks is safe.
    nonisolated(unsafe) let p = p
    self.init(p.name + suffix, args) { bind(p, $0) }
  }
}

/// Every primitive, in several configurations. Each case is run with
/// random in/out axes and batch sizes by the tests.
let batchCases: [BatchCase] = elementwiseCases + shapeCases + indexingCases + reductionCases + controlFlowCases

let elementwiseCases: [BatchCase] = {
  var cases: [BatchCase] = []
  // Complex-only ops (imag, conj) are batched in ComplexOpsTests.
  for op in UnaryOp.allCases where op.accepts != .complex {
    let arg: ArgSpec = op.accepts.contains(.float32) ? .f32(3, 2, low: -0.95, high: 0.95) : .i32(3, 2, low: -50, high: 50)
    cases.append(BatchCase(.unary(op), [arg], op == .roundEven ? "_even" : ""))
  }
  cases.append(BatchCase(.integerPow(3), [.f32(4)]))
  cases.append(BatchCase(.integerPow(-2), [.f32(2, 2, low: 0.5, high: 2)]))
  let intOps: Set<BinaryOp> = [.and, .or, .xor, .shiftLeft, .shiftRightLogical, .shiftRightArithmetic]
  for op in BinaryOp.allCases {
    // Shift amounts stay below the bit width (larger ones are defined, but
    // this table is about batching, not shift semantics).
    let isShift = intOps.contains(op) && ![.and, .or, .xor].contains(op)
    func s(_ shape: [Int]) -> ArgSpec {
      intOps.contains(op) ? ArgSpec(shape: shape, dtype: .int32, low: -20, high: 20) : ArgSpec(shape: shape, low: 0.1, high: 3)
    }
    func rhs(_ shape: [Int]) -> ArgSpec { isShift ? ArgSpec(shape: shape, dtype: .int32, low: 0, high: 8) : s(shape) }
    cases.append(BatchCase(.binary(op), [s([3, 2]), rhs([3, 2])], "_same"))
    cases.append(BatchCase(.binary(op), [s([]), rhs([3, 2])], "_scalar_lhs"))
    cases.append(BatchCase(.binary(op), [s([2, 3]), rhs([])], "_scalar_rhs"))
    cases.append(BatchCase(.binary(op), [s([2, 1]), rhs([2, 3])], "_size1"))
  }
  for op in CompareOp.allCases {
    cases.append(BatchCase(.compare(op), [.i32(4, low: 0, high: 3), .i32(4, low: 0, high: 3)]))
    cases.append(BatchCase(.compare(op), [.f32(2, 3), .f32()], "_scalar"))
  }
  cases += [
    BatchCase(.selectN, [.bool(3, 2), .f32(3, 2), .f32(3, 2)], "_bool"),
    BatchCase(.selectN, [.bool(), .f32(2, 3), .f32(2, 3)], "_scalar_pred"),
    BatchCase(.selectN, [.i32(4, low: 0, high: 3), .f32(4), .f32(4), .f32(4)], "_int"),
    BatchCase(.clamp, [.f32(), .f32(3, 2), .f32()], "_scalars"),
    BatchCase(.clamp, [.f32(3, 2), .f32(3, 2), .f32()], "_array_min"),
    BatchCase(.convertElementType(.int32, weakType: false), [.f32(3, 2, low: -9, high: 9)]),
    BatchCase(.convertElementType(.float32, weakType: false), [.i32(4)]),
    BatchCase(.bitcastConvertType(.int32), [.f32(3)]),
    BatchCase(.bitcastConvertType(.uint8), [.f32(3)]),
    BatchCase(.bitcastConvertType(.float32), [.u8(2, 4)]),
    BatchCase("iota", [.f32(2, 3)], one: { Lax.add($0[0], Lax.iota(.float32, shape: [2, 3], dimension: 1)) }),
  ]
  return cases
}()

let shapeCases: [BatchCase] = [
  BatchCase(.broadcastInDim(shape: [2, 3], broadcastDimensions: [1]), [.f32(3)]),
  BatchCase(.broadcastInDim(shape: [4, 3], broadcastDimensions: [0, 1]), [.f32(1, 3)], "_size1"),
  BatchCase(.broadcastInDim(shape: [2], broadcastDimensions: []), [.f32()], "_scalar"),
  BatchCase(.reshape(newSizes: [3, 2]), [.f32(2, 3)]),
  BatchCase(.reshape(newSizes: []), [.f32(1, 1)], "_to_scalar"),
  BatchCase(.transpose(permutation: [2, 0, 1]), [.f32(2, 3, 4)]),
  BatchCase(.squeeze(dimensions: [1]), [.f32(2, 1, 3)]),
  BatchCase(.squeeze(dimensions: [0, 1]), [.f32(1, 1)], "_all"),
  BatchCase(.expandDims(dimensions: [0, 2]), [.f32(2, 3)]),
  BatchCase(.rev(dimensions: [0]), [.f32(3, 4)]),
  BatchCase(.rev(dimensions: [1, 0]), [.f32(3, 4)], "_both"),
  BatchCase(.slice(start: [1, 0], limit: [4, 3], strides: [2, 1]), [.f32(5, 4)], "_strided"),
  BatchCase(.slice(start: [0, 1], limit: [2, 4], strides: nil), [.f32(3, 4)]),
  BatchCase(.concatenate(dimension: 0), [.f32(2, 3), .f32(1, 3)]),
  BatchCase(.concatenate(dimension: 1), [.f32(2, 1), .f32(2, 2), .f32(2, 1)], "_three"),
  BatchCase(.pad(config: [PadConfig(low: 1, high: 2), PadConfig(low: 0, high: -1, interior: 1)]), [.f32(3, 2), .f32()]),
  BatchCase(.pad(config: [PadConfig(low: -1, high: 1, interior: 2)]), [.i32(4), .i32()], "_crop"),
]

let indexingCases: [BatchCase] = [
  BatchCase(.dynamicSlice(sliceSizes: [2, 3]), [.f32(5, 4), .i32(low: -1, high: 6), .i32(low: -1, high: 6)]),
  BatchCase(.dynamicSlice(sliceSizes: [1]), [.f32(3), .i32(low: 0, high: 4)], "_1d"),
  BatchCase(.dynamicUpdateSlice, [.f32(5, 4), .f32(2, 3), .i32(low: -1, high: 6), .i32(low: -1, high: 6)]),
  BatchCase(.dynamicUpdateSlice, [.i32(6), .i32(2), .i32(low: 0, high: 6)], "_1d"),
  // x[idx] for idx: i32[4]: rows of a [5, 3] operand.
  BatchCase(
    .gather(GatherDimensionNumbers(offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0]), sliceSizes: [1, 3], mode: .clip, fillValue: nil),
    [.f32(5, 3), .i32(4, 1, low: -2, high: 7)], "_rows"),
  BatchCase(
    .gather(GatherDimensionNumbers(offsetDims: [], collapsedSliceDims: [0, 1], startIndexMap: [0, 1]), sliceSizes: [1, 1], mode: .fillOrDrop, fillValue: nil),
    [.f32(4, 5), .i32(3, 2, low: -1, high: 6)], "_points_fill"),
  // take_along_axis-style gather that already has batching dimensions.
  BatchCase(
    .gather(
      GatherDimensionNumbers(offsetDims: [], collapsedSliceDims: [1], startIndexMap: [1], operandBatchingDims: [0], startIndicesBatchingDims: [0]),
      sliceSizes: [1, 1], mode: .clip, fillValue: nil),
    [.f32(3, 4), .i32(3, 1, low: 0, high: 4)], "_batching_dims"),
  BatchCase(
    .scatter(.add, ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0]), mode: .fillOrDrop),
    [.f32(5, 3), .i32(4, 1, low: 0, high: 5), .f32(4, 3)], "_rows"),
  BatchCase(
    .scatter(.set, ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0, 1], scatterDimsToOperandDims: [0, 1]), mode: .fillOrDrop),
    [.f32(4, 5), .i32(3, 2, low: 0, high: 4), .f32(3)], "_points"),
  BatchCase(
    .scatter(.mul, ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0]), mode: .clip),
    [.f32(4), .i32(3, 1, low: -1, high: 5), .f32(3)], "_clip"),
  BatchCase(
    .scatter(.max, ScatterDimensionNumbers(
      updateWindowDims: [], insertedWindowDims: [1], scatterDimsToOperandDims: [1], operandBatchingDims: [0], scatterIndicesBatchingDims: [0]), mode: .fillOrDrop),
    [.f32(3, 4), .i32(3, 1, low: 0, high: 4), .f32(3)], "_batching_dims"),
  BatchCase(
    .scatter(.min, ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0]), mode: .fillOrDrop),
    [.f32(5, 3), .i32(4, 1, low: 0, high: 5), .f32(4, 3)], "_min"),
]

let reductionCases: [BatchCase] = {
  var cases: [BatchCase] = []
  for op in ReduceOp.allCases {
    let arg: ArgSpec = [.and, .or, .xor].contains(op) ? .i32(3, 4, low: -9, high: 9) : .f32(3, 4, low: 0.5, high: 1.5)
    cases.append(BatchCase(.reduce(op, axes: [1]), [arg]))
    cases.append(BatchCase(.reduce(op, axes: [0, 1]), [arg], "_all"))
  }
  cases.append(BatchCase(.reduce(.or, axes: [0]), [.bool(3, 2)], "_bool"))
  for op in ArgReduceOp.allCases {
    cases.append(BatchCase(.argReduce(op, axis: 1, indexDType: .int32), [.i32(3, 4, low: 0, high: 3)]))
    cases.append(BatchCase(.argReduce(op, axis: 0, indexDType: .int32), [.f32(3, 4)], "_axis0"))
  }
  for op in CumulativeOp.allCases {
    cases.append(BatchCase(.cumulative(op, axis: 0, reverse: false), [.f32(4, 3, low: 0.5, high: 1.5)]))
    cases.append(BatchCase(.cumulative(op, axis: 1, reverse: true), [.f32(4, 3, low: 0.5, high: 1.5)], "_reverse"))
  }
  let dot: (DotDimensionNumbers) -> Primitive = { .dotGeneral($0, preferredElementType: nil) }
  cases += [
    BatchCase(dot(DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0])), [.f32(2, 3), .f32(3, 4)], "_matmul"),
    BatchCase(dot(DotDimensionNumbers(lhsContracting: [0], rhsContracting: [0])), [.f32(3), .f32(3)], "_vector"),
    BatchCase(dot(DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0])), [.f32(2, 3), .f32(3)], "_matvec"),
    BatchCase(dot(DotDimensionNumbers(lhsContracting: [2], rhsContracting: [1], lhsBatch: [0], rhsBatch: [0])), [.f32(2, 3, 4), .f32(2, 4, 5)], "_batch"),
    BatchCase(dot(DotDimensionNumbers(lhsContracting: [0], rhsContracting: [1])), [.f32(3, 2), .f32(4, 3)], "_transposed"),
    BatchCase(.dotGeneral(DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0]), preferredElementType: .float32), [.i32(2, 3), .i32(3, 2)], "_int_preferred"),
    BatchCase(.sort(dimension: 0, isStable: true, numKeys: 1), [.f32(5)]),
    BatchCase(.sort(dimension: 1, isStable: true, numKeys: 1), [.f32(3, 4)], "_rows"),
    BatchCase(.sort(dimension: 0, isStable: true, numKeys: 1), [.i32(6, low: 0, high: 3), .f32(6)], "_key_value"),
    BatchCase(.sort(dimension: 1, isStable: true, numKeys: 2), [.i32(2, 5, low: 0, high: 2), .i32(2, 5, low: 0, high: 3), .f32(2, 5)], "_two_keys"),
  ]
  return cases
}()
