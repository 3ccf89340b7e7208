import SwiftJAX

/// Whether a layer runs for training or for inference: the one switch
/// that changes BatchNorm (batch statistics and updated running averages
/// vs the running averages) and Dropout (random mask vs identity).
///
/// ```swift
/// let dropout = Dropout(0.5)
/// let (y, _) = dropout.apply(.empty, jnp.ones([4]), state: .empty, mode: .train(key: Random.PRNGKey(0)))
/// dropout.apply(.empty, y)   // .eval: the identity
/// ```
public enum Mode {
  /// Inference: deterministic, state read but never changed.
  case eval
  /// Training: Dropout draws its masks from `key` (split per layer);
  /// BatchNorm normalises with batch statistics and updates its state.
  case train(key: Tensor?)

  /// Training without randomness (a model without Dropout).
  public static var train: Mode { .train(key: nil) }

  /// Whether this is training.
  public var isTraining: Bool {
    switch self {
    case .eval: return false
    case .train: return true
    }
  }
}

/// What flows through `apply` besides the input: the mode, the random key
/// still to be split, and the layer's state. Layers read their state from
/// `state` and, in training, write the new state back; containers scope
/// it per sublayer. It lives only for one `apply`: state goes in and comes
/// out as explicit values.
///
/// ```swift
/// struct Scale: Layer {   // a layer of one parameter
///   func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables { Variables(params: Params(["s": jnp.full([1], 2.0)])) }
///   func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor { x * params["s"].tensor }
/// }
/// let params = Scale().initialize(Random.PRNGKey(0), jnp.ones([2]))
/// var context = Context(mode: .eval, state: .empty)
/// Scale().apply(params, jnp.array([1.0, 3.0]), context: &context)  // [2. 6.]
/// ```
public struct Context {
  /// Training or inference.
  public var mode: Mode
  /// This layer's state collection (BatchNorm's `mean` and `var`).
  public var state: Params
  var key: Tensor?

  /// A context for one `apply` in `mode`, with the layer's `state`.
  ///
  /// ```swift
  /// var context = Context(mode: .train(key: Random.PRNGKey(0)), state: .empty)
  /// Dropout(0.5).apply(.empty, jnp.ones([4]), context: &context)
  /// ```
  public init(mode: Mode, state: Params) {
    self.mode = mode
    self.state = state
    if case .train(let k) = mode { key = k }
  }

  /// A fresh key for a random layer (split from the training key), or nil
  /// when training was started without a key.
  ///
  /// ```swift
  /// var context = Context(mode: .train(key: Random.PRNGKey(0)), state: .empty)
  /// let key = context.nextKey()!   // split from the training key
  /// Random.uniform(key, shape: [2])  // [0.00729382 0.02089119]
  /// ```
  public mutating func nextKey() -> Tensor? {
    guard let k = key else { return nil }
    let (next, sub) = Random.split(k)
    key = next
    return sub
  }

  /// Runs `body` with the state scoped to the child `name`, then stores the
  /// child's new state back under that name (when it has one).
  ///
  /// ```swift
  /// var context = Context(mode: .eval, state: .dict(["block": Params(["mean": jnp.zeros([2])])]))
  /// context.scoped("block") { child in child.state["mean"].tensor }  // [0. 0.]
  /// ```
  public mutating func scoped<R>(_ name: String, _ body: (inout Context) -> R) -> R {
    var child = self
    child.state = state[name]
    let r = body(&child)
    key = child.key
    if !child.state.isEmpty { state[name] = child.state }
    return r
  }
}

/// A layer, in the spirit of Flax and Equinox: a value holding only its
/// hyperparameters (sizes, epsilons, activations). Parameters and state
/// are separate pytrees (``Params``), created by ``initialize(_:_:)`` and
/// ``initialState(_:_:)`` and passed to `apply` explicitly, so a layer
/// works unchanged under `jit`, `grad` and `vmap`.
///
/// ```swift
/// let model = MLP([64, 128, 10])
/// let params = model.initialize(Random.PRNGKey(0), x)
/// let logits = model.apply(params, x)
/// ```
public protocol Layer {
  /// Parameters and initial state for inputs shaped like `sample` (Flax's
  /// `init`; a container propagates the sample through its layers).
  func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables
  /// The forward pass: reads `params`, the mode, keys and state from
  /// `context`, and writes the new state (in training) back to it.
  func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor
}

/// Parameters and state together (Flax's `{'params': ..., 'batch_stats': ...}`).
///
/// ```swift
/// let variables = BatchNorm().initVariables(Random.PRNGKey(0), jnp.ones([4, 3]))
/// variables.state["mean"].tensor  // [0. 0. 0.]
/// ```
@PyTree public struct Variables {
  /// The trainable parameters (Flax's `params` collection).
  public var params: Params
  /// The non-trainable state, such as BatchNorm's running statistics
  /// (Flax's `batch_stats`); empty for most layers.
  public var state: Params
  /// Parameters and (by default empty) state.
  ///
  /// ```swift
  /// let variables = Variables(params: Params(["w": jnp.ones([2])]))
  /// variables.params["w"].tensor  // [1. 1.]
  /// ```
  public init(params: Params, state: Params = .empty) {
    self.params = params
    self.state = state
  }
}

extension Layer {
  /// The initial parameters for inputs shaped like `sample`.
  public func initialize(_ key: Tensor, _ sample: Tensor) -> Params { initVariables(key, sample).params }

  /// The initial state for inputs shaped like `sample` (empty for stateless models).
  ///
  /// ```swift
  /// BatchNorm().initialState(Random.PRNGKey(0), jnp.ones([4, 3]))["var"].tensor  // [1. 1. 1.]
  /// ```
  public func initialState(_ key: Tensor, _ sample: Tensor) -> Params { initVariables(key, sample).state }

  /// Inference with parameters only (for models without state).
  public func apply(_ params: Params, _ x: Tensor) -> Tensor {
    var c = Context(mode: .eval, state: .empty)
    return apply(params, x, context: &c)
  }

  /// The forward pass with explicit state and mode; returns the output and
  /// the new state (unchanged in `.eval`).
  ///
  /// ```swift
  /// let (y, newState) = model.apply(params, x, state: state, mode: .train(key: k))
  /// let yEval = model.apply(params, x, state: newState, mode: .eval).0
  /// ```
  public func apply(_ params: Params, _ x: Tensor, state: Params, mode: Mode) -> (Tensor, Params) {
    var c = Context(mode: mode, state: state)
    let y = apply(params, x, context: &c)
    return (y, c.state)
  }
}
