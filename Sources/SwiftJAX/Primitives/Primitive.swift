/// The closed set of primitives. Every SwiftJAX operation is one of these
/// applied through ``bind(_:_:site:)``. Each transformation is an
/// exhaustive `switch` over this enum, so adding a case makes the compiler
/// list every rule still owed.
///
/// Operand conventions follow `jax.lax` (operands in order):
/// - `selectN`: (which, case0, case1, ...) — `which` is bool or int32
/// - `clamp`: (min, x, max)
/// - `dynamicSlice`: (operand, index0, index1, ...) — one scalar per dim
/// - `dynamicUpdateSlice`: (operand, update, index0, ...)
/// - `pad`: (operand, paddingValue)
/// - `gather`: (operand, indices); `scatter`: (operand, indices, updates)
/// - `sort`: the operands to sort together; the first `numKeys` are keys
public enum Primitive: Hashable {
  case unary(UnaryOp)
  /// `x ** n` for a static integer `n` (`lax.integer_pow`).
  case integerPow(Int)
  case binary(BinaryOp)
  case compare(CompareOp)
  case selectN
  case clamp
  case convertElementType(DType, weakType: Bool)
  case bitcastConvertType(DType)
  case iota(dtype: DType, shape: [Int], dimension: Int)
  case broadcastInDim(shape: [Int], broadcastDimensions: [Int])
  case reshape(newSizes: [Int])
  case transpose(permutation: [Int])
  case squeeze(dimensions: [Int])
  case expandDims(dimensions: [Int])
  case rev(dimensions: [Int])
  case slice(start: [Int], limit: [Int], strides: [Int]?)
  case dynamicSlice(sliceSizes: [Int])
  case dynamicUpdateSlice
  case concatenate(dimension: Int)
  case pad(config: [PadConfig])
  case gather(GatherDimensionNumbers, sliceSizes: [Int], mode: GatherMode, fillValue: Double?)
  case scatter(ScatterOp, ScatterDimensionNumbers, mode: GatherMode)
  case reduce(ReduceOp, axes: [Int])
  case argReduce(ArgReduceOp, axis: Int, indexDType: DType)
  case cumulative(CumulativeOp, axis: Int, reverse: Bool)
  case dotGeneral(DotDimensionNumbers, preferredElementType: DType?)
  case sort(dimension: Int, isStable: Bool, numKeys: Int)
  /// `lax.conv_general_dilated`: operands are (lhs, rhs); see ConvParams.swift.
  case convGeneralDilated(ConvParams)
  /// `lax.reduce_window_{sum,max,min}` with the monoid's identity as the
  /// initial value (padding reads it too).
  case reduceWindow(ReduceWindowOp, WindowParams)
  /// `lax.scan`: operands are (consts..., initial carry..., xs...).
  case scan(ScanParams)
  /// `lax.while_loop`: operands are (cond consts..., body consts..., carry...).
  case whileLoop(WhileParams)
  /// `lax.cond`/`lax.switch`: operands are (index, operands...); the index
  /// is an int32 scalar, clamped to the branches.
  case cond(CondParams)
  /// A function with a custom derivative rule (`custom_jvp_call`,
  /// `custom_vjp_call`, `custom_lin`); see Primitive+Custom.swift.
  case custom(CustomCall)
  /// A Swift closure called with the operands' values when the program
  /// runs (`debug_print`, `debug_callback`); see Primitive+HostCallback.swift.
  case hostCallback(HostCallback)
  /// A collective over a named axis (`psum`, `all_gather`, ...); see
  /// Parallel/Collective.swift.
  case collective(Collective)
}

/// Low/high/interior padding of one dimension (`lax.pad`); low and high
/// may be negative (cropping).
public struct PadConfig: Hashable, Sendable {
  public var low: Int
  public var high: Int
  public var interior: Int
  public init(low: Int, high: Int, interior: Int = 0) {
    self.low = low
    self.high = high
    self.interior = interior
  }
}

/// Dimension numbers of `dot_general`: which axes are contracted and which
/// are batch axes, for each operand. The output is
/// `batch dims ++ lhs free dims ++ rhs free dims`.
public struct DotDimensionNumbers: Hashable, Sendable {
  public var lhsContracting: [Int]
  public var rhsContracting: [Int]
  public var lhsBatch: [Int]
  public var rhsBatch: [Int]
  public init(lhsContracting: [Int], rhsContracting: [Int], lhsBatch: [Int] = [], rhsBatch: [Int] = []) {
    self.lhsContracting = lhsContracting
    self.rhsContracting = rhsContracting
    self.lhsBatch = lhsBatch
    self.rhsBatch = rhsBatch
  }
}

