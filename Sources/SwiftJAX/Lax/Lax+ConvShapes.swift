/// `lax`'s shape calculators for convolutions and windowed reductions
/// (`padtype_to_pads`, `conv_shape_tuple`, `conv_general_shape_tuple`,
/// `conv_transpose_shape_tuple`, `reduce_window_shape_tuple`,
/// `conv_dimension_numbers`, `conv_general_permutations`): plain integer
/// arithmetic on shapes, with JAX's formulas.
extension Lax {
  static func shapeFailure(_ op: String, _ message: String, _ file: StaticString, _ line: UInt) -> [Int] {
    JAXError.raise(JAXError(.shape, op, message, site: CallSite(file: file, line: line)))
    return []
  }

  /// `lax.padtype_to_pads`: the `(low, high)` padding per dimension that
  /// `padding` means for inputs `inShape`, windows `windowShape` and strides.
  ///
  /// ```swift
  /// Lax.padtypeToPads(inShape: [5], windowShape: [3], windowStrides: [2], padding: .same)   // [(1, 1)]
  /// ```
  /// - Parameters:
  ///   - inShape: the spatial input sizes.
  ///   - windowShape: the window sizes.
  ///   - windowStrides: the strides.
  ///   - padding: `.same`, `.sameLower`, `.valid` or explicit pairs.
  public static func padtypeToPads(inShape: [Int], windowShape: [Int], windowStrides: [Int], padding: PaddingSpec) -> [WindowPadding] {
    padding.pads(inShape: inShape, window: windowShape, strides: windowStrides)
  }

