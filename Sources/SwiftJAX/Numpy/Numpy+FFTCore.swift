// The shared core of the jnp.fft transforms, as JAX's `_fft_core`
// (jax/_src/numpy/fft.py): move the axes to the end, crop or zero-pad to
// `s`, apply the `fft` primitive, scale for `norm`, move the axes back.

extension FFT {
  /// JAX's `_fft_core`: `name` is the jnp.fft function (its error names
  /// and the direction of `norm`).
  static func core(
    _ name: String, _ type: FFTType, _ a: Tensor, s: [Int]?, axes: [Int]?, norm: String?, file: StaticString, line: UInt
  ) -> Tensor {
    if a.isInvalid { return .invalid }
    let op = "jnp.fft.\(name)"
    if let s, s.contains(where: { $0 <= 0 }) { return Numpy.fail(.value, op, "Shape should be positive, got s=\(s)", file: file, line: line) }
    if let s, let axes, s.count != axes.count {
      return Numpy.fail(.value, op, "Shape and axes have different lengths: s=\(s), axes=\(axes)", file: file, line: line)
    }
    if let s, axes == nil, s.count > a.rank {
      return Numpy.fail(.axis, op, "s=\(s) names more axes than the array of shape \(a.shape) has", file: file, line: line)
    }
    guard let resolved = resolveAxes(op, a.rank, s: s, axes: axes, file: file, line: line) else { return .invalid }
    let k = resolved.count
    if k == 0 && (type == .fft || type == .ifft) {
      // No axes (a rank-0 input to fftn): the identity, made complex, as in JAX.
      let inexact = a.dtype.isFloatingPoint || a.dtype.isComplex ? a.dtype : DType.defaultFloat
      return Lax.convertElementType(a, inexact.complexCounterpart ?? .complex64, file: file, line: line)
    }
    if k == 0 { return Numpy.fail(.axis, op, "needs at least one axis to transform, got axes \(resolved) of shape \(a.shape)", file: file, line: line) }
    let trailing = Array((a.rank - k)..<a.rank)
    var arr = axes == nil ? a : Numpy.moveaxis(a, source: resolved, destination: trailing, file: file, line: line)
    let lengths: [Int]
    if let s {
      arr = fitTrailing(arr, type == .irfft ? Array(s.dropLast()) + [s[k - 1] / 2 + 1] : s, file: file, line: line)
      lengths = s
    } else if type == .irfft {
      lengths = trailing.dropLast().map { arr.shape[$0] } + [max(0, 2 * (arr.shape[a.rank - 1] - 1))]
    } else {
      lengths = trailing.map { arr.shape[$0] }
    }
    var y = Lax.fft(arr, type, lengths: lengths, file: file, line: line)
    if let f = normFactor(name, lengths, norm, op, file: file, line: line) {
      guard let f else { return .invalid }
      y = Lax.mul(y, constant(f, y.dtype), file: file, line: line)
    }
    return axes == nil ? y : Numpy.moveaxis(y, source: trailing, destination: resolved, file: file, line: line)
  }

  /// The transformed axes, non-negative: `axes`, or the last `s.count`
  /// axes, or all; nil after reporting an out-of-range or repeated axis.
  private static func resolveAxes(_ op: String, _ rank: Int, s: [Int]?, axes: [Int]?, file: StaticString, line: UInt) -> [Int]? {
    guard let axes else { return Array((rank - min(rank, s?.count ?? rank))..<rank) }
    var out: [Int] = []
    for a in axes {
      guard let r = Numpy.normalizeAxis(a, rank: rank, op, file: file, line: line) else { return nil }
      out.append(r)
    }
    if Set(out).count != out.count {
      Numpy.report(.axis, op, "does not support repeated axes. Got axes \(axes)", file: file, line: line)
      return nil
    }
    return out
  }

  /// Crops or zero-pads the trailing axes of `x` to `sizes`.
  private static func fitTrailing(_ x: Tensor, _ sizes: [Int], file: StaticString, line: UInt) -> Tensor {
    let lead = x.rank - sizes.count
    let want = Array(x.shape.prefix(lead)) + sizes
    var y = x
    if zip(x.shape, want).contains(where: { $0 > $1 }) {
      y = Lax.slice(y, start: [Int](repeating: 0, count: x.rank), limit: zip(x.shape, want).map { min($0, $1) }, file: file, line: line)
    }
    if zip(y.shape, want).contains(where: { $0 < $1 }) {
      let config = zip(y.shape, want).map { PadConfig(low: 0, high: $1 - $0) }
      y = Lax.pad(y, constant(0, y.dtype), config: config, file: file, line: line)
    }
    return y
  }

  /// The scale `norm` asks for (an inner nil: `norm` was not valid, and an
  /// error was reported); the outer nil: no scaling ("backward" or nil).
  private static func normFactor(_ name: String, _ s: [Int], _ norm: String?, _ op: String, file: StaticString, line: UInt) -> Double?? {
    let n = Double(s.reduce(1, *))
    let inverse = name.hasPrefix("i")
    switch norm {
    case nil, "backward": return .none
    case "ortho": return .some(inverse ? n.squareRoot() : 1 / n.squareRoot())
    case "forward": return .some(inverse ? n : 1 / n)
    case let other?:
      Numpy.report(.value, op, "Invalid norm value \(other); should be \"backward\", \"ortho\" or \"forward\"", file: file, line: line)
      return .some(nil)
    }
  }

  /// A scalar `v` of `dtype` (complex: `v + 0i`), concrete so that it stays
  /// a literal under jit.
  static func constant(_ v: Double, _ dtype: DType) -> Tensor {
    guard dtype.isComplex else { return Numpy.scalar(v, dtype) }
    return Lax.convertElementType(Numpy.scalar(v, dtype.realPart), dtype)
  }
}
