import SwiftJAX

/// A fully connected layer, `x · kernel + bias` over the last axis (Flax's
/// `nn.Dense`, Equinox's `eqx.nn.Linear`). Parameters: `kernel`
/// `[in, features]` (LeCun normal by default, as Flax) and `bias`
/// `[features]` (zeros).
public struct Dense: Layer {
  /// The output size.
  public var features: Int
  /// Whether the layer adds a `bias` parameter.
  public var useBias: Bool
  /// How the `kernel` is initialised (`nn.initializers`).
  public var kernelInit: NN.Initializer
  /// How the `bias` is initialised.
  public var biasInit: NN.Initializer
  let site: CallSite

  /// A dense layer with `features` outputs (the input size comes from the
  /// sample given to `initialize`).
  ///
  /// ```swift
  /// let layer = Dense(10)
  /// let params = layer.initialize(Random.PRNGKey(0), jnp.ones([4, 3]))   // kernel [3, 10], bias [10]
  /// ```
  public init(
    _ features: Int, useBias: Bool = true, kernelInit: @escaping NN.Initializer = nn.initializers.lecunNormal(),
    biasInit: @escaping NN.Initializer = nn.initializers.zeros, file: StaticString = #fileID, line: UInt = #line
  ) {
    self.features = features
    self.useBias = useBias
    self.kernelInit = kernelInit
    self.biasInit = biasInit
    site = CallSite(file: file, line: line)
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    let inFeatures = sample.shape.last ?? 1
    var p = Params.dict(["kernel": .tensor(kernelInit(key, [inFeatures, features], .float32))])
    if useBias { p["bias"] = .tensor(biasInit(key, [features], .float32)) }
    return Variables(params: p)
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    let kernel = params["kernel"].tensor
    guard x.rank >= 1, x.shape.last == kernel.shape[0] else {
      JAXError.report(JAXError(.shape, "Dense", "input of shape \(x.shape) does not end in the kernel's input size \(kernel.shape[0])", site: site))
      return .failed
    }
    let y = jnp.matmul(x, kernel)
    return useBias ? y + params["bias"].tensor : y
  }
}

/// `Linear` is Equinox's name for ``Dense``.
public typealias Linear = Dense

/// A parameter-free layer applying a function (an activation, a reshape):
/// Flax's plain functions inside `nn.Sequential`, Equinox's `nn.Lambda`.
///
/// ```swift
/// Lambda { nn.relu($0) }.apply(.empty, jnp.array([-1.0, 2.0]))  // [0. 2.]
/// ```
public struct Lambda: Layer {
  /// The function applied to the input.
  public var function: (Tensor) -> Tensor
  /// A parameter-free layer: `Lambda { nn.relu($0) }`.
  public init(_ function: @escaping (Tensor) -> Tensor) { self.function = function }
  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables { Variables(params: .empty) }
  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor { function(x) }
}

/// Layers applied in order (Flax's `nn.Sequential`): the parameters and
/// state of layer `i` live under `layers_i`, as in Flax. Keys are split
/// per random layer in order.
///
/// ```swift
/// let model = Sequential(Dense(4), Lambda { nn.relu($0) }, Dense(1))
/// let params = model.initialize(Random.PRNGKey(0), jnp.ones([2, 3]))
/// model.apply(params, jnp.ones([2, 3]))
/// ```
public struct Sequential: Layer {
  /// The layers, applied in order; parameters under `layers_0`, `layers_1`...
  public var layers: [any Layer]
  /// A sequence of layers from an array.
  ///
  /// ```swift
  /// let model = Sequential([Dense(4), Lambda { nn.relu($0) }, Dense(1)])
  /// let params = model.initialize(Random.PRNGKey(0), jnp.ones([2, 3]))
  /// model.apply(params, jnp.ones([2, 3]))
  /// ```
  public init(_ layers: [any Layer]) { self.layers = layers }
  /// A sequence of layers: `Sequential(Dense(128), Lambda { nn.relu($0) }, Dense(10))`.
  public init(_ layers: any Layer...) { self.layers = layers }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    var v = Variables(params: .empty)
    var x = sample
    let keys = Random.split(key, num: max(layers.count, 1))
    for (i, layer) in layers.enumerated() {
      let sub = layer.initVariables(keys[i], x)
      let name = "layers_\(i)"
      if !sub.params.isEmpty { v.params[name] = sub.params }
      if !sub.state.isEmpty { v.state[name] = sub.state }
      // The next layer's sample is this layer's output (eval mode: no key needed).
      x = layer.apply(sub.params, x, state: sub.state, mode: .eval).0
    }
    return v
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    var y = x
    for (i, layer) in layers.enumerated() {
      let name = "layers_\(i)"
      y = context.scoped(name) { layer.apply(params[name], y, context: &$0) }
    }
    return y
  }
}

/// A multilayer perceptron: ``Dense`` layers of the given sizes with
/// `activation` between them (not after the last), Equinox's `nn.MLP`.
/// `MLP([64, 128, 10])` maps 64 features to 10 through one hidden layer
/// of 128. Parameters under `layers_0`, `layers_1`, ... (the Dense layers
/// only, numbered in order).
public struct MLP: Layer {
  /// The input size followed by each Dense layer's output size.
  public var sizes: [Int]
  /// Applied after every Dense layer but the last (ReLU by default).
  public var activation: (Tensor) -> Tensor
  /// Applied after the last Dense layer (identity by default).
  public var finalActivation: (Tensor) -> Tensor
  /// How every Dense layer's `kernel` is initialised.
  public var kernelInit: NN.Initializer

  /// `sizes[0]` is the input size (checked at `initialize`), the rest are
  /// the output sizes of the Dense layers.
  ///
  /// ```swift
  /// let mlp = MLP([3, 16, 2], activation: { nn.gelu($0) })
  /// let params = mlp.initialize(Random.PRNGKey(0), jnp.ones([5, 3]))
  /// mlp.apply(params, jnp.ones([5, 3]))
  /// ```
  public init(
    _ sizes: [Int], activation: @escaping (Tensor) -> Tensor = { nn.relu($0) },
    finalActivation: @escaping (Tensor) -> Tensor = { $0 }, kernelInit: @escaping NN.Initializer = nn.initializers.lecunNormal()
  ) {
    precondition(sizes.count >= 2, "SwiftJAXNN.MLP: give the input size and at least one layer size, got \(sizes)")
    self.sizes = sizes
    self.activation = activation
    self.finalActivation = finalActivation
    self.kernelInit = kernelInit
  }

  var dense: [Dense] { sizes.dropFirst().map { Dense($0, kernelInit: kernelInit) } }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    var p = Params.empty
    let keys = Random.split(key, num: dense.count)
    var inSize = sizes[0]
    for (i, d) in dense.enumerated() {
      p["layers_\(i)"] = d.initialize(keys[i], jnp.zeros([inSize]))
      inSize = d.features
    }
    return Variables(params: p)
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    var y = x
    let layers = dense
    for (i, d) in layers.enumerated() {
      y = d.apply(params["layers_\(i)"], y, context: &context)
      y = i == layers.count - 1 ? finalActivation(y) : activation(y)
    }
    return y
  }
}