  /// `lax.conv_shape_tuple`: the output shape of a convolution in the
  /// canonical `NC...`/`OI...` layout.
  ///
  /// ```swift
  /// Lax.convShapeTuple(lhsShape: [2, 3, 9, 9], rhsShape: [8, 3, 3, 3], strides: [2, 2], padding: .valid)   // [2, 8, 4, 4]
  /// ```
  /// - Parameters:
  ///   - lhsShape: the input shape `[N, C, spatial...]`.
  ///   - rhsShape: the kernel shape `[O, I, spatial...]`.
  ///   - strides: one stride per spatial dimension.
  ///   - padding: a padding type or explicit pairs.
  ///   - batchGroupCount: the batch group count (divides `N`).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func convShapeTuple(
    lhsShape: [Int], rhsShape: [Int], strides: [Int], padding: PaddingSpec, batchGroupCount: Int = 1,
    file: StaticString = #fileID, line: UInt = #line
  ) -> [Int] {
    let op = "conv_shape_tuple"
    guard lhsShape.count >= 2, rhsShape.count == lhsShape.count, strides.count == lhsShape.count - 2, batchGroupCount >= 1 else {
      return shapeFailure(op, "needs lhs and rhs shapes of equal rank >= 2 and one stride per spatial dimension, got lhs \(shapeString(lhsShape)), rhs \(shapeString(rhsShape)), strides \(strides)", file, line)
    }
    let (inSpace, kSpace) = (Array(lhsShape.dropFirst(2)), Array(rhsShape.dropFirst(2)))
    let pads = padding.pads(inShape: inSpace, window: kSpace, strides: strides)
    guard pads.count == inSpace.count else {
      return shapeFailure(op, "wrong number of explicit pads for convolution: expected \(inSpace.count), got \(pads.count)", file, line)
    }
    let padded = zip(inSpace, pads).map { $0 + $1.low + $1.high }
    guard padded.allSatisfy({ $0 >= 0 }) else {
      return shapeFailure(op, "negative padding is larger than the size of the corresponding dimension: got padding=\(pads) for lhs_shape[2:]=\(shapeString(inSpace))", file, line)
    }
    guard lhsShape[0] % batchGroupCount == 0 else {
      return shapeFailure(op, "batch_group_count \(batchGroupCount) must divide the batch size \(lhsShape[0])", file, line)
    }
    let space = (0..<padded.count).map { strideDim(padded[$0], kSpace[$0], strides[$0]) }
    return [lhsShape[0] / batchGroupCount, rhsShape[0]] + space
  }

  /// `lax.conv_general_permutations`: the dimension permutations
  /// (batch/output feature, feature/input feature, spatial...) that layout
  /// strings such as `("NHWC", "HWIO", "NHWC")` describe.
  ///
  /// ```swift
  /// Lax.convGeneralPermutations(("NHWC", "HWIO", "NHWC"))   // ([0, 3, 1, 2], [3, 2, 0, 1], [0, 3, 1, 2])
  /// ```
  /// - Parameters:
  ///   - dimensionNumbers: the lhs, rhs and output layout strings.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func convGeneralPermutations(
    _ dimensionNumbers: (String, String, String), file: StaticString = #fileID, line: UInt = #line
  ) -> (lhs: [Int], rhs: [Int], out: [Int]) {
    do {
      let dn = try ConvDimensionNumbers(dimensionNumbers.0, dimensionNumbers.1, dimensionNumbers.2)
      return (dn.lhsSpec, dn.rhsSpec, dn.outSpec)
    } catch {
      JAXError.raise(JAXError(error.kind, "conv_general_permutations", error.message, site: CallSite(file: file, line: line)))
      return ([], [], [])
    }
  }

  /// `lax.conv_dimension_numbers`: dimension numbers from layout strings,
  /// or the canonical `NC...` layout when `dimensionNumbers` is nil.
  ///
  /// ```swift
  /// let dn = Lax.convDimensionNumbers(lhsShape: [1, 8, 8, 3], rhsShape: [3, 3, 3, 16], ("NHWC", "HWIO", "NHWC"))
  /// ```
  /// - Parameters:
  ///   - lhsShape: the input shape.
  ///   - rhsShape: the kernel shape (same rank).
  ///   - dimensionNumbers: layout strings of that rank, or nil.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func convDimensionNumbers(
    lhsShape: [Int], rhsShape: [Int], _ dimensionNumbers: (String, String, String)?, file: StaticString = #fileID, line: UInt = #line
  ) -> ConvDimensionNumbers {
    let op = "conv_dimension_numbers"
    guard lhsShape.count == rhsShape.count else {
      _ = shapeFailure(op, "convolution requires lhs and rhs ndim to be equal, got \(lhsShape.count) and \(rhsShape.count)", file, line)
      return .canonical(rank: lhsShape.count)
    }
    guard let dims = dimensionNumbers else { return .canonical(rank: lhsShape.count) }
    guard [dims.0, dims.1, dims.2].allSatisfy({ $0.count == lhsShape.count }) else {
      _ = shapeFailure(op, "dimension_numbers \(dims) must have len equal to the ndim of lhs and rhs shapes \(shapeString(lhsShape)) and \(shapeString(rhsShape))", file, line)
      return .canonical(rank: lhsShape.count)
    }
    let (l, r, o) = convGeneralPermutations(dims, file: file, line: line)
    return ConvDimensionNumbers(lhsSpec: l, rhsSpec: r, outSpec: o)
  }

  /// `lax.conv_general_shape_tuple`: the output shape of a convolution in
  /// the layouts `dimensionNumbers` names.
  ///
  /// ```swift
  /// Lax.convGeneralShapeTuple(lhsShape: [1, 8, 8, 3], rhsShape: [3, 3, 3, 16], windowStrides: [1, 1],
  ///                           padding: .same, dimensionNumbers: ("NHWC", "HWIO", "NHWC"))   // [1, 8, 8, 16]
  /// ```
  /// - Parameters:
  ///   - lhsShape: the input shape.
  ///   - rhsShape: the kernel shape.
  ///   - windowStrides: one stride per spatial dimension.
  ///   - padding: a padding type or explicit pairs.
  ///   - dimensionNumbers: the lhs, rhs and output layout strings.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func convGeneralShapeTuple(
    lhsShape: [Int], rhsShape: [Int], windowStrides: [Int], padding: PaddingSpec, dimensionNumbers: (String, String, String),
    file: StaticString = #fileID, line: UInt = #line
  ) -> [Int] {
    let (l, r, o) = convGeneralPermutations(dimensionNumbers, file: file, line: line)
    guard !l.isEmpty, l.count == lhsShape.count, r.count == rhsShape.count else {
      return l.isEmpty ? [] : shapeFailure("conv_general_shape_tuple", "layouts \(dimensionNumbers) do not match shapes \(shapeString(lhsShape)) and \(shapeString(rhsShape))", file, line)
    }
    let canon = convShapeTuple(lhsShape: l.map { lhsShape[$0] }, rhsShape: r.map { rhsShape[$0] }, strides: windowStrides, padding: padding, file: file, line: line)
    return unpermute(canon, o)
  }

  /// `np.take(canon, np.argsort(perm))`: canonical order back to a layout.
  static func unpermute(_ canon: [Int], _ perm: [Int]) -> [Int] {
    guard canon.count == perm.count else { return canon }
    var out = [Int](repeating: 0, count: perm.count)
    for (k, d) in perm.enumerated() { out[d] = canon[k] }
    return out
  }

  /// `lax.conv_transpose_shape_tuple`: the output shape of
  /// ``convTranspose(_:_:strides:padding:rhsDilation:dimensionNumbers:transposeKernel:file:line:)``.
  ///
  /// ```swift
  /// Lax.convTransposeShapeTuple(lhsShape: [1, 4, 4, 8], rhsShape: [3, 3, 8, 2], windowStrides: [2, 2],
  ///                             padding: .same, dimensionNumbers: ("NHWC", "HWIO", "NHWC"))   // [1, 8, 8, 2]
  /// ```
  /// - Parameters:
  ///   - lhsShape: the input shape.
  ///   - rhsShape: the kernel shape.
  ///   - windowStrides: one stride per spatial dimension.
  ///   - padding: a padding type or explicit pairs.
  ///   - dimensionNumbers: the lhs, rhs and output layout strings.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func convTransposeShapeTuple(
    lhsShape: [Int], rhsShape: [Int], windowStrides: [Int], padding: PaddingSpec, dimensionNumbers: (String, String, String),
    file: StaticString = #fileID, line: UInt = #line
  ) -> [Int] {
    let (l, r, o) = convGeneralPermutations(dimensionNumbers, file: file, line: line)
    guard !l.isEmpty else { return [] }
    guard l.count == lhsShape.count, r.count == rhsShape.count, windowStrides.count == l.count - 2 else {
      return shapeFailure("conv_transpose_shape_tuple", "layouts \(dimensionNumbers) and strides \(windowStrides) do not match shapes \(shapeString(lhsShape)) and \(shapeString(rhsShape))", file, line)
    }
    let (lt, rt) = (l.map { lhsShape[$0] }, r.map { rhsShape[$0] })
    let space = (0..<windowStrides.count).map { s -> Int in
      let (i, k, st) = (lt[s + 2], rt[s + 2], windowStrides[s])
      let p = transposePadding(k, st, padding, s)
      return (i - 1) * st - k + 2 + p.low + p.high
    }
    return unpermute([lt[0], rt[0]] + space, o)
  }

  /// `lax.reduce_window_shape_tuple`: the output shape of a windowed reduction.
  ///
  /// ```swift
  /// Lax.reduceWindowShapeTuple(operandShape: [4, 6], windowDimensions: [2, 2], windowStrides: [2, 2],
  ///                            padding: [WindowPadding(0, 0), WindowPadding(0, 0)])   // [2, 3]
  /// ```
  /// - Parameters:
  ///   - operandShape: the operand shape.
  ///   - windowDimensions: the window size per dimension.
  ///   - windowStrides: the stride per dimension.
  ///   - padding: explicit `(low, high)` pairs per dimension.
  ///   - baseDilation: the operand dilation per dimension (default 1).
  ///   - windowDilation: the window dilation per dimension (default 1).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func reduceWindowShapeTuple(
    operandShape: [Int], windowDimensions: [Int], windowStrides: [Int], padding: [WindowPadding],
    baseDilation: [Int]? = nil, windowDilation: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> [Int] {
    let r = operandShape.count
    let (bd, wd) = (baseDilation ?? Array(repeating: 1, count: r), windowDilation ?? Array(repeating: 1, count: r))
    guard [windowDimensions, windowStrides, bd, wd].allSatisfy({ $0.count == r }), padding.count == r else {
      return shapeFailure("reduce_window_shape_tuple", "window parameters need one entry per dimension of \(shapeString(operandShape))", file, line)
    }
    return (0..<r).map { d in
      let n = dilateDim(operandShape[d], bd[d]) + padding[d].low + padding[d].high
      return strideDim(n, dilateDim(windowDimensions[d], wd[d]), windowStrides[d])
    }
  }
}
