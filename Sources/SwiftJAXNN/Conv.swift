import SwiftJAX

/// An N-d convolution over channels-last inputs `[batch, spatial..., features]`
/// (Flax's `nn.Conv`): 1D, 2D or 3D by the length of `kernelSize`.
/// Parameters: `kernel` `kernelSize + [inFeatures / featureGroupCount,
/// features]` (LeCun normal, as Flax) and `bias` `[features]` (zeros). An
/// input without the batch axis (rank = spatial rank + 1) is accepted too.
///
/// ```swift
/// let conv = Conv(32, kernelSize: [3, 3])                          // SAME, stride 1
/// let down = Conv(64, kernelSize: [3, 3], strides: [2, 2], padding: .valid)
/// let depthwise = Conv(16, kernelSize: [3, 3], featureGroupCount: 16)
/// let params = conv.initialize(Random.PRNGKey(0), x)               // x: [8, 28, 28, 1]
/// let y = conv.apply(params, x)                                    // [8, 28, 28, 32]
/// ```
public struct Conv: Layer {
  /// The number of output channels.
  public var features: Int
  /// The window's spatial size.
  public var kernelSize: [Int]
  /// The stride per spatial dimension (nil: 1).
  public var strides: [Int]?
  /// `.same`, `.valid` or explicit `(low, high)` pairs.
  public var padding: PaddingSpec
  /// The input's dilation per spatial dimension (nil: 1).
  public var inputDilation: [Int]?
  /// The kernel's dilation per spatial dimension (nil: 1).
  public var kernelDilation: [Int]?
  /// Groups of input channels with their own kernels (depthwise: the channel count).
  public var featureGroupCount: Int
  /// Whether a bias is added.
  public var useBias: Bool
  /// Makes the kernel (default: LeCun normal, as Flax).
  public var kernelInit: NN.Initializer
  /// Makes the bias (default: zeros).
  public var biasInit: NN.Initializer
  let site: CallSite

  /// A convolution layer, as Flax's `nn.Conv(features, kernel_size, ...)`.
  ///
  /// - Parameters:
  ///   - features: Output channels.
  ///   - kernelSize: The window's spatial size (its length is the spatial rank).
  ///   - strides: Stride per spatial dimension (nil: 1).
  ///   - padding: `.same`, `.valid` or explicit pairs.
  ///   - inputDilation: Input dilation per spatial dimension (nil: 1).
  ///   - kernelDilation: Kernel dilation per spatial dimension (nil: 1).
  ///   - featureGroupCount: Feature groups.
  ///   - useBias: Whether to add a bias.
  ///   - kernelInit: The kernel's initializer.
  ///   - biasInit: The bias's initializer.
  ///   - file: The caller's file, for error messages (leave the default).
  ///   - line: The caller's line, for error messages (leave the default).
  public init(
    _ features: Int, kernelSize: [Int], strides: [Int]? = nil, padding: PaddingSpec = .same,
    inputDilation: [Int]? = nil, kernelDilation: [Int]? = nil, featureGroupCount: Int = 1, useBias: Bool = true,
    kernelInit: @escaping NN.Initializer = nn.initializers.lecunNormal(),
    biasInit: @escaping NN.Initializer = nn.initializers.zeros, file: StaticString = #fileID, line: UInt = #line
  ) {
    self.features = features
    self.kernelSize = kernelSize
    self.strides = strides
    self.padding = padding
    self.inputDilation = inputDilation
    self.kernelDilation = kernelDilation
    self.featureGroupCount = featureGroupCount
    self.useBias = useBias
    self.kernelInit = kernelInit
    self.biasInit = biasInit
    site = CallSite(file: file, line: line)
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    let inFeatures = sample.shape.last ?? 1
    return convVariables(key, kernelSize + [inFeatures / max(featureGroupCount, 1), features], features, useBias, kernelInit, biasInit)
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    let kernel = params["kernel"].tensor
    let nsp = kernelSize.count
    guard let xb = withBatch(x, spatialRank: nsp, "Conv", site) else { return .failed }
    guard kernel.rank == nsp + 2, xb.shape.last == kernel.shape[nsp] * featureGroupCount else {
      JAXError.report(JAXError(.shape, "Conv", "input of shape \(x.shape) does not end in \(kernel.shape[nsp]) x \(featureGroupCount) features (kernel \(kernel.shape), feature groups \(featureGroupCount))", site: site))
      return .failed
    }
    let y = Lax.convGeneralDilated(
      xb, kernel, windowStrides: strides ?? ones(nsp), padding: padding, lhsDilation: inputDilation,
      rhsDilation: kernelDilation, dimensionNumbers: channelsLast(rank: nsp + 2), featureGroupCount: featureGroupCount)
    return convOutput(y, params, useBias: useBias, unbatched: x.rank == nsp + 1)
  }
}

