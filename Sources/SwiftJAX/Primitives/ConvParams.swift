// Parameters of the windowed primitives `conv_general_dilated` and
// `reduce_window`, as in jax/_src/lax/convolution.py and
// windowed_reductions.py.

/// Padding before and after one spatial dimension of a window operation
/// (may be negative: cropping).
public struct WindowPadding: Hashable, Sendable, CustomStringConvertible {
  public var low: Int
  public var high: Int
  public init(_ low: Int, _ high: Int) {
    self.low = low
    self.high = high
  }
  public var description: String { "(\(low), \(high))" }
}

/// How a convolution or pooling pads its spatial dimensions: JAX's
/// `"SAME"`, `"VALID"` or explicit `(low, high)` pairs.
public enum PaddingSpec: Hashable, Sendable {
  /// No padding: windows lie wholly inside the input.
  case valid
  /// Output size `ceil(input / stride)`; the extra padding goes at the end.
  case same
  /// `SAME_LOWER`: like `same` but the extra padding goes at the start.
  case sameLower
  /// One `(low, high)` pair per spatial dimension.
  case explicit([WindowPadding])

  /// The explicit pairs for inputs `inShape`, windows `window` (already
  /// dilated) and `strides` (JAX's `lax.padtype_to_pads`).
  public func pads(inShape: [Int], window: [Int], strides: [Int]) -> [WindowPadding] {
    switch self {
    case .explicit(let p): return p
    case .valid: return inShape.map { _ in WindowPadding(0, 0) }
    case .same, .sameLower:
      return (0..<inShape.count).map { i in
        let s = max(strides[i], 1)
        let out = (inShape[i] + s - 1) / s
        let total = max((out - 1) * s + window[i] - inShape[i], 0)
        let small = total / 2, big = total - total / 2
        return self == .same ? WindowPadding(small, big) : WindowPadding(big, small)
      }
    }
  }
}

/// Convolution dimension numbers (JAX's `ConvDimensionNumbers`): for each
/// of lhs, rhs and output, the index of the batch dimension (rhs: output
/// feature), the feature dimension (rhs: input feature), then the spatial
/// dimensions in order.
///
/// ```swift
/// let dn = try ConvDimensionNumbers("NHWC", "HWIO", "NHWC")
/// // dn.lhsSpec == [0, 3, 1, 2], dn.rhsSpec == [3, 2, 0, 1]
/// ```
public struct ConvDimensionNumbers: Hashable, Sendable {
  public var lhsSpec: [Int]
  public var rhsSpec: [Int]
  public var outSpec: [Int]

  public init(lhsSpec: [Int], rhsSpec: [Int], outSpec: [Int]) {
    self.lhsSpec = lhsSpec
    self.rhsSpec = rhsSpec
    self.outSpec = outSpec
  }

  /// The default layout of a rank-`rank` convolution: `NC...`, `OI...`, `NC...`.
  public static func canonical(rank: Int) -> ConvDimensionNumbers {
    let iota = Array(0..<rank)
    return ConvDimensionNumbers(lhsSpec: iota, rhsSpec: iota, outSpec: iota)
  }

