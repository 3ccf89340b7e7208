import SwiftJAX

// Flax's normalisation layers (flax 0.12.8, flax/linen/normalization.py):
// statistics in float32 with the fast variance E[x²] − E[x]² clipped at
// zero (`use_fast_variance=True`), then (x − mean) · rsqrt(var + ε) · scale
// + bias, with the scale folded into the multiplier as Flax does.

/// Mean and fast variance over `axes` (kept), as Flax's `_compute_stats`.
func stats(_ x: Tensor, axes: [Int]) -> (mean: Tensor, variance: Tensor) {
  let xf = jnp.asarray(x, dtype: .float32)
  let mean = jnp.mean(xf, axis: axes, keepDims: true)
  let meanSq = jnp.mean(jnp.square(xf), axis: axes, keepDims: true)
  return (mean, jnp.maximum(Tensor(Float(0)), meanSq - jnp.square(mean)))
}

/// Flax's `_normalize`: `(x − mean) · rsqrt(var + ε) · scale + bias`.
func normalize(_ x: Tensor, mean: Tensor, variance: Tensor, epsilon: Double, scale: Tensor?, bias: Tensor?) -> Tensor {
  var mul = Lax.rsqrt(variance + Tensor(Float(epsilon)))
  if let scale { mul = mul * scale }
  var y = (jnp.asarray(x, dtype: .float32) - mean) * mul
  if let bias { y = y + bias }
  return y
}

/// Layer normalisation over the last axis (Flax's `nn.LayerNorm`,
/// ε = 1e-6). Parameters `scale` (ones) and `bias` (zeros), `[features]`.
public struct LayerNorm: Layer {
  /// Added to the variance before the square root.
  public var epsilon: Double
  /// Whether the layer learns a `scale`.
  public var useScale: Bool
  /// Whether the layer learns a `bias`.
  public var useBias: Bool
  /// Layer normalisation: `LayerNorm()`, or `LayerNorm(epsilon: 1e-5)`.
  public init(epsilon: Double = 1e-6, useScale: Bool = true, useBias: Bool = true) {
    self.epsilon = epsilon
    self.useScale = useScale
    self.useBias = useBias
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    let f = sample.shape.last ?? 1
    var p = Params.empty
    if useScale { p["scale"] = .tensor(jnp.ones([f], dtype: .float32)) }
    if useBias { p["bias"] = .tensor(jnp.zeros([f], dtype: .float32)) }
    return Variables(params: p)
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    let (m, v) = stats(x, axes: [x.rank - 1])
    return normalize(x, mean: m, variance: v, epsilon: epsilon,
                     scale: useScale ? params["scale"].tensor : nil, bias: useBias ? params["bias"].tensor : nil)
  }
}

/// Root-mean-square normalisation over the last axis (Flax's
/// `nn.RMSNorm`, ε = 1e-6): `x · rsqrt(mean(x²) + ε) · scale`.
public struct RMSNorm: Layer {
  /// Added to the mean square before the square root.
  public var epsilon: Double
  /// Whether the layer learns a `scale`.
  public var useScale: Bool
  /// RMS normalisation: `RMSNorm()`.
  public init(epsilon: Double = 1e-6, useScale: Bool = true) {
    self.epsilon = epsilon
    self.useScale = useScale
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    Variables(params: useScale ? Params(["scale": jnp.ones([sample.shape.last ?? 1], dtype: .float32)]) : .empty)
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    let xf = jnp.asarray(x, dtype: .float32)
    let meanSq = jnp.mean(jnp.square(xf), axis: [x.rank - 1], keepDims: true)
    return normalize(x, mean: Tensor(Float(0)), variance: meanSq, epsilon: epsilon,
                     scale: useScale ? params["scale"].tensor : nil, bias: nil)
  }
}

