// The shape/dtype rule of `lax.fft` (JAX's `_fft_abstract_eval`): the
// transform runs over the trailing `lengths.count` axes, whose sizes must
// equal `lengths` (for IRFFT the last one holds n/2 + 1 terms).

extension ShapeRule {
  func fft(_ type: FFTType, lengths: [Int]) throws(JAXError) -> [ShapedArray] {
    try arity(1)
    let x = ins[0]
    let k = lengths.count
    guard k >= 1, k <= x.rank else {
      throw fail(.shape, "fft_lengths \(lengths) must name between 1 and rank (\(x.rank)) trailing axes of shape \(shapeString(x.shape))")
    }
    if let bad = lengths.first(where: { $0 < 0 }) { throw fail(.value, "fft_lengths must be non-negative, got \(bad) in \(lengths)") }
    let lead = Array(x.shape.dropLast(k))
    let trailing = Array(x.shape.suffix(k))
    switch type {
    case .fft, .ifft:
      guard x.dtype.isComplex else { throw wrongDType(type, x, "a complex") }
      try expectTrailing(type, trailing, lengths, x)
      return [ShapedArray(shape: x.shape, dtype: x.dtype)]
    case .rfft:
      guard x.dtype == .float32 || x.dtype == .float64, let c = x.dtype.complexCounterpart else {
        throw wrongDType(type, x, "a float32 or float64")
      }
      try expectTrailing(type, trailing, lengths, x)
      return [ShapedArray(shape: lead + lengths.dropLast() + [lengths[k - 1] / 2 + 1], dtype: c)]
    case .irfft:
      guard x.dtype.isComplex else { throw wrongDType(type, x, "a complex") }
      try expectTrailing(type, trailing, Array(lengths.dropLast()) + [lengths[k - 1] / 2 + 1], x)
      return [ShapedArray(shape: lead + lengths, dtype: x.dtype.realPart)]
    }
  }

  private func wrongDType(_ type: FFTType, _ x: ShapedArray, _ want: String) -> JAXError {
    fail(.dtype, "\(type.name) needs \(want) operand, got \(x.dtype.name) of shape \(shapeString(x.shape))")
  }

  private func expectTrailing(_ type: FFTType, _ trailing: [Int], _ want: [Int], _ x: ShapedArray) throws(JAXError) {
    guard trailing == want else {
      throw fail(.shape, "\(type.name) with fft_lengths over the trailing axes needs them of sizes \(want), got shape \(shapeString(x.shape))")
    }
  }
}