/// How `gather`/`scatter` treat out-of-bounds indices (JAX's
/// `GatherScatterMode`).
public enum GatherMode: Int, Hashable, Sendable {
  /// Clamp start indices so the whole slice is in bounds.
  case clip
  /// Gather: out-of-bounds slices read the fill value. Scatter: out-of-bounds
  /// updates are dropped.
  case fillOrDrop
  /// The caller promises indices are in bounds; behaves like `clip` for
  /// gather and drops out-of-bounds scatter updates (XLA's semantics).
  case promiseInBounds
}

/// XLA gather dimension numbers, as in `jax.lax.GatherDimensionNumbers`.
/// The index vector dimension is always the last dimension of `indices`.
public struct GatherDimensionNumbers: Hashable, Sendable {
  public var offsetDims: [Int]
  public var collapsedSliceDims: [Int]
  public var startIndexMap: [Int]
  public var operandBatchingDims: [Int]
  public var startIndicesBatchingDims: [Int]
  public init(
    offsetDims: [Int], collapsedSliceDims: [Int], startIndexMap: [Int],
    operandBatchingDims: [Int] = [], startIndicesBatchingDims: [Int] = []
  ) {
    self.offsetDims = offsetDims
    self.collapsedSliceDims = collapsedSliceDims
    self.startIndexMap = startIndexMap
    self.operandBatchingDims = operandBatchingDims
    self.startIndicesBatchingDims = startIndicesBatchingDims
  }
}

/// XLA scatter dimension numbers, as in `jax.lax.ScatterDimensionNumbers`.
public struct ScatterDimensionNumbers: Hashable, Sendable {
  public var updateWindowDims: [Int]
  public var insertedWindowDims: [Int]
  public var scatterDimsToOperandDims: [Int]
  public var operandBatchingDims: [Int]
  public var scatterIndicesBatchingDims: [Int]
  public init(
    updateWindowDims: [Int], insertedWindowDims: [Int], scatterDimsToOperandDims: [Int],
    operandBatchingDims: [Int] = [], scatterIndicesBatchingDims: [Int] = []
  ) {
    self.updateWindowDims = updateWindowDims
    self.insertedWindowDims = insertedWindowDims
    self.scatterDimsToOperandDims = scatterDimsToOperandDims
    self.operandBatchingDims = operandBatchingDims
    self.scatterIndicesBatchingDims = scatterIndicesBatchingDims
  }
}

/// How `scatter` combines updates with the operand.
public enum ScatterOp: Int, Hashable, Sendable {
  case set, add, mul, min, max
  public var name: String {
    switch self {
    case .set: "scatter"
    case .add: "scatter-add"
    case .mul: "scatter-mul"
    case .min: "scatter-min"
    case .max: "scatter-max"
    }
  }
  /// The C kernels' op code (`jx_scatter_combine`).
  var kernelName: String {
    switch self {
    case .set: "JX_SCATTER_SET"
    case .add: "JX_SCATTER_ADD"
    case .mul: "JX_SCATTER_MUL"
    case .min: "JX_SCATTER_MIN"
    case .max: "JX_SCATTER_MAX"
    }
  }
}

extension Primitive {
  /// The `jax.lax` name printed in Jaxprs and error messages.
  public var name: String {
    switch self {
    case .unary(let op): op.name
    case .integerPow: "integer_pow"
    case .binary(let op): op.name
    case .compare(let op): op.name
    case .selectN: "select_n"
    case .clamp: "clamp"
    case .convertElementType: "convert_element_type"
    case .bitcastConvertType: "bitcast_convert_type"
    case .iota: "iota"
    case .broadcastInDim: "broadcast_in_dim"
    case .reshape: "reshape"
    case .transpose: "transpose"
    case .squeeze: "squeeze"
    case .expandDims: "expand_dims"
    case .rev: "rev"
    case .slice: "slice"
    case .dynamicSlice: "dynamic_slice"
    case .dynamicUpdateSlice: "dynamic_update_slice"
    case .concatenate: "concatenate"
    case .pad: "pad"
    case .gather: "gather"
    case .scatter(let op, _, _): op.name
    case .reduce(let op, _): op.name
    case .argReduce(let op, _, _): op.name
    case .cumulative(let op, _, _): op.name
    case .dotGeneral: "dot_general"
    case .sort: "sort"
    case .convGeneralDilated: "conv_general_dilated"
    case .reduceWindow(let op, _): op.name
    case .scan: "scan"
    case .whileLoop: "while"
    case .cond: "cond"
    case .custom(let c): c.primitiveName
    case .hostCallback(let h): h.name
    case .collective(let c): c.name
    }
  }
}
