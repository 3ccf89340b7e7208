/// Convolutions and windowed reductions (`jax.lax.conv_general_dilated`,
/// `conv`, `conv_with_general_padding`, `conv_transpose`, `reduce_window`).
extension Lax {
  /// `lax.conv_general_dilated`: a general N-d convolution (really a
  /// cross-correlation, as in JAX and XLA).
  ///
  /// - Parameters:
  ///   - lhs: the input, batch and feature dimensions placed as
  ///     `dimensionNumbers` says.
  ///   - rhs: the kernel, with its output and input feature dimensions.
  ///   - windowStrides: one stride per spatial dimension.
  ///   - padding: `.same`, `.valid` or explicit `(low, high)` pairs.
  ///   - lhsDilation: dilation of the input (transposed convolutions).
  ///   - rhsDilation: dilation of the kernel (atrous convolutions).
  ///   - dimensionNumbers: the layouts; defaults to `NC...`/`OI...`/`NC...`.
  ///   - featureGroupCount: grouped (e.g. depthwise) convolutions.
  ///   - batchGroupCount: splits the batch into groups (used by gradients).
  ///   - preferredElementType: the result's dtype (`nil`: the operands'
  ///     dtype), at least as wide as the operands': an integer or floating
  ///     type for integer operands (signed stays signed), a floating type
  ///     for floating operands. The operands are converted to it first, as
  ///     XLA does, so `int8` operands with `.int32` accumulate in `int32`.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  ///
  /// ```swift
  /// let x = Numpy.ones([8, 32, 32, 3])               // NHWC
  /// let w = Numpy.ones([3, 3, 3, 16])                // HWIO
  /// let dn = try! ConvDimensionNumbers("NHWC", "HWIO", "NHWC")
  /// let y = Lax.convGeneralDilated(x, w, windowStrides: [1, 1], padding: .same, dimensionNumbers: dn)
  /// // y.shape == [8, 32, 32, 16]
  /// ```
  public static func convGeneralDilated(
    _ lhs: Tensor, _ rhs: Tensor, windowStrides: [Int], padding: PaddingSpec,
    lhsDilation: [Int]? = nil, rhsDilation: [Int]? = nil, dimensionNumbers: ConvDimensionNumbers? = nil,
    featureGroupCount: Int = 1, batchGroupCount: Int = 1, preferredElementType: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    // As JAX: without x64 a 64-bit preferred type means its 32-bit one.
    let preferredElementType = preferredElementType?.canonical
    let dn = dimensionNumbers ?? .canonical(rank: lhs.rank)
    let nsp = Swift.max(lhs.rank - 2, 0)
    let ld = lhsDilation ?? Array(repeating: 1, count: nsp)
    let rd = rhsDilation ?? Array(repeating: 1, count: nsp)
    var pads: [WindowPadding]
    if case .explicit(let p) = padding {
      pads = p
    } else {
      // String padding is defined for the forward convolution only (JAX
      // refuses it with an lhs dilation, and so do we).
      if ld.contains(where: { $0 != 1 }) {
        JAXError.raise(JAXError(.value, "conv_general_dilated", "SAME/VALID padding is not defined with lhs_dilation \(ld); give explicit padding or use Lax.convTranspose", site: site))
        return .invalid
      }
      guard dn.lhsSpec.count == lhs.rank, dn.rhsSpec.count == rhs.rank, rhs.rank == lhs.rank, rd.count == nsp, windowStrides.count == nsp else {
        // Let the shape rule report the mismatch.
        return bind1(.convGeneralDilated(ConvParams(windowStrides: windowStrides, padding: [], lhsDilation: ld, rhsDilation: rd, dimensionNumbers: dn, featureGroupCount: featureGroupCount, batchGroupCount: batchGroupCount, preferredElementType: preferredElementType)), [lhs, rhs], site: site)
      }
      let inShape = (0..<nsp).map { lhs.shape[dn.lhsSpec[$0 + 2]] }
      let window = (0..<nsp).map { dilateDim(rhs.shape[dn.rhsSpec[$0 + 2]], rd[$0]) }
      pads = padding.pads(inShape: inShape, window: window, strides: windowStrides)
    }
    let p = ConvParams(
      windowStrides: windowStrides, padding: pads, lhsDilation: ld, rhsDilation: rd, dimensionNumbers: dn,
      featureGroupCount: featureGroupCount, batchGroupCount: batchGroupCount, preferredElementType: preferredElementType)
    return bind1(.convGeneralDilated(p), [lhs, rhs], site: site)
  }

