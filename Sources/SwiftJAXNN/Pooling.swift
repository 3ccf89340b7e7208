import SwiftJAX

// Pooling over channels-last inputs `[batch, spatial..., features]` (or
// without the batch axis), as flax.linen's `max_pool`/`avg_pool`: windows
// over the spatial axes only, through `Lax.reduceWindow`.

extension NN {
  /// Max-pooling (`flax.linen.max_pool`): the maximum of each window.
  /// Strides default to 1 in every spatial dimension, padding to VALID.
  ///
  /// ```swift
  /// let y = nn.maxPool(x, windowShape: [2, 2], strides: [2, 2])   // [n, 28, 28, c] -> [n, 14, 14, c]
  /// ```
  public static func maxPool(
    _ x: Tensor, windowShape: [Int], strides: [Int]? = nil, padding: PaddingSpec = .valid,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    pool(x, .max, windowShape, strides, padding, "max_pool", CallSite(file: file, line: line))
  }

  /// Min-pooling: the minimum of each window.
  ///
  /// ```swift
  /// print(nn.minPool(jnp.arange(8, dtype: .float32).reshape(1, 4, 2), windowShape: [2]))
  /// // [[[0. 1.]
  /// //   [2. 3.]
  /// //   [4. 5.]]]
  /// ```
  public static func minPool(
    _ x: Tensor, windowShape: [Int], strides: [Int]? = nil, padding: PaddingSpec = .valid,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    pool(x, .min, windowShape, strides, padding, "min_pool", CallSite(file: file, line: line))
  }

  /// Average-pooling (`flax.linen.avg_pool`): the mean of each window.
  /// With `countIncludePad` (the default, as Flax) padded positions count
  /// as zeros; without it the mean is over the real elements only.
  ///
  /// ```swift
  /// let y = nn.avgPool(x, windowShape: [3, 3], strides: [2, 2], padding: .same, countIncludePad: false)
  /// ```
  public static func avgPool(
    _ x: Tensor, windowShape: [Int], strides: [Int]? = nil, padding: PaddingSpec = .valid,
    countIncludePad: Bool = true, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    let sum = pool(x, .sum, windowShape, strides, padding, "avg_pool", site)
    if sum.isInvalid { return sum }
    if countIncludePad { return sum / Tensor(weak: Double(windowShape.reduce(1, *))) }
    // The number of real elements in each window: the same pooling of ones
    // over the spatial shape only (it broadcasts over batch and features).
    let spatial = x.shape.dropFirst(x.rank - windowShape.count - 1).dropLast()
    let ones = jnp.ones([1] + Array(spatial) + [1], dtype: x.dtype)
    let counts = pool(ones, .sum, windowShape, strides, padding, "avg_pool", site)
    return sum / (x.rank == windowShape.count + 1 ? Lax.squeeze(counts, dimensions: [0]) : counts)
  }

  private static func pool(
    _ x: Tensor, _ op: ReduceWindowOp, _ window: [Int], _ strides: [Int]?, _ padding: PaddingSpec, _ name: String, _ site: CallSite
  ) -> Tensor {
    let nsp = window.count
    let strides = strides ?? Array(repeating: 1, count: nsp)
    guard x.rank == nsp + 1 || x.rank == nsp + 2, strides.count == nsp else {
      JAXError.report(JAXError(
        .shape, name,
        "window \(window) and strides \(strides) need inputs [batch, spatial..., features] with \(nsp) spatial dimension(s), got shape \(x.shape)",
        site: site))
      return .failed
    }
    let lead = x.rank - nsp - 1
    let dims = Array(repeating: 1, count: lead) + window + [1]
    let st = Array(repeating: 1, count: lead) + strides + [1]
    let pads: PaddingSpec
    if case .explicit(let p) = padding {
      pads = .explicit(Array(repeating: WindowPadding(0, 0), count: lead) + p + [WindowPadding(0, 0)])
    } else {
      pads = padding
    }
    return Lax.reduceWindow(x, op, windowDimensions: dims, windowStrides: st, padding: pads)
  }
}

/// Max-pooling as a layer (no parameters), for ``Sequential``.
///
/// ```swift
/// Sequential(Conv(32, kernelSize: [3, 3]), Lambda { nn.relu($0) }, MaxPool(windowShape: [2, 2], strides: [2, 2]))
/// ```
public struct MaxPool: Layer {
  /// The window's spatial size.
  public var windowShape: [Int]
  /// The stride per spatial dimension (nil: 1, as Flax).
  public var strides: [Int]?
  /// `.valid`, `.same` or explicit pairs (padding never wins the max).
  public var padding: PaddingSpec
  /// A max-pooling layer.
  ///
  /// - Parameters:
  ///   - windowShape: The window's spatial size.
  ///   - strides: Stride per spatial dimension (nil: 1).
  ///   - padding: The padding.
  ///
  /// ```swift
  /// print(MaxPool(windowShape: [2], strides: [2]).apply(.empty, jnp.arange(8, dtype: .float32).reshape(1, 4, 2)))
  /// // [[[2. 3.]
  /// //   [6. 7.]]]
  /// ```
  public init(windowShape: [Int], strides: [Int]? = nil, padding: PaddingSpec = .valid) {
    self.windowShape = windowShape
    self.strides = strides
    self.padding = padding
  }
  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables { Variables(params: .empty) }
  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    nn.maxPool(x, windowShape: windowShape, strides: strides, padding: padding)
  }
}

/// Average-pooling as a layer (no parameters); see `nn.avgPool`.
///
/// ```swift
/// print(AvgPool(windowShape: [2], strides: [2]).apply(.empty, jnp.arange(8, dtype: .float32).reshape(1, 4, 2)))
/// // [[[1. 2.]
/// //   [5. 6.]]]
/// ```
public struct AvgPool: Layer {
  /// The window's spatial size.
  public var windowShape: [Int]
  /// The stride per spatial dimension (nil: 1, as Flax).
  public var strides: [Int]?
  /// `.valid`, `.same` or explicit pairs.
  public var padding: PaddingSpec
  /// Whether padded elements count in the mean's denominator (Flax's default: true).
  public var countIncludePad: Bool
  /// An average-pooling layer.
  ///
  /// - Parameters:
  ///   - windowShape: The window's spatial size.
  ///   - strides: Stride per spatial dimension (nil: 1).
  ///   - padding: The padding.
  ///   - countIncludePad: Whether padding counts in the denominator.
  ///
  /// ```swift
  /// print(AvgPool(windowShape: [3], padding: .same, countIncludePad: false).apply(.empty, jnp.arange(8, dtype: .float32).reshape(1, 4, 2)))
  /// // [[[1. 2.]
  /// //   [2. 3.]
  /// //   [4. 5.]
  /// //   [5. 6.]]]
  /// ```
  public init(windowShape: [Int], strides: [Int]? = nil, padding: PaddingSpec = .valid, countIncludePad: Bool = true) {
    self.windowShape = windowShape
    self.strides = strides
    self.padding = padding
    self.countIncludePad = countIncludePad
  }
  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables { Variables(params: .empty) }
  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    nn.avgPool(x, windowShape: windowShape, strides: strides, padding: padding, countIncludePad: countIncludePad)
  }
}
