import Foundation

/// `jax.numpy.fft`: discrete Fourier transforms and their helpers.
///
/// The sample-frequency and shift helpers work on real arrays:
///
/// ```swift
/// jnp.fft.fftfreq(4)                 // [0, 0.25, -0.5, -0.25]
/// jnp.fft.fftshift(jnp.arange(5))    // [3, 4, 0, 1, 2]
/// ```
public enum FFT {}

extension Numpy {
  /// `jnp.fft`, as in JAX: `jnp.fft.fftfreq(8)`, `jnp.fft.fftshift(x)`
  /// (the same functions as ``FFT``).
  public typealias fft = FFT
}

extension FFT {
  /// `jnp.fft.fftfreq`: the sample frequencies of an `n`-point DFT with
  /// sample spacing `d`: `[0, 1, ..., ceil(n/2)-1, -floor(n/2), ..., -1] / (d n)`.
  ///
  /// Computed as JAX does (in the float type, then converted to `dtype`),
  /// so the values match bit for bit.
  ///
  /// ```swift
  /// jnp.fft.fftfreq(5, d: 0.5)   // [0, 0.4, 0.8, -0.8, -0.4]
  /// ```
  ///
  /// - Parameters:
  ///   - n: The transform length (>= 0).
  ///   - d: The sample spacing.
  ///   - dtype: The result's dtype; the default float type if nil.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fftfreq(
    _ n: Int, d: Double = 1.0, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if n < 0 { return Numpy.fail(.value, "fftfreq", "n must be non-negative, got n=\(n)", file: file, line: line) }
    let out = (dtype ?? .defaultFloat).canonical
    let wd = workingFloat(out)
    // k = ((i + n//2) % n - n//2), as jnp.fft.fftfreq computes it.
    let i = Lax.iota(wd, shape: [n], file: file, line: line)
    let half = Numpy.scalar(Double(n / 2), wd)
    var k = Lax.add(i, half, file: file, line: line)
    k = Lax.rem(k, Numpy.scalar(Double(n), wd), file: file, line: line)
    k = Lax.sub(k, half, file: file, line: line)
    let r = Lax.div(k, Numpy.scalar(d * Double(n), wd), file: file, line: line)
    return r.dtype == out ? r : Lax.convertElementType(r, out, file: file, line: line)
  }

  /// `jnp.fft.rfftfreq`: the sample frequencies of the `n/2 + 1` terms
  /// that `rfft` returns: `[0, 1, ..., n/2] / (d n)`.
  ///
  /// ```swift
  /// jnp.fft.rfftfreq(5)   // [0, 0.2, 0.4]
  /// ```
  ///
  /// - Parameters:
  ///   - n: The transform length (>= 0).
  ///   - d: The sample spacing.
  ///   - dtype: The result's dtype; the default float type if nil.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func rfftfreq(
    _ n: Int, d: Double = 1.0, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if n < 0 { return Numpy.fail(.value, "rfftfreq", "n must be non-negative, got n=\(n)", file: file, line: line) }
    let out = (dtype ?? .defaultFloat).canonical
    guard out.isFloatingPoint else {
      // JAX divides integer arange by jnp.array(d * n, dtype) (truncated):
      // a true division, so the result is the default float type.
      let f = DType.defaultFloat
      let k = Lax.iota(f, shape: [n / 2 + 1], file: file, line: line)
      return Lax.div(k, Numpy.scalar((d * Double(n)).rounded(.towardZero), f), file: file, line: line)
    }
    let k = Lax.iota(out, shape: [n / 2 + 1], file: file, line: line)
    return Lax.div(k, Numpy.scalar(d * Double(n), out), file: file, line: line)
  }

  /// `jnp.fft.fftshift`: moves the zero-frequency term to the centre by
  /// rolling each axis in `axes` (all axes when nil) by `size / 2`.
  ///
  /// ```swift
  /// jnp.fft.fftshift(jnp.fft.fftfreq(4))   // [-0.5, -0.25, 0, 0.25]
  /// ```
  ///
  /// - Parameters:
  ///   - x: The array to shift.
  ///   - axes: An axis or axes (negative counts from the end); nil for all.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fftshift(
    _ x: Tensor, axes: (any AxesConvertible)? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    shift(x, axes: axes, "fftshift", inverse: false, file: file, line: line)
  }

  /// `jnp.fft.ifftshift`: the inverse of ``fftshift(_:axes:file:line:)``
  /// (rolls each axis by `-(size / 2)`; the two differ for odd sizes).
  ///
  /// ```swift
  /// jnp.fft.ifftshift(jnp.fft.fftshift(x)) == x
  /// ```
  ///
  /// - Parameters:
  ///   - x: The array to shift.
  ///   - axes: An axis or axes (negative counts from the end); nil for all.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func ifftshift(
    _ x: Tensor, axes: (any AxesConvertible)? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    shift(x, axes: axes, "ifftshift", inverse: true, file: file, line: line)
  }

  private static func shift(
    _ x: Tensor, axes: (any AxesConvertible)?, _ op: String, inverse: Bool, file: StaticString, line: UInt
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let list = axes?.axesList ?? Array(0..<x.rank)
    var resolved: [Int] = []
    for a in list {
      guard let r = Numpy.normalizeAxis(a, rank: x.rank, op, file: file, line: line) else { return .invalid }
      resolved.append(r)
    }
    if resolved.isEmpty { return x }
    let shifts = resolved.map { inverse ? -(x.shape[$0] / 2) : x.shape[$0] / 2 }
    return Numpy.roll(x, shift: shifts, axis: resolved, file: file, line: line)
  }

  /// JAX's `finfo(to_inexact_dtype(dtype)).dtype`: the float type the
  /// frequencies are computed in before the cast to `dtype`.
  private static func workingFloat(_ d: DType) -> DType {
    if d.isFloatingPoint { return d }
    return d.byteSize >= 8 ? DType.float64.canonical : .float32
  }
}
