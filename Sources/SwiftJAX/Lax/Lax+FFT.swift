// `lax.fft`: the FFT primitive (kernel in CSwiftJAXKernels/fft.c).

extension Lax {
  /// `lax.fft`: a discrete Fourier transform over the trailing
  /// `lengths.count` axes of `x`.
  ///
  /// - FFT / IFFT: complex → complex of the same shape (IFFT scaled by
  ///   1/prod(lengths)). A real operand is first made complex, as in JAX.
  /// - RFFT: float32/float64 → complex, the last axis n → n/2 + 1.
  /// - IRFFT: complex → real, the last axis n/2 + 1 → n = `lengths.last`.
  ///
  /// ```swift
  /// let x = Tensor([1, 2, 3, 4] as [Float])
  /// Lax.fft(x, .fft, lengths: [4])    // [10+0j, -2+2j, -2+0j, -2-2j]
  /// Lax.fft(x, .rfft, lengths: [4])   // [10+0j, -2+2j, -2+0j]
  /// ```
  ///
  /// - Parameters:
  ///   - x: The operand.
  ///   - type: The kind of transform.
  ///   - lengths: The transform lengths of the trailing axes.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fft(
    _ x: Tensor, _ type: FFTType, lengths: [Int], file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    var x = x
    switch type {
    case .fft, .ifft, .irfft:
      // JAX converts to the complex type of the operand's inexact type.
      if !x.dtype.isComplex, let c = (x.dtype.isFloatingPoint ? x.dtype : DType.defaultFloat).complexCounterpart {
        x = convertElementType(x, c, file: file, line: line)
      }
    case .rfft:
      if !x.dtype.isFloatingPoint && !x.dtype.isComplex { x = convertElementType(x, .defaultFloat, file: file, line: line) }
    }
    return bind1(.fft(type, lengths: lengths), [x], site: CallSite(file: file, line: line))
  }
}