  /// `lax.conv_general_dilated` with JAX's layout strings, e.g.
  /// `("NHWC", "HWIO", "NHWC")`.
  ///
  /// ```swift
  /// let y = Lax.convGeneralDilated(x, w, windowStrides: [2, 2], padding: .valid, dimensionNumbers: ("NHWC", "HWIO", "NHWC"))
  /// ```
  public static func convGeneralDilated(
    _ lhs: Tensor, _ rhs: Tensor, windowStrides: [Int], padding: PaddingSpec,
    lhsDilation: [Int]? = nil, rhsDilation: [Int]? = nil, dimensionNumbers: (String, String, String),
    featureGroupCount: Int = 1, batchGroupCount: Int = 1, preferredElementType: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let dn: ConvDimensionNumbers
    do {
      dn = try ConvDimensionNumbers(dimensionNumbers.0, dimensionNumbers.1, dimensionNumbers.2)
    } catch {
      var e = error
      e.site = CallSite(file: file, line: line)
      JAXError.raise(e)
      return .invalid
    }
    return convGeneralDilated(
      lhs, rhs, windowStrides: windowStrides, padding: padding, lhsDilation: lhsDilation, rhsDilation: rhsDilation,
      dimensionNumbers: dn, featureGroupCount: featureGroupCount, batchGroupCount: batchGroupCount,
      preferredElementType: preferredElementType, file: file, line: line)
  }

  /// `lax.conv`: an `NCHW`/`OIHW` convolution without dilation.
  ///
  /// ```swift
  /// let y = Lax.conv(Numpy.ones([1, 3, 8, 8]), Numpy.ones([4, 3, 3, 3]), windowStrides: [1, 1], padding: .same)
  /// ```
  public static func conv(
    _ lhs: Tensor, _ rhs: Tensor, windowStrides: [Int], padding: PaddingSpec,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    convGeneralDilated(lhs, rhs, windowStrides: windowStrides, padding: padding, file: file, line: line)
  }

  /// `lax.conv_with_general_padding`: `NCHW`/`OIHW` with explicit padding
  /// and dilations.
  ///
  /// ```swift
  /// let padding = [WindowPadding(1, 0), WindowPadding(1, 0)]
  /// print(Lax.convWithGeneralPadding(jnp.ones([1, 1, 3, 3]), jnp.ones([1, 1, 2, 2]), windowStrides: [1, 1], padding: padding)[0, 0])
  /// // [[1. 2. 2.]
  /// //  [2. 4. 4.]
  /// //  [2. 4. 4.]]
  /// ```
  public static func convWithGeneralPadding(
    _ lhs: Tensor, _ rhs: Tensor, windowStrides: [Int], padding: [WindowPadding],
    lhsDilation: [Int]? = nil, rhsDilation: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    convGeneralDilated(
      lhs, rhs, windowStrides: windowStrides, padding: .explicit(padding), lhsDilation: lhsDilation,
      rhsDilation: rhsDilation, file: file, line: line)
  }

