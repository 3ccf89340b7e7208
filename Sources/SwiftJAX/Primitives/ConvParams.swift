// Parameters of the windowed primitives `conv_general_dilated` and
// `reduce_window`, as in jax/_src/lax/convolution.py and
// windowed_reductions.py.

/// Padding before and after one spatial dimension of a window operation
/// (may be negative: cropping).
///
/// ```swift
/// let pad = WindowPadding(1, 1)   // one element on each side, as "SAME" for a 3-wide window
/// ```
public struct WindowPadding: Hashable, Sendable, CustomStringConvertible {
  /// Elements added before the first (negative: removed).
  public var low: Int
  /// Elements added after the last (negative: removed).
  public var high: Int
  /// Padding of `low` elements before and `high` after.
  ///
  /// - Parameters:
  ///   - low: Elements before.
  ///   - high: Elements after.
  ///
  /// ```swift
  /// let window = WindowParams(windowDimensions: [2], windowStrides: [1], padding: [WindowPadding(1, 0)])
  /// bind1(.reduceWindow(.max, window), [jnp.array([1.0, 3.0, 2.0])])  // [1. 3. 3.]
  /// ```
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
  ///
  /// ```swift
  /// PaddingSpec.same.pads(inShape: [5], window: [3], strides: [2])  // [(1, 1)]
  /// ```
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
  /// The input's dimensions in the order (batch, feature, spatial...).
  public var lhsSpec: [Int]
  /// The kernel's dimensions in the order (out feature, in feature, spatial...).
  public var rhsSpec: [Int]
  /// The output's dimensions in the order (batch, feature, spatial...).
  public var outSpec: [Int]

  /// Dimension numbers from the three permutations, as JAX's
  /// `ConvDimensionNumbers(lhs_spec, rhs_spec, out_spec)`.
  ///
  /// - Parameters:
  ///   - lhsSpec: The input's (batch, feature, spatial...) dimensions.
  ///   - rhsSpec: The kernel's (out, in, spatial...) dimensions.
  ///   - outSpec: The output's (batch, feature, spatial...) dimensions.
  public init(lhsSpec: [Int], rhsSpec: [Int], outSpec: [Int]) {
    self.lhsSpec = lhsSpec
    self.rhsSpec = rhsSpec
    self.outSpec = outSpec
  }

  /// The default layout of a rank-`rank` convolution: `NC...`, `OI...`, `NC...`.
  ///
  /// ```swift
  /// ConvDimensionNumbers.canonical(rank: 4).rhsSpec  // [0, 1, 2, 3]
  /// ```
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
///
/// ```swift
/// // A 3x3 NHWC convolution with stride 1 and "SAME" padding:
/// let p = ConvParams(windowStrides: [1, 1], padding: [WindowPadding(1, 1), WindowPadding(1, 1)],
///                    lhsDilation: [1, 1], rhsDilation: [1, 1],
///                    dimensionNumbers: try ConvDimensionNumbers("NHWC", "HWIO", "NHWC"))
/// ```
public struct ConvParams: Hashable, Sendable {
  /// The stride of each spatial dimension.
  public var windowStrides: [Int]
  /// The padding of each spatial dimension.
  public var padding: [WindowPadding]
  /// The input's dilation per spatial dimension (transposed convolutions).
  public var lhsDilation: [Int]
  /// The kernel's dilation per spatial dimension (atrous convolutions).
  public var rhsDilation: [Int]
  /// Where batch, feature and spatial dimensions are in each operand.
  public var dimensionNumbers: ConvDimensionNumbers
  /// Groups of input features, each convolved with its own kernels (depthwise: the feature count).
  public var featureGroupCount: Int
  /// Groups of the batch (the weight gradient of a grouped convolution uses it).
  public var batchGroupCount: Int
  /// The accumulation and result dtype, or nil for the operands' dtype.
  public var preferredElementType: DType?

  /// Convolution parameters, as `Lax.convGeneralDilated` stages them.
  ///
  /// - Parameters:
  ///   - windowStrides: Stride per spatial dimension.
  ///   - padding: Padding per spatial dimension.
  ///   - lhsDilation: Input dilation per spatial dimension.
  ///   - rhsDilation: Kernel dilation per spatial dimension.
  ///   - dimensionNumbers: The operands' layouts.
  ///   - featureGroupCount: Feature groups.
  ///   - batchGroupCount: Batch groups.
  ///   - preferredElementType: The result dtype, or nil.
  ///
  /// ```swift
  /// let params = ConvParams(windowStrides: [1], padding: [WindowPadding(0, 0)], lhsDilation: [1], rhsDilation: [1],
  ///                         dimensionNumbers: .canonical(rank: 3))
  /// print(bind1(.convGeneralDilated(params), [jnp.arange(5, dtype: .float32).reshape(1, 1, 5), jnp.ones([1, 1, 2])]))
  /// // [[[1. 3. 5. 7.]]]
  /// ```
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
/// `reduce_window_max_p`, `reduce_window_min_p`, and the generic
/// `reduce_window_p` that `lax.reduce_window(x, 1, lax.mul, ...)` binds).
///
/// ```swift
/// let window = WindowParams(windowDimensions: [2], windowStrides: [1], padding: [WindowPadding(0, 0)])
/// bind1(.reduceWindow(.sum, window), [jnp.array([1.0, 3.0, 2.0])])   // [4. 5.]
/// bind1(.reduceWindow(.prod, window), [jnp.array([1.0, 3.0, 2.0])])  // [3. 6.]
/// ```
public enum ReduceWindowOp: Int, Hashable, Sendable {
  // The raw value is jx_reduce_window's op code.
  case sum, max, min, prod
  /// JAX's primitive name, as jaxprs print it.
  public var name: String {
    switch self {
    case .sum: "reduce_window_sum"
    case .max: "reduce_window_max"
    case .min: "reduce_window_min"
    // JAX has no product monoid primitive: the generic reduce_window with
    // a `mul` computation.
    case .prod: "reduce_window"
    }
  }
}

/// The static parameters of `reduce_window`: one entry per operand
/// dimension in each array.
///
/// ```swift
/// // 2x2 max-pooling with stride 2 of an NHWC array:
/// let p = WindowParams(windowDimensions: [1, 2, 2, 1], windowStrides: [1, 2, 2, 1],
///                      padding: Array(repeating: WindowPadding(0, 0), count: 4))
/// ```
public struct WindowParams: Hashable, Sendable {
  /// The window's size in each dimension.
  public var windowDimensions: [Int]
  /// The window's stride in each dimension.
  public var windowStrides: [Int]
  /// The padding of each dimension.
  public var padding: [WindowPadding]
  /// The operand's dilation in each dimension.
  public var baseDilation: [Int]
  /// The window's dilation in each dimension.
  public var windowDilation: [Int]

  /// Window parameters; dilations default to 1.
  ///
  /// - Parameters:
  ///   - windowDimensions: Window size per dimension.
  ///   - windowStrides: Stride per dimension.
  ///   - padding: Padding per dimension.
  ///   - baseDilation: Operand dilation per dimension (nil: all 1).
  ///   - windowDilation: Window dilation per dimension (nil: all 1).
  ///
  /// ```swift
  /// let window = WindowParams(windowDimensions: [2], windowStrides: [1], padding: [WindowPadding(1, 0)])
  /// bind1(.reduceWindow(.max, window), [jnp.array([1.0, 3.0, 2.0])])  // [1. 3. 3.]
  /// ```
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