/// Group normalisation (Flax's `nn.GroupNorm`, 32 groups, ε = 1e-6): the
/// last axis (channels) is split into `numGroups` groups; each example is
/// normalised per group over all its non-batch axes. Inputs are
/// `[batch, ..., channels]`. Parameters `scale` and `bias`, `[channels]`.
public struct GroupNorm: Layer {
  /// The number of channel groups (must divide the channel count).
  public var numGroups: Int
  /// Added to the variance before the square root.
  public var epsilon: Double
  let site: CallSite
  /// Group normalisation: `GroupNorm(numGroups: 8)`.
  public init(numGroups: Int = 32, epsilon: Double = 1e-6, file: StaticString = #fileID, line: UInt = #line) {
    self.numGroups = numGroups
    self.epsilon = epsilon
    site = CallSite(file: file, line: line)
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    let c = sample.shape.last ?? 1
    return Variables(params: Params(["scale": jnp.ones([c], dtype: .float32), "bias": jnp.zeros([c], dtype: .float32)]))
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    guard x.rank >= 2, let c = x.shape.last, c % numGroups == 0 else {
      JAXError.report(JAXError(.shape, "GroupNorm", "input \(x.shape) must be [batch, ..., channels] with channels divisible by \(numGroups) groups", site: site))
      return .failed
    }
    let grouped = jnp.reshape(x, Array(x.shape.dropLast()) + [numGroups, c / numGroups])
    // Statistics over every axis but the batch and group axes.
    let axes = Array(1..<(grouped.rank - 2)) + [grouped.rank - 1]
    let (m, v) = stats(grouped, axes: axes)
    // Back to the input's shape, as Flax broadcasts the statistics.
    let meanFull = jnp.reshape(jnp.broadcastTo(m, grouped.shape), x.shape)
    let varFull = jnp.reshape(jnp.broadcastTo(v, grouped.shape), x.shape)
    return normalize(x, mean: meanFull, variance: varFull, epsilon: epsilon, scale: params["scale"].tensor, bias: params["bias"].tensor)
  }
}

/// Batch normalisation over every axis but the last (Flax's
/// `nn.BatchNorm`: momentum 0.99, ε = 1e-5). Parameters `scale` and
/// `bias`; state `mean` (zeros) and `var` (ones). In `.train` it
/// normalises with the batch statistics and returns the running averages
/// `momentum · old + (1 − momentum) · batch`; in `.eval` it uses the
/// running averages and leaves the state unchanged.
public struct BatchNorm: Layer {
  /// The weight of the old running average in each update.
  public var momentum: Double
  /// Added to the variance before the square root.
  public var epsilon: Double
  /// Batch normalisation: `BatchNorm()`, or `BatchNorm(momentum: 0.9)`.
  public init(momentum: Double = 0.99, epsilon: Double = 1e-5) {
    self.momentum = momentum
    self.epsilon = epsilon
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    let c = sample.shape.last ?? 1
    return Variables(
      params: Params(["scale": jnp.ones([c], dtype: .float32), "bias": jnp.zeros([c], dtype: .float32)]),
      state: Params(["mean": jnp.zeros([c], dtype: .float32), "var": jnp.ones([c], dtype: .float32)]))
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    let axes = Array(0..<(x.rank - 1))
    let scale = params["scale"].tensor, bias = params["bias"].tensor
    guard context.mode.isTraining else {
      return normalize(x, mean: context.state["mean"].tensor, variance: context.state["var"].tensor,
                       epsilon: epsilon, scale: scale, bias: bias)
    }
    let (m, v) = stats(x, axes: axes)
    let mean = jnp.reshape(m, [m.shape.last!]), variance = jnp.reshape(v, [v.shape.last!])
    let mom = Tensor(Float(momentum)), rest = Tensor(Float(1 - momentum))
    context.state = Params([
      "mean": mom * context.state["mean"].tensor + rest * mean,
      "var": mom * context.state["var"].tensor + rest * variance,
    ])
    return normalize(x, mean: m, variance: v, epsilon: epsilon, scale: scale, bias: bias)
  }
}
