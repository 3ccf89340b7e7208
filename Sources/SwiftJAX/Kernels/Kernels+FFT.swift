import CSwiftJAXKernels

// The eager `fft` primitive on the native kernel (CSwiftJAXKernels/fft.c).
// The kernel transforms contiguous rows, so a multi-axis transform runs one
// axis at a time: the last axis in place, any other axis swapped to the end
// and back. IFFT/IRFFT scale by 1/n per axis, as XLA does.

extension Kernels {
  static func fft(_ type: FFTType, _ lengths: [Int], _ x: ConcreteArray, _ out: ShapedArray) -> ConcreteArray {
    if out.count == 0 { return alloc(out) }
    let rank = out.rank
    let axes = Array((rank - lengths.count)..<rank)
    switch type {
    case .fft, .ifft:
      // Copied first so the in-place passes never write into the operand.
      var y = copyBytes(x, as: x.aval)
      for axis in axes.reversed() { y = c2c(y, axis: axis, inverse: type == .ifft) }
      return y
    case .rfft:
      var y = realLastAxis(x, ShapedArray(shape: Array(x.aval.shape.dropLast()) + [out.shape[rank - 1]], dtype: out.dtype), forward: true)
      for axis in axes.dropLast().reversed() { y = c2c(y, axis: axis, inverse: false) }
      return y
    case .irfft:
      var y = copyBytes(x, as: x.aval)
      for axis in axes.dropLast() { y = c2c(y, axis: axis, inverse: true) }
      return realLastAxis(y, out, forward: false)
    }
  }

  /// A complex transform along `axis` of `y`, which it may overwrite.
  private static func c2c(_ y: ConcreteArray, axis: Int, inverse: Bool) -> ConcreteArray {
    let rank = y.aval.rank
    if axis != rank - 1 {
      var perm = Array(0..<rank)
      perm.swapAt(axis, rank - 1)
      let t = c2c(copiedTransposed(y, perm), axis: rank - 1, inverse: inverse)
      return copiedTransposed(t, perm)
    }
    let n = y.aval.shape[axis]
    let count = y.aval.count / n
    check(
      jx_fft_c2c(y.aval.dtype.realPart.rawValue, Int64(n), inverse ? 1 : 0, inverse ? 1 / Double(n) : 1, y.data, y.data,
        Int64(count), Int64(n), Int64(n)), "fft")
    return y
  }

  /// `x` transposed into a fresh array (so the result can be overwritten).
  private static func copiedTransposed(_ x: ConcreteArray, _ perm: [Int]) -> ConcreteArray {
    transpose(x, perm, x.aval.with(shape: perm.map { x.aval.shape[$0] }))
  }

  /// r2c (forward) or c2r (inverse, scaled by 1/n) along the last axis.
  private static func realLastAxis(_ x: ConcreteArray, _ out: ShapedArray, forward: Bool) -> ConcreteArray {
    let y = alloc(out)
    let n = forward ? x.aval.shape.last! : out.shape.last!
    let inRow = x.aval.shape.last!
    let outRow = out.shape.last!
    let count = out.count / outRow
    let comp = out.dtype.realPart.rawValue
    let rc =
      forward
      ? jx_fft_r2c(comp, Int64(n), 1, x.data, y.data, Int64(count), Int64(inRow), Int64(outRow))
      : jx_fft_c2r(comp, Int64(n), 1 / Double(n), x.data, y.data, Int64(count), Int64(inRow), Int64(outRow))
    check(rc, "fft")
    return y
  }
}
