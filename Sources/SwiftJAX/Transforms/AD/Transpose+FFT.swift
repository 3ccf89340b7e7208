// The transpose of `fft`, following JAX's jax/_src/lax/fft.py. The DFT
// matrix is symmetric, so FFT and IFFT are their own transposes. RFFT is
// FFT (of the real operand made complex) then a slice of the last axis to
// n/2 + 1 terms, so its transpose zero-pads back to n, applies FFT and
// keeps the real part. IRFFT's transpose is RFFT of the cotangent, scaled
// by 1/prod(lengths) and by a mask that doubles the terms whose conjugate
// twins RFFT drops, conjugated for JAX's convention for complex gradients.

func fftTranspose(_ ct: Tensor, _ type: FFTType, _ lengths: [Int]) -> Tensor {
  switch type {
  case .fft, .ifft:
    return Lax.fft(ct, type, lengths: lengths)
  case .rfft:
    let n = lengths[lengths.count - 1]
    var config = [PadConfig](repeating: PadConfig(low: 0, high: 0), count: ct.rank)
    config[ct.rank - 1] = PadConfig(low: 0, high: n - (n / 2 + 1))
    let zero = Lax.convertElementType(Numpy.scalar(0, ct.dtype.realPart), ct.dtype)
    return Lax.real(Lax.fft(Lax.pad(ct, zero, config: config), .fft, lengths: lengths))
  case .irfft:
    let x = Lax.fft(ct, .rfft, lengths: lengths)
    let mask = irfftMask(lengths, like: x)
    return Lax.mul(mask, Lax.conj(x))
  }
}

/// 1/prod(lengths) times [1, 2, ..., 2, 1] along the last axis (no final 1
/// for odd n), broadcast to `x`'s shape and complex dtype.
private func irfftMask(_ lengths: [Int], like x: Tensor) -> Tensor {
  let n = lengths[lengths.count - 1]
  let m = x.shape[x.rank - 1]
  let scale = 1 / Double(lengths.reduce(1, *))
  let real = x.dtype.realPart
  var parts = [Lax.full([1], Numpy.scalar(scale, real))]
  let doubled = m - 2 + n % 2
  if doubled > 0 { parts.append(Lax.full([doubled], Numpy.scalar(2 * scale, real))) }
  if n % 2 == 0 && m > 1 { parts.append(Lax.full([1], Numpy.scalar(scale, real))) }
  let row = Lax.convertElementType(Lax.concatenate(parts, dimension: 0), x.dtype)
  return Lax.broadcastInDim(row, shape: x.shape, broadcastDimensions: [x.rank - 1])
}