  /// Parses layout strings such as `("NHWC", "HWIO", "NHWC")` as
  /// `lax.conv_dimension_numbers` does: lhs and output use `N` and `C`, the
  /// kernel `O` and `I`; every other letter is a spatial dimension, ordered
  /// as in the kernel's string.
  public init(_ lhs: String, _ rhs: String, _ out: String) throws(JAXError) {
    let specs = [Array(lhs), Array(rhs), Array(out)]
    let pairs: [(Character, Character)] = [("N", "C"), ("O", "I"), ("N", "C")]
    func bad(_ msg: String) -> JAXError { JAXError(.value, "conv_general_dilated", msg) }
    for (i, (a, b)) in pairs.enumerated() {
      let s = specs[i]
      if s.filter({ $0 == a }).count != 1 || s.filter({ $0 == b }).count != 1 {
        throw bad("dimension_numbers[\(i)] must contain '\(a)' and '\(b)' exactly once, got \(String(s))")
      }
      if Set(s).count != s.count { throw bad("dimension_numbers[\(i)] has duplicate characters: \(String(s))") }
    }
    if specs[0].count != specs[1].count || specs[1].count != specs[2].count {
      throw bad("dimension_numbers \((lhs, rhs, out)) must have equal lengths")
    }
    let spatial = specs[1].filter { $0 != "O" && $0 != "I" }
    if Set(specs[0].filter { $0 != "N" && $0 != "C" }) != Set(spatial) || Set(specs[2].filter { $0 != "N" && $0 != "C" }) != Set(spatial) {
      throw bad("dimension_numbers \((lhs, rhs, out)) must have the same spatial characters")
    }
    func perm(_ s: [Character], _ p: (Character, Character)) -> [Int] {
      [s.firstIndex(of: p.0)!, s.firstIndex(of: p.1)!] + spatial.map { s.firstIndex(of: $0)! }
    }
    self.init(lhsSpec: perm(specs[0], pairs[0]), rhsSpec: perm(specs[1], pairs[1]), outSpec: perm(specs[2], pairs[2]))
  }
}

/// The static parameters of `conv_general_dilated`.
public struct ConvParams: Hashable, Sendable {
  public var windowStrides: [Int]
  public var padding: [WindowPadding]
  public var lhsDilation: [Int]
  public var rhsDilation: [Int]
  public var dimensionNumbers: ConvDimensionNumbers
  public var featureGroupCount: Int
  public var batchGroupCount: Int
  public var preferredElementType: DType?

  public init(
    windowStrides: [Int], padding: [WindowPadding], lhsDilation: [Int], rhsDilation: [Int],
    dimensionNumbers: ConvDimensionNumbers, featureGroupCount: Int = 1, batchGroupCount: Int = 1,
    preferredElementType: DType? = nil
  ) {
    self.windowStrides = windowStrides
    self.padding = padding
    self.lhsDilation = lhsDilation
    self.rhsDilation = rhsDilation
    self.dimensionNumbers = dimensionNumbers
    self.featureGroupCount = featureGroupCount
    self.batchGroupCount = batchGroupCount
    self.preferredElementType = preferredElementType
  }
}

/// The monoid of a `reduce_window` (JAX's `reduce_window_sum_p`,
/// `reduce_window_max_p`, `reduce_window_min_p`).
public enum ReduceWindowOp: Int, Hashable, Sendable {
  case sum, max, min
  public var name: String {
    switch self {
    case .sum: "reduce_window_sum"
    case .max: "reduce_window_max"
    case .min: "reduce_window_min"
    }
  }
}

/// The static parameters of `reduce_window`: one entry per operand
/// dimension in each array.
public struct WindowParams: Hashable, Sendable {
  public var windowDimensions: [Int]
  public var windowStrides: [Int]
  public var padding: [WindowPadding]
  public var baseDilation: [Int]
  public var windowDilation: [Int]

  public init(
    windowDimensions: [Int], windowStrides: [Int], padding: [WindowPadding],
    baseDilation: [Int]? = nil, windowDilation: [Int]? = nil
  ) {
    self.windowDimensions = windowDimensions
    self.windowStrides = windowStrides
    self.padding = padding
    self.baseDilation = baseDilation ?? windowDimensions.map { _ in 1 }
    self.windowDilation = windowDilation ?? windowDimensions.map { _ in 1 }
  }
}

/// `(n - 1) * d + 1` (0 stays 0): a dimension of size `n` dilated by `d`.
func dilateDim(_ n: Int, _ d: Int) -> Int { n == 0 ? 0 : (n - 1) * d + 1 }

/// Number of windows of size `window` with stride `stride` in `n`
/// (`core.stride_dim`): 0 when the window does not fit.
func strideDim(_ n: Int, _ window: Int, _ stride: Int) -> Int { n < window ? 0 : (n - window) / stride + 1 }
