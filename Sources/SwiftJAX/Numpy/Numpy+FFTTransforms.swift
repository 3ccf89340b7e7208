// The jnp.fft transforms (JAX's jax/_src/numpy/fft.py), each a call of
// the shared core (Numpy+FFTCore.swift) with its transform type.
//
// `norm` is "backward" (the default: the inverse scales by 1/n), "ortho"
// (both scale by 1/sqrt(n)) or "forward" (the forward scales by 1/n).

extension FFT {
  /// `jnp.fft.fft`: the one-dimensional discrete Fourier transform along `axis`.
  ///
  /// ```swift
  /// jnp.fft.fft(Tensor([1, 2, 3, 4] as [Float]))   // [10+0j, -2+2j, -2+0j, -2-2j]
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - n: The transform length; `a` is cropped or zero-padded to it along `axis` (nil: as is).
  ///   - axis: The axis to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fft(
    _ a: Tensor, n: Int? = nil, axis: Int = -1, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    core("fft", .fft, a, s: n.map { [$0] }, axes: [axis], norm: norm, file: file, line: line)
  }

  /// `jnp.fft.ifft`: the one-dimensional inverse discrete Fourier transform along `axis`.
  ///
  /// ```swift
  /// jnp.fft.ifft(jnp.fft.fft(x))   // x, as complex
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - n: The transform length; `a` is cropped or zero-padded to it along `axis` (nil: as is).
  ///   - axis: The axis to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func ifft(
    _ a: Tensor, n: Int? = nil, axis: Int = -1, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    core("ifft", .ifft, a, s: n.map { [$0] }, axes: [axis], norm: norm, file: file, line: line)
  }

  /// `jnp.fft.rfft`: the one-dimensional discrete Fourier transform of a real array: the n/2 + 1 non-negative-frequency terms.
  ///
  /// ```swift
  /// jnp.fft.rfft(Tensor([1, 2, 3, 4] as [Float]))   // [10+0j, -2+2j, -2+0j]
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - n: The transform length; `a` is cropped or zero-padded to it along `axis` (nil: as is).
  ///   - axis: The axis to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func rfft(
    _ a: Tensor, n: Int? = nil, axis: Int = -1, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    core("rfft", .rfft, a, s: n.map { [$0] }, axes: [axis], norm: norm, file: file, line: line)
  }

  /// `jnp.fft.irfft`: the inverse of ``rfft(_:n:axis:norm:file:line:)``: n real values (n = 2 (m - 1) by default) from m Hermitian terms.
  ///
  /// ```swift
  /// jnp.fft.irfft(jnp.fft.rfft(x))   // x (even length)
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - n: The transform length; `a` is cropped or zero-padded to it along `axis` (nil: as is).
  ///   - axis: The axis to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func irfft(
    _ a: Tensor, n: Int? = nil, axis: Int = -1, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    core("irfft", .irfft, a, s: n.map { [$0] }, axes: [axis], norm: norm, file: file, line: line)
  }

  /// `jnp.fft.fftn`: the n-dimensional discrete Fourier transform over `axes` (all axes, or the last `s.count`, when nil).
  ///
  /// ```swift
  /// jnp.fft.fftn(x, axes: [0, 1])
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - s: The transform lengths; `a` is cropped or zero-padded to them (nil: as is).
  ///   - axes: The axes to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fftn(
    _ a: Tensor, s: [Int]? = nil, axes: [Int]? = nil, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    core("fftn", .fft, a, s: s, axes: axes, norm: norm, file: file, line: line)
  }

  /// `jnp.fft.fft2`: ``fftn(_:s:axes:norm:file:line:)`` over two axes (the last two by default).
  ///
  /// ```swift
  /// jnp.fft.fft2(x)   // over axes -2 and -1
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - s: The transform lengths (nil: as is).
  ///   - axes: Exactly two axes.
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fft2(
    _ a: Tensor, s: [Int]? = nil, axes: [Int] = [-2, -1], norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if axes.count != 2 { return Numpy.fail(.axis, "jnp.fft.fft2", "only supports 2 axes. Got axes = \(axes)", file: file, line: line) }
    return core("fft2", .fft, a, s: s, axes: axes, norm: norm, file: file, line: line)
  }

  /// `jnp.fft.ifftn`: the n-dimensional inverse discrete Fourier transform over `axes`.
  ///
  /// ```swift
  /// jnp.fft.ifftn(x, axes: [0, 1])
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - s: The transform lengths; `a` is cropped or zero-padded to them (nil: as is).
  ///   - axes: The axes to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func ifftn(
    _ a: Tensor, s: [Int]? = nil, axes: [Int]? = nil, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    core("ifftn", .ifft, a, s: s, axes: axes, norm: norm, file: file, line: line)
  }

  /// `jnp.fft.ifft2`: ``ifftn(_:s:axes:norm:file:line:)`` over two axes (the last two by default).
  ///
  /// ```swift
  /// jnp.fft.ifft2(x)   // over axes -2 and -1
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - s: The transform lengths (nil: as is).
  ///   - axes: Exactly two axes.
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func ifft2(
    _ a: Tensor, s: [Int]? = nil, axes: [Int] = [-2, -1], norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if axes.count != 2 { return Numpy.fail(.axis, "jnp.fft.ifft2", "only supports 2 axes. Got axes = \(axes)", file: file, line: line) }
    return core("ifft2", .ifft, a, s: s, axes: axes, norm: norm, file: file, line: line)
  }

  /// `jnp.fft.rfftn`: the n-dimensional discrete Fourier transform of a real array (the last axis halved as in ``rfft(_:n:axis:norm:file:line:)``).
  ///
  /// ```swift
  /// jnp.fft.rfftn(x, axes: [0, 1])
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - s: The transform lengths; `a` is cropped or zero-padded to them (nil: as is).
  ///   - axes: The axes to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func rfftn(
    _ a: Tensor, s: [Int]? = nil, axes: [Int]? = nil, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    core("rfftn", .rfft, a, s: s, axes: axes, norm: norm, file: file, line: line)
  }

  /// `jnp.fft.rfft2`: ``rfftn(_:s:axes:norm:file:line:)`` over two axes (the last two by default).
  ///
  /// ```swift
  /// jnp.fft.rfft2(x)   // over axes -2 and -1
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - s: The transform lengths (nil: as is).
  ///   - axes: Exactly two axes.
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func rfft2(
    _ a: Tensor, s: [Int]? = nil, axes: [Int] = [-2, -1], norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if axes.count != 2 { return Numpy.fail(.axis, "jnp.fft.rfft2", "only supports 2 axes. Got axes = \(axes)", file: file, line: line) }
    return core("rfft2", .rfft, a, s: s, axes: axes, norm: norm, file: file, line: line)
  }

  /// `jnp.fft.irfftn`: the inverse of ``rfftn(_:s:axes:norm:file:line:)``.
  ///
  /// ```swift
  /// jnp.fft.irfftn(x, axes: [0, 1])
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - s: The transform lengths; `a` is cropped or zero-padded to them (nil: as is).
  ///   - axes: The axes to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func irfftn(
    _ a: Tensor, s: [Int]? = nil, axes: [Int]? = nil, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    core("irfftn", .irfft, a, s: s, axes: axes, norm: norm, file: file, line: line)
  }

  /// `jnp.fft.irfft2`: ``irfftn(_:s:axes:norm:file:line:)`` over two axes (the last two by default).
  ///
  /// ```swift
  /// jnp.fft.irfft2(x)   // over axes -2 and -1
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array.
  ///   - s: The transform lengths (nil: as is).
  ///   - axes: Exactly two axes.
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func irfft2(
    _ a: Tensor, s: [Int]? = nil, axes: [Int] = [-2, -1], norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if axes.count != 2 { return Numpy.fail(.axis, "jnp.fft.irfft2", "only supports 2 axes. Got axes = \(axes)", file: file, line: line) }
    return core("irfft2", .irfft, a, s: s, axes: axes, norm: norm, file: file, line: line)
  }

  /// `jnp.fft.hfft`: the transform of a Hermitian-symmetric signal given
  /// by its first half: n real values (n = 2 (m - 1) by default).
  ///
  /// ```swift
  /// jnp.fft.hfft(z)   // irfft(conj(z)) * n
  /// ```
  ///
  /// - Parameters:
  ///   - a: The input array (the signal's first half).
  ///   - n: The output length along `axis` (nil: 2 (m - 1)).
  ///   - axis: The axis to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func hfft(
    _ a: Tensor, n: Int? = nil, axis: Int = -1, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if a.isInvalid { return .invalid }
    guard let ax = Numpy.normalizeAxis(axis, rank: a.rank, "jnp.fft.hfft", file: file, line: line) else { return .invalid }
    let nn = n ?? (a.shape[ax] - 1) * 2
    let y = core("hfft", .irfft, Lax.conj(a, file: file, line: line), s: n.map { [$0] }, axes: [axis], norm: norm, file: file, line: line)
    return y.isInvalid ? y : Lax.mul(y, constant(Double(nn), y.dtype), file: file, line: line)
  }

  /// `jnp.fft.ihfft`: the inverse of ``hfft(_:n:axis:norm:file:line:)``:
  /// `conj(rfft(a)) / n`, the n/2 + 1 terms of a Hermitian spectrum.
  ///
  /// ```swift
  /// jnp.fft.ihfft(Tensor([1, 2, 3, 4] as [Float]))   // [2.5-0j, -0.5-0.5j, -0.5-0j]
  /// ```
  ///
  /// - Parameters:
  ///   - a: The real input array.
  ///   - n: The transform length along `axis` (nil: as is).
  ///   - axis: The axis to transform (negative counts from the end).
  ///   - norm: "backward" (nil), "ortho" or "forward".
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func ihfft(
    _ a: Tensor, n: Int? = nil, axis: Int = -1, norm: String? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if a.isInvalid { return .invalid }
    guard let ax = Numpy.normalizeAxis(axis, rank: a.rank, "jnp.fft.ihfft", file: file, line: line) else { return .invalid }
    let nn = n ?? a.shape[ax]
    let y = core("ihfft", .rfft, a, s: n.map { [$0] }, axes: [axis], norm: norm, file: file, line: line)
    return y.isInvalid ? y : Lax.mul(Lax.conj(y, file: file, line: line), constant(1 / Double(nn), y.dtype), file: file, line: line)
  }
}
