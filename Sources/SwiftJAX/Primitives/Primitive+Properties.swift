// Properties of each primitive that the transformations and the compiler
// ask about: how many outputs, whether it is elementwise, how the jit
// renderer lowers it. Each is an exhaustive switch (no `default:`), so a
// new primitive does not compile until someone decides, here, how jit
// treats it — instead of silently taking the slow callback path.

extension Primitive {
  /// How many outputs the primitive produces for `inputCount` operands.
  package func outputCount(inputCount: Int) -> Int {
    switch self {
    case .sort: inputCount
    case .scan(let p): p.body.outputs.count
    case .whileLoop(let p): p.body.outputs.count
    case .cond(let p): p.branches[0].outputs.count
    case .custom(let c): c.outAvals.count
    case .hostCallback(let h): h.outAvals.count
    case .collective: 1
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType, .iota,
      .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice, .dynamicUpdateSlice,
      .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .convGeneralDilated, .reduceWindow, .fft:
      1
    }
  }

  /// How the jit compiler lowers the primitive.
  enum Lowering {
    /// An inline C expression per element (`cExpression`), fused into loops.
    case elementwise
    /// Index arithmetic only (`computeIndexing`), fused into loops.
    case indexing
    /// Its own kernel (`CRenderer.renderOpaque`).
    case kernel
    /// The eager kernels through the runtime table's callback (slow but
    /// exact): primitives without a C lowering yet.
    case callback
  }

  var lowering: Lowering {
    switch self {
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType: .elementwise
    case .iota, .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice, .pad,
      .concatenate, .gather:
      .indexing
    case .dynamicUpdateSlice, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .convGeneralDilated, .reduceWindow, .sort, .scan, .whileLoop, .cond:
      .kernel
    // custom_jvp/custom_vjp calls are inlined by the optimiser
    // (Pass+InlineCustom); one left over (a function that does not take
    // the call's operands as they are) is interpreted.
    // Host callbacks call back into Swift by design; collectives run the
    // eager implementation (shared memory or MPI, in place) from the callback.
    // fft runs the native FFT kernel (fft.c) through the callback.
    case .custom, .hostCallback, .collective, .fft: .callback
    }
  }

  /// Whether the primitive has rules and kernels for complex operands.
  /// Unary, binary and comparison ops decide per op in their shape rules
  /// (from their tables); the others are all or nothing here, so a
  /// primitive without complex kernels fails with a clear error (see
  /// `abstractEval`) rather than reaching a kernel that cannot run.
  var acceptsComplexOperands: Bool {
    switch self {
    case .unary, .binary, .compare, .integerPow, .selectN, .convertElementType, .broadcastInDim, .reshape, .transpose, .squeeze,
      .expandDims, .rev, .slice, .dynamicSlice, .dynamicUpdateSlice, .concatenate, .pad, .gather, .dotGeneral,
      .scatter, .sort, .scan, .whileLoop, .cond, .custom, .hostCallback, .fft:
      true
    // XLA's complex clamp order (jx_cclamp); JAX has no complex clamp derivative.
    case .clamp: true
    // max/min: JAX's lexicographic order (real part, then imaginary part).
    case .reduce(let op, _): op == .sum || op == .prod || op == .max || op == .min
    // logsumexp: JAX's complex logaddexp as the combiner (jx_clogaddexp).
    case .cumulative: true
    case .iota(let dtype, _, _): !dtype.isComplex
    // reduce_window: sum, and max/min in JAX's lexicographic order.
    case .reduceWindow: true
    // As JAX lowers it on CPU: three real convolutions (conv.c, Gauss's trick).
    case .convGeneralDilated: true
    case .bitcastConvertType, .argReduce, .collective:
      false
    }
  }

  /// Elementwise: output element i depends only on operand element i (or
  /// on rank-0 operands).
  var isElementwise: Bool { lowering == .elementwise }

  /// The parameters of a control-flow primitive, as a closed enum of the
  /// three forms, so that control-flow code can switch exhaustively over
  /// them alone (`case nil` for every other primitive).
  enum ControlFlow {
    case scan(ScanParams)
    case whileLoop(WhileParams)
    case cond(CondParams)
  }

  /// This primitive as control flow, or nil.
  var controlFlow: ControlFlow? {
    switch self {
    case .scan(let p): .scan(p)
    case .whileLoop(let p): .whileLoop(p)
    case .cond(let p): .cond(p)
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType,
      .iota, .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice,
      .dynamicUpdateSlice, .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative,
      .dotGeneral, .sort, .custom, .convGeneralDilated, .reduceWindow, .fft, .hostCallback, .collective:
      nil
    }
  }

  /// Control flow has sub-programs and several outputs, any of which may
  /// carry a cotangent, so `transposeRule` dispatches before it looks at
  /// the first one.
  var isControlFlow: Bool { controlFlow != nil }