/// A transposed convolution over channels-last inputs (Flax's
/// `nn.ConvTranspose`, `lax.conv_transpose`): upsamples by `strides`.
/// Parameters: `kernel` `kernelSize + [inFeatures, features]`, `bias`
/// `[features]`.
///
/// ```swift
/// let up = ConvTranspose(16, kernelSize: [3, 3], strides: [2, 2])  // [n, 14, 14, c] -> [n, 28, 28, 16]
/// ```
public struct ConvTranspose: Layer {
  /// The number of output channels.
  public var features: Int
  /// The window's spatial size.
  public var kernelSize: [Int]
  /// The upsampling factor per spatial dimension (nil: 1).
  public var strides: [Int]?
  /// `.same`, `.valid` or explicit `(low, high)` pairs, as `lax.conv_transpose` reads them.
  public var padding: PaddingSpec
  /// The kernel's dilation per spatial dimension (nil: 1).
  public var kernelDilation: [Int]?
  /// Whether a bias is added.
  public var useBias: Bool
  /// Whether the kernel is flipped and its in/out axes swapped (the
  /// gradient of a convolution), as `lax.conv_transpose(transpose_kernel=)`.
  public var transposeKernel: Bool
  /// Makes the kernel (default: LeCun normal).
  public var kernelInit: NN.Initializer
  /// Makes the bias (default: zeros).
  public var biasInit: NN.Initializer
  let site: CallSite

  /// A transposed convolution layer, as Flax's `nn.ConvTranspose`.
  ///
  /// - Parameters:
  ///   - features: Output channels.
  ///   - kernelSize: The window's spatial size (its length is the spatial rank).
  ///   - strides: Stride per spatial dimension (nil: 1).
  ///   - padding: `.same`, `.valid` or explicit pairs.
  ///   - kernelDilation: Kernel dilation per spatial dimension (nil: 1).
  ///   - useBias: Whether to add a bias.
  ///   - transposeKernel: Whether to flip the kernel and swap its feature axes.
  ///   - kernelInit: The kernel's initializer.
  ///   - biasInit: The bias's initializer.
  ///   - file: The caller's file, for error messages (leave the default).
  ///   - line: The caller's line, for error messages (leave the default).
  public init(
    _ features: Int, kernelSize: [Int], strides: [Int]? = nil, padding: PaddingSpec = .same,
    kernelDilation: [Int]? = nil, useBias: Bool = true, transposeKernel: Bool = false,
    kernelInit: @escaping NN.Initializer = nn.initializers.lecunNormal(),
    biasInit: @escaping NN.Initializer = nn.initializers.zeros, file: StaticString = #fileID, line: UInt = #line
  ) {
    self.features = features
    self.kernelSize = kernelSize
    self.strides = strides
    self.padding = padding
    self.kernelDilation = kernelDilation
    self.useBias = useBias
    self.transposeKernel = transposeKernel
    self.kernelInit = kernelInit
    self.biasInit = biasInit
    site = CallSite(file: file, line: line)
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    convVariables(key, kernelSize + [sample.shape.last ?? 1, features], features, useBias, kernelInit, biasInit)
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    let nsp = kernelSize.count
    let kernel = params["kernel"].tensor
    guard let xb = withBatch(x, spatialRank: nsp, "ConvTranspose", site) else { return .failed }
    guard kernel.rank == nsp + 2, xb.shape.last == kernel.shape[transposeKernel ? nsp + 1 : nsp] else {
      JAXError.report(JAXError(.shape, "ConvTranspose", "input of shape \(x.shape) does not match the kernel \(kernel.shape)", site: site))
      return .failed
    }
    let y = Lax.convTranspose(
      xb, kernel, strides: strides ?? ones(nsp), padding: padding, rhsDilation: kernelDilation,
      dimensionNumbers: channelsLast(rank: nsp + 2), transposeKernel: transposeKernel)
    return convOutput(y, params, useBias: useBias, unbatched: x.rank == nsp + 1)
  }
}

/// The parameters of Conv and ConvTranspose: `kernel` of `kernelShape`
/// and, with a bias, `bias` `[features]`.
func convVariables(
  _ key: Tensor, _ kernelShape: [Int], _ features: Int, _ useBias: Bool, _ kernelInit: NN.Initializer,
  _ biasInit: NN.Initializer
) -> Variables {
  var p = Params.dict(["kernel": .tensor(kernelInit(key, kernelShape, .float32))])
  if useBias { p["bias"] = .tensor(biasInit(key, [features], .float32)) }
  return Variables(params: p)
}

/// A convolution layer's result: plus the bias, without the batch axis
/// the input did not have.
func convOutput(_ y: Tensor, _ params: Params, useBias: Bool, unbatched: Bool) -> Tensor {
  let out = useBias ? y + params["bias"].tensor : y
  return unbatched ? Lax.squeeze(out, dimensions: [0]) : out
}

/// `[batch, spatial..., features]` / `[spatial..., in, out]` dimension numbers.
func channelsLast(rank: Int) -> ConvDimensionNumbers {
  let spatial = Array(1..<(rank - 1))
  return ConvDimensionNumbers(lhsSpec: [0, rank - 1] + spatial, rhsSpec: [rank - 1, rank - 2] + spatial.map { $0 - 1 }, outSpec: [0, rank - 1] + spatial)
}

func ones(_ n: Int) -> [Int] { Array(repeating: 1, count: n) }

/// `x` with a leading batch axis (added when `x` has none), or nil after
/// reporting an input of the wrong rank.
func withBatch(_ x: Tensor, spatialRank: Int, _ layer: String, _ site: CallSite) -> Tensor? {
  if x.rank == spatialRank + 2 { return x }
  if x.rank == spatialRank + 1 { return Lax.expandDims(x, dimensions: [0]) }
  JAXError.report(JAXError(
    .shape, layer,
    "expects inputs [batch, spatial..., features] with \(spatialRank) spatial dimension(s) (rank \(spatialRank + 2), or \(spatialRank + 1) without the batch), got shape \(x.shape)",
    site: site))
  return nil
}