  /// `lax.conv_transpose`: the gradient-of-convolution style "deconvolution"
  /// (Keras' `Conv2DTranspose` conventions), as a convolution of the
  /// input dilated by `strides`. Layouts default to `NHWC`/`HWIO`.
  ///
  /// ```swift
  /// let y = Lax.convTranspose(Numpy.ones([1, 4, 4, 8]), Numpy.ones([3, 3, 8, 2]), strides: [2, 2], padding: .same)
  /// // y.shape == [1, 8, 8, 2]
  /// ```
  public static func convTranspose(
    _ lhs: Tensor, _ rhs: Tensor, strides: [Int], padding: PaddingSpec, rhsDilation: [Int]? = nil,
    dimensionNumbers: ConvDimensionNumbers? = nil, transposeKernel: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let rank = lhs.rank
    guard rank >= 2, rhs.rank == rank, strides.count == rank - 2 else {
      JAXError.raise(JAXError(.shape, "conv_transpose", "needs lhs and rhs of equal rank >= 2 and one stride per spatial dimension, got lhs \(shapeString(lhs.shape)), rhs \(shapeString(rhs.shape)), strides \(strides)", site: site))
      return .invalid
    }
    let dn = dimensionNumbers ?? defaultTransposeLayout(rank: rank)
    let nsp = rank - 2
    let rd = rhsDilation ?? Array(repeating: 1, count: nsp)
    var kernel = rhs
    let pads: [WindowPadding] = (0..<nsp).map { s in
      let k = dilateDim(rhs.shape[dn.rhsSpec[s + 2]], rd[s])
      return transposePadding(k, strides[s], padding, s)
    }
    if transposeKernel {
      kernel = Lax.rev(kernel, dimensions: Array(dn.rhsSpec[2...]))
      var perm = Array(0..<rank)
      perm.swapAt(dn.rhsSpec[0], dn.rhsSpec[1])
      kernel = Lax.transpose(kernel, perm)
    }
    return convGeneralDilated(
      lhs, kernel, windowStrides: Array(repeating: 1, count: nsp), padding: .explicit(pads), lhsDilation: strides,
      rhsDilation: rd, dimensionNumbers: dn, file: file, line: line)
  }

  /// JAX's `_conv_transpose_padding` for one dimension (kernel `k`
  /// already dilated, stride `s`).
  static func transposePadding(_ k: Int, _ s: Int, _ padding: PaddingSpec, _ dim: Int) -> WindowPadding {
    let padLen: Int, padA: Int
    switch padding {
    case .same, .sameLower:
      padLen = k + s - 2
      padA = s > k - 1 ? k - 1 : (padLen + 1) / 2
    case .valid:
      padLen = k + s - 2 + Swift.max(k - s, 0)
      padA = k - 1
    case .explicit(let p):
      // Explicit pairs are the transposed convolution's own padding.
      return p[dim]
    }
    return WindowPadding(padA, padLen - padA)
  }

  /// `NC`, `NHC`/`HIO`, `NHWC`/`HWIO`, `NHWDC`/`HWDIO` (JAX's defaults).
  static func defaultTransposeLayout(rank: Int) -> ConvDimensionNumbers {
    let spatial = Array(0..<(rank - 2)).map { 1 + $0 }
    return ConvDimensionNumbers(
      lhsSpec: [0, rank - 1] + spatial, rhsSpec: [rank - 1, rank - 2] + spatial.map { $0 - 1 },
      outSpec: [0, rank - 1] + spatial)
  }

  /// `lax.reduce_window` with a sum, max, min or product monoid; padding
  /// reads the monoid's identity (0, -inf, +inf, 1). `.prod` is JAX's
  /// `lax.reduce_window(x, 1, lax.mul, ...)` (integers wrap; complex
  /// multiplies as `lax.mul` does).
  ///
  /// ```swift
  /// // 2x2 max-pooling with stride 2 of an NHWC batch
  /// let y = Lax.reduceWindow(x, .max, windowDimensions: [1, 2, 2, 1], windowStrides: [1, 2, 2, 1], padding: .valid)
  /// // Products of neighbouring pairs: [0, 2, 6, 12]
  /// let p = Lax.reduceWindow(jnp.arange(0.0, 5.0), .prod, windowDimensions: [2], windowStrides: [1], padding: .valid)
  /// ```
  public static func reduceWindow(
    _ x: Tensor, _ op: ReduceWindowOp, windowDimensions: [Int], windowStrides: [Int], padding: PaddingSpec,
    baseDilation: [Int]? = nil, windowDilation: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    var pads: [WindowPadding] = []
    if case .explicit(let p) = padding {
      pads = p
    } else if windowDimensions.count == x.rank && windowStrides.count == x.rank {
      // As JAX: SAME/VALID see the undilated operand and the dilated window.
      let wd = windowDilation ?? windowDimensions.map { _ in 1 }
      if wd.count == x.rank {
        let window = zip(windowDimensions, wd).map { dilateDim($0, $1) }
        pads = padding.pads(inShape: x.shape, window: window, strides: windowStrides)
      }
    }
    let p = WindowParams(
      windowDimensions: windowDimensions, windowStrides: windowStrides, padding: pads,
      baseDilation: baseDilation, windowDilation: windowDilation)
    return bind1(.reduceWindow(op, p), [x], site: CallSite(file: file, line: line))
  }
}
