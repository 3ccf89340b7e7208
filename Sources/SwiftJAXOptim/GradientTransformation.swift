import SwiftJAX

/// An Optax gradient transformation: `initialize(params) -> state` and
/// `update(grads, state, params) -> (updates, state)`, both pure
/// functions of pytrees, so they run eagerly, under `grad` and inside a
/// jitted train step. Transformations compose with `Optim.chain`.
///
/// ```swift
/// let opt = Optim.adam(learningRate: 1e-3)
/// var state = opt.initialize(params)
/// let (updates, newState) = opt.update(grads, state, params: params)
/// params = Optim.applyUpdates(params, updates)
/// ```
public struct GradientTransformation {
  /// The transformation's name (Optax's function name).
  public let name: String
  /// Builds the state from the parameter leaves and structure.
  let initFn: (_ params: [Tensor], _ def: TreeDef) -> OptState
  /// Maps gradient leaves to update leaves, given the state and (when the
  /// transformation needs them) the parameter leaves.
  let updateFn: (_ updates: [Tensor], _ state: OptState, _ params: [Tensor]?, _ def: TreeDef) -> ([Tensor], OptState)
  /// Whether `update` needs the parameters (weight decay, trust ratio...).
  let needsParams: Bool

  init(
    _ name: String, needsParams: Bool = false, initFn: @escaping ([Tensor], TreeDef) -> OptState,
    updateFn: @escaping ([Tensor], OptState, [Tensor]?, TreeDef) -> ([Tensor], OptState)
  ) {
    self.name = name
    self.initFn = initFn
    self.updateFn = updateFn
    self.needsParams = needsParams
  }

  /// The initial state for `params` (Optax's `init`).
  public func initialize<P: PyTree>(_ params: P) -> OptState {
    let (leaves, def) = treeFlatten(params)
    return initFn(leaves, def)
  }

  /// Transforms `grads` into updates (Optax's `update`). `params` is
  /// required by transformations that read the parameters (weight decay,
  /// LAMB's trust ratio, Adafactor). Missing parameters, or grads, params
  /// and state of different structures, are a `JAXError`
  /// (`.treeMismatch`) naming the first difference and the call site.
  ///
  /// ```swift
  /// let opt = Optim.sgd(learningRate: 0.1)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, state) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params))
  /// updates  // [-0.05  0.1 ]
  /// ```
  public func update<P: PyTree>(
    _ grads: P, _ state: OptState, params: P? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> (P, OptState) {
    let (g, def) = treeFlatten(grads)
    let site = CallSite(file: file, line: line)
    func fail(_ message: String) -> (P, OptState) {
      JAXError.report(JAXError(.treeMismatch, "\(name).update", message, site: site))
      return (treeUnflatten(def, g.map { _ in Tensor.failed }), state)
    }
    var p: [Tensor]? = nil
    if let params {
      let (pl, pdef) = treeFlatten(params)
      if let diff = pdef.firstDifference(from: def) { return fail("params and grads differ in structure: \(diff)") }
      p = pl
    }
    if needsParams && p == nil { return fail("this transformation reads the parameters: call update(grads, state, params: params)") }
    if let diff = state.firstSlotDifference(from: def) {
      return fail("the state was initialised for parameters of another structure: \(diff)")
    }
    let (u, s) = updateFn(g, state, p, def)
    return (treeUnflatten(def, u), s)
  }
}

/// Optax's optimisers, transformations and schedules (the `optax`
/// namespace), for SwiftJAX pytrees.
///
/// ```swift
/// let opt = Optim.chain(Optim.clipByGlobalNorm(1.0), Optim.sgd(learningRate: 0.5))
/// opt.update(jnp.array([3.0, 4.0]), opt.initialize(jnp.zeros([2]))).0  // [-0.3 -0.4]
/// ```
public enum Optim {}

/// `optax`: the spelling ported code uses (`optax.adam(...)`).
public typealias optax = Optim

extension Optim {
  /// A float32 hyperparameter scalar (a state leaf, not a constant).
  static func hp(_ v: Double) -> Tensor { Tensor(Float(v)) }

