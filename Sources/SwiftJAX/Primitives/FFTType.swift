/// The kind of transform of `lax.fft` (JAX's `FftType`).
///
/// ```swift
/// Lax.fft(z, .fft, lengths: [8])     // complex -> complex, forward
/// Lax.fft(x, .rfft, lengths: [8])    // real [.., 8] -> complex [.., 5]
/// ```
public enum FFTType: Int, Hashable, Sendable, CaseIterable {
  /// Forward complex-to-complex transform (unnormalised).
  case fft = 0
  /// Inverse complex-to-complex transform (scaled by 1/n).
  case ifft = 1
  /// Real-to-complex forward transform: the last axis of length n gives
  /// n/2 + 1 terms.
  case rfft = 2
  /// Complex-to-real inverse transform (scaled by 1/n): the last axis of
  /// n/2 + 1 Hermitian terms gives n real values.
  case irfft = 3

  /// JAX's printed name (`jax.lax.FftType.FFT`...).
  public var name: String {
    switch self {
    case .fft: "FFT"
    case .ifft: "IFFT"
    case .rfft: "RFFT"
    case .irfft: "IRFFT"
    }
  }
}
