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
  /// `lax.fft`: a discrete Fourier transform over the trailing
  /// `lengths.count` axes (see FFTType).
  case fft(FFTType, lengths: [Int])
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
///
/// ```swift
/// Lax.pad(x, Tensor(Float(0)), config: [PadConfig(low: 1, high: 2, interior: 1)])
/// // [1, 2, 3] -> [0, 1, 0, 2, 0, 3, 0, 0]
/// ```
public struct PadConfig: Hashable, Sendable {
  /// Elements added before the first (negative: removed).
  public var low: Int
  /// Elements added after the last (negative: removed).
  public var high: Int
  /// Elements added between neighbours (at least 0).
  public var interior: Int
  /// A padding of one dimension.
  ///
  /// - Parameters:
  ///   - low: Elements before.
  ///   - high: Elements after.
  ///   - interior: Elements between neighbours.
  ///
  /// ```swift
  /// print(Lax.pad(jnp.array([1, 2, 3]), jnp.array(0), config: [PadConfig(low: 1, high: 2, interior: 1)]))
  /// // [0 1 0 2 0 3 0 0]
  /// ```
  public init(low: Int, high: Int, interior: Int = 0) {
    self.low = low
    self.high = high
    self.interior = interior
  }
}

/// Dimension numbers of `dot_general`: which axes are contracted and which
/// are batch axes, for each operand. The output is
/// `batch dims ++ lhs free dims ++ rhs free dims`.
///
/// ```swift
/// // A batched matmul bij,bjk->bik:
/// let dn = DotDimensionNumbers(lhsContracting: [2], rhsContracting: [1], lhsBatch: [0], rhsBatch: [0])
/// ```
public struct DotDimensionNumbers: Hashable, Sendable {
  /// The left operand's contracted axes.
  public var lhsContracting: [Int]
  /// The right operand's contracted axes, paired with `lhsContracting`.
  public var rhsContracting: [Int]
  /// The left operand's batch axes.
  public var lhsBatch: [Int]
  /// The right operand's batch axes, paired with `lhsBatch`.
  public var rhsBatch: [Int]
  /// Dimension numbers; batch axes default to none.
  ///
  /// - Parameters:
  ///   - lhsContracting: Contracted axes of the left operand.
  ///   - rhsContracting: Contracted axes of the right operand.
  ///   - lhsBatch: Batch axes of the left operand.
  ///   - rhsBatch: Batch axes of the right operand.
  ///
  /// ```swift
  /// let batched = DotDimensionNumbers(lhsContracting: [2], rhsContracting: [1], lhsBatch: [0], rhsBatch: [0])
  /// Lax.dotGeneral(jnp.ones([2, 1, 3]), jnp.ones([2, 3, 1]), batched).shape  // [2, 1, 1]
  /// ```
  public init(lhsContracting: [Int], rhsContracting: [Int], lhsBatch: [Int] = [], rhsBatch: [Int] = []) {
    self.lhsContracting = lhsContracting
    self.rhsContracting = rhsContracting
    self.lhsBatch = lhsBatch
    self.rhsBatch = rhsBatch
  }
}

/// How `gather`/`scatter` treat out-of-bounds indices (JAX's
/// `GatherScatterMode`).
///
/// ```swift
/// let elements = GatherDimensionNumbers(offsetDims: [], collapsedSliceDims: [0], startIndexMap: [0])
/// print(Lax.gather(jnp.arange(4), jnp.array([[1], [9]]), dimensionNumbers: elements, sliceSizes: [1], mode: .fillOrDrop, fillValue: -1))
/// // [ 1 -1]
/// ```
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
///
/// ```swift
/// // x[idx] for a matrix x and an index vector idx (rows gathered):
/// let dn = GatherDimensionNumbers(offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0])
/// ```
public struct GatherDimensionNumbers: Hashable, Sendable {
  /// The output dimensions that hold each slice's (uncollapsed) dimensions.
  public var offsetDims: [Int]
  /// The operand dimensions whose slice size is 1 and that the output drops.
  public var collapsedSliceDims: [Int]
  /// Which operand dimension each component of an index vector indexes.
  public var startIndexMap: [Int]
  /// Operand dimensions that are batch dimensions shared with the indices.
  public var operandBatchingDims: [Int]
  /// The indices' batch dimensions, paired with `operandBatchingDims`.
  public var startIndicesBatchingDims: [Int]
  /// Gather dimension numbers; batching dimensions default to none.
  ///
  /// - Parameters:
  ///   - offsetDims: Output dimensions of the slices.
  ///   - collapsedSliceDims: Operand dimensions dropped from the slices.
  ///   - startIndexMap: Operand dimension of each index component.
  ///   - operandBatchingDims: Operand batch dimensions.
  ///   - startIndicesBatchingDims: Index batch dimensions.
  ///
  /// ```swift
  /// let rows = GatherDimensionNumbers(offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0])
  /// print(Lax.gather(jnp.arange(6).reshape(3, 2), jnp.array([[1]]), dimensionNumbers: rows, sliceSizes: [1, 2]))
  /// // [[2 3]]
  /// ```
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
///
/// ```swift
/// // x.at[idx].set(rows) for a matrix x (whole rows scattered):
/// let dn = ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
/// ```
public struct ScatterDimensionNumbers: Hashable, Sendable {
  /// The update dimensions that hold each window's dimensions.
  public var updateWindowDims: [Int]
  /// Operand dimensions of size-1 windows that the updates leave out.
  public var insertedWindowDims: [Int]
  /// Which operand dimension each component of an index vector indexes.
  public var scatterDimsToOperandDims: [Int]
  /// Operand dimensions that are batch dimensions shared with the indices.
  public var operandBatchingDims: [Int]
  /// The indices' batch dimensions, paired with `operandBatchingDims`.
  public var scatterIndicesBatchingDims: [Int]
  /// Scatter dimension numbers; batching dimensions default to none.
  ///
  /// - Parameters:
  ///   - updateWindowDims: Update dimensions of the windows.
  ///   - insertedWindowDims: Operand dimensions left out of the windows.
  ///   - scatterDimsToOperandDims: Operand dimension of each index component.
  ///   - operandBatchingDims: Operand batch dimensions.
  ///   - scatterIndicesBatchingDims: Index batch dimensions.
  ///
  /// ```swift
  /// let rows = ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
  /// print(Lax.scatter(jnp.zeros([3, 2]), jnp.array([[2]]), jnp.ones([1, 2]), .set, dimensionNumbers: rows))
  /// // [[0. 0.]
  /// //  [0. 0.]
  /// //  [1. 1.]]
  /// ```
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
///
/// ```swift
/// let elements = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
/// print(Lax.scatter(jnp.array([5, 5, 5]), jnp.array([[0], [2], [0]]), jnp.array([7, 1, 9]), .max, dimensionNumbers: elements))
/// // [9 5 5]
/// ```
public enum ScatterOp: Int, Hashable, Sendable {
  case set, add, mul, min, max
  /// JAX's primitive name (`scatter`, `scatter-add`, ...), as jaxprs print it.
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
    case .fft: "fft"
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