  /// A zero int32 step counter.
  static func zeroCount() -> Tensor { Tensor(Int32(0)) }

  /// Optax's `safe_increment`: `count + 1`, saturating at the int32 max.
  static func increment(_ c: Tensor) -> Tensor {
    let mx = Tensor(Int32.max)
    return jnp.where(c < mx, c + Tensor(Int32(1)), mx)
  }

  /// Buffers like the parameters, filled with `value` (`tree.full_like`).
  static func full(_ params: [Tensor], _ def: TreeDef, _ value: Double) -> AnyTree {
    AnyTree(def: def, leaves: params.map { jnp.fullLike($0, Tensor(weak: value)) })
  }

  /// Reads a hyperparameter the transformation itself stored.
  static func get(_ s: OptState, _ key: String) -> Tensor {
    guard let v = s.hyperparams[key] else { preconditionFailure("SwiftJAXOptim: \(s.name) state has no hyperparameter \(key)") }
    return v
  }

  /// Reads a slot the transformation itself stored.
  static func slot(_ s: OptState, _ key: String) -> [Tensor] {
    guard let v = s.slots[key] else { preconditionFailure("SwiftJAXOptim: \(s.name) state has no slot \(key)") }
    return v.leaves
  }

  /// A stateless transformation: `f(updates, hyperparams, params)`.
  static func stateless(
    _ name: String, hyper: [String: Double] = [:], needsParams: Bool = false,
    _ f: @escaping ([Tensor], [String: Tensor], [Tensor]?) -> [Tensor]
  ) -> GradientTransformation {
    GradientTransformation(
      name, needsParams: needsParams, initFn: { _, _ in OptState(name: name, hyperparams: hyper.mapValues(hp)) },
      updateFn: { u, s, p, _ in (f(u, s.hyperparams, p), s) })
  }

  /// Applies transformations in sequence (`optax.chain`); the state holds
  /// one inner state per transformation.
  ///
  /// ```swift
  /// let opt = Optim.chain(Optim.clipByGlobalNorm(1.0), Optim.adam(learningRate: 3e-4))
  /// ```
  public static func chain(_ transforms: GradientTransformation...) -> GradientTransformation { chain(transforms) }

  /// ``chain(_:)-(GradientTransformation...)`` of an array.
  public static func chain(_ transforms: [GradientTransformation]) -> GradientTransformation {
    GradientTransformation(
      "chain", needsParams: transforms.contains(where: \.needsParams),
      initFn: { p, d in OptState(name: "chain", inner: transforms.map { $0.initFn(p, d) }) },
      updateFn: { u, s, p, d in
        var updates = u
        var states: [OptState] = []
        for (t, st) in zip(transforms, s.inner) {
          let (nu, ns) = t.updateFn(updates, st, p, d)
          updates = nu
          states.append(ns)
        }
        return (updates, OptState(name: "chain", inner: states))
      })
  }

  /// Adds `updates` to `params` leaf by leaf, keeping each parameter's
  /// dtype (`optax.apply_updates`).
  ///
  /// ```swift
  /// Optim.applyUpdates(jnp.array([1.0, 2.0]), jnp.array([0.5, -0.5]))  // [1.5 1.5]
  /// ```
  public static func applyUpdates<P: PyTree>(_ params: P, _ updates: P, file: StaticString = #fileID, line: UInt = #line) -> P {
    treeMap({ p, u in
      let s = p + u
      return s.dtype == p.dtype ? s : jnp.asarray(s, dtype: p.dtype)
    }, params, updates, file: file, line: line)
  }

  /// The identity transformation (`optax.identity`).
  ///
  /// ```swift
  /// let opt = Optim.identity()
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.5 -1. ]
  /// ```
  public static func identity() -> GradientTransformation { stateless("identity") { u, _, _ in u } }

  /// Multiplies updates by `stepSize` (`optax.scale`).
  ///
  /// ```swift
  /// let opt = Optim.scale(-0.5)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.25  0.5 ]
  /// ```
  public static func scale(_ stepSize: Double) -> GradientTransformation {
    stateless("scale", hyper: ["step_size": stepSize]) { u, h, _ in u.map { h["step_size"]! * $0 } }
  }
}