  /// The output shape a primitive takes as a parameter (checked by
  /// `abstractEval` before its rule runs), or nil.
  var shapeParameter: [Int]? {
    switch self {
    case .iota(_, let shape, _), .broadcastInDim(let shape, _), .reshape(let shape): shape
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType,
      .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice, .dynamicUpdateSlice, .concatenate, .pad,
      .gather, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .sort, .convGeneralDilated, .reduceWindow, .fft,
      .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      nil
    }
  }

  /// Elementwise primitives whose operands may be rank 0 in place of a
  /// broadcast (the shape rules allow it).
  var acceptsScalarOperands: Bool {
    switch self {
    case .binary, .compare, .clamp: true
    case .unary, .integerPow, .selectN, .convertElementType, .bitcastConvertType, .iota, .broadcastInDim, .reshape,
      .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice, .dynamicUpdateSlice, .concatenate, .pad,
      .gather, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .sort, .convGeneralDilated, .reduceWindow, .fft,
      .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      false
    }
  }

  /// Changes only the shape, never the order of the elements in memory
  /// (so a reshape of it is a reshape of its operand).
  var isShapeOnly: Bool {
    switch self {
    case .reshape, .squeeze, .expandDims: true
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType, .iota,
      .broadcastInDim, .transpose, .rev, .slice, .dynamicSlice, .dynamicUpdateSlice, .concatenate, .pad, .gather,
      .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .sort, .convGeneralDilated, .reduceWindow, .fft, .scan,
      .whileLoop, .cond, .custom, .hostCallback, .collective:
      false
    }
  }

  /// Only moves or replicates elements (no arithmetic): always fused.
  var isIndexOnly: Bool {
    switch self {
    case .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .iota, .dynamicSlice,
      .convertElementType:
      true
    // pad, concatenate and gather choose between sources per element.
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .bitcastConvertType, .dynamicUpdateSlice,
      .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .convGeneralDilated, .reduceWindow, .fft, .sort, .scan,
      .whileLoop, .cond, .custom, .hostCallback, .collective:
      false
    }
  }

  /// Lowered inside fused loops (elementwise with a C expression, or an
  /// indexing operation).
  func isFusible(_ ins: [ShapedArray]) -> Bool {
    switch lowering {
    case .elementwise: hasCExpression(ins)
    case .indexing: true
    case .kernel, .callback: false
    }
  }

  /// Whether an elementwise primitive lowers to an inline C expression for
  /// these operand types; the exceptions run through the runtime callback
  /// so jit stays exactly equal to eager.
  func hasCExpression(_ ins: [ShapedArray]) -> Bool {
    switch self {
    case .unary, .integerPow, .compare, .selectN, .clamp, .convertElementType: true
    // float16/bfloat16 nextafter steps in 16 bits (jx_nextafter_f16 and
    // bfloat16.c, eager only); pow with an integer exponent converts it
    // first (Kernels.binary).
    case .binary(let op): !(op == .nextafter && ins[0].dtype.isHalfPrecision) && !(op == .pow && ins[0].dtype != ins[1].dtype)
    case .bitcastConvertType(let d): d.byteSize == ins[0].dtype.byteSize
    case .iota, .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice,
      .dynamicUpdateSlice, .concatenate, .pad, .gather, .scatter, .reduce, .argReduce, .cumulative, .dotGeneral, .convGeneralDilated, .reduceWindow, .fft, .sort,
      .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      false
    }
  }

  /// Whether a consumer evaluates its operand more than once per operand
  /// element (an expanding broadcast, pad).
  func replicatesOperands(_ operand: ShapedArray, _ out: ShapedArray) -> Bool {
    switch self {
    case .broadcastInDim, .binary, .compare, .clamp, .selectN: out.count > operand.count
    // A concatenate evaluates one operand per element (each in its own
    // branch); pad evaluates its operand at padding positions too.
    case .pad: true
    // A gather may read an operand element many times (repeated indices).
    case .gather: true
    case .unary, .integerPow, .convertElementType, .bitcastConvertType, .iota, .reshape, .transpose, .squeeze,
      .expandDims, .rev, .slice, .dynamicSlice, .dynamicUpdateSlice, .concatenate, .scatter, .reduce, .argReduce,
      .cumulative, .dotGeneral, .convGeneralDilated, .reduceWindow, .fft, .sort, .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      false
    }
  }

  /// Whether the result may be written into operand 0's buffer (in-place
  /// update when that operand has no other use).
  var updatesOperandInPlace: Bool {
    switch self {
    case .dynamicUpdateSlice, .scatter: true
    case .unary, .integerPow, .binary, .compare, .selectN, .clamp, .convertElementType, .bitcastConvertType, .iota,
      .broadcastInDim, .reshape, .transpose, .squeeze, .expandDims, .rev, .slice, .dynamicSlice, .concatenate, .pad,
      .gather, .reduce, .argReduce, .cumulative, .dotGeneral, .convGeneralDilated, .reduceWindow, .fft, .sort, .scan, .whileLoop, .cond, .custom, .hostCallback, .collective:
      false
    }
  }
}
