import SwiftJAX

/// A pytree with any structure, kept as its structure and leaves: how an
/// optimiser state holds per-parameter buffers (moments, traces) shaped
/// like the parameters whatever their Swift type. It flattens to exactly
/// the parameters' structure, so its leaf paths are the parameters' paths
/// (`.slots['mu'].w1` in a checkpoint).
///
/// ```swift
/// let (leaves, def) = treeFlatten(["w": jnp.array([1.0]), "b": jnp.array([2.0])])
/// let tree = AnyTree(def: def, leaves: leaves.map { $0 * 3 })
/// treeLeaves(tree)[1]  // [3.]
/// ```
public struct AnyTree: PyTree {
  /// The structure (that of the parameters it mirrors).
  public var def: TreeDef
  /// The leaves, in flattening order.
  public var leaves: [Tensor]

  /// A tree of this structure and these leaves (as `treeFlatten` returns them).
  ///
  /// ```swift
  /// let (leaves, def) = treeFlatten(["w": jnp.array([1.0]), "b": jnp.array([2.0])])
  /// let tree = AnyTree(def: def, leaves: leaves.map { -$0 })
  /// treeUnflatten(tree.def, tree.leaves, as: [String: Tensor].self)["b"]!  // [-2.]
  /// ```
  public init(def: TreeDef, leaves: [Tensor]) {
    self.def = def
    self.leaves = leaves
  }

  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    leaves.append(contentsOf: self.leaves)
    return def
  }

  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> AnyTree {
    let n = min(def.leafCount, leaves.count)
    let taken = Array(leaves.prefix(n))
    leaves.removeFirst(n)
    return AnyTree(def: def, leaves: taken)
  }
}

/// The state of a ``GradientTransformation``: a pytree, so it goes through
/// `jit`, `treeMap` and checkpoints like the parameters.
///
/// - `hyperparams`: the numeric hyperparameters (learning rate, betas,
///   epsilons, decays) as float32 scalars. They are leaves, not constants
///   of the compiled step, so reading or changing one never recompiles a
///   jitted train step (what Optax needs `inject_hyperparams` for).
/// - `count`: the step counter (int32) of transformations that need it.
/// - `slots`: per-parameter buffers (`mu`, `nu`, `trace`...), each shaped
///   like the parameters.
/// - `inner`: the states of chained transformations, in order.
///
/// ```swift
/// var state = opt.initialize(params)
/// state.hyperparameter("learning_rate")            // Tensor(0.001)
/// state.setHyperparameter("learning_rate", 1e-4)   // no recompilation
/// ```
public struct OptState: PyTree {
  /// The transformation's name (static structure, e.g. `scale_by_adam`).
  public var name: String
  /// Hyperparameters by name (`learning_rate`, `b1`...), float32 scalars.
  public var hyperparams: [String: Tensor]
  /// The step counter, for transformations that need one.
  public var count: Tensor?
  /// Per-parameter buffers by name (`mu`, `nu`, `trace`...).
  public var slots: [String: AnyTree]
  /// The states of chained transformations, in order.
  public var inner: [OptState]

  /// A state, for custom gradient transformations' `initialize`.
  ///
  /// ```swift
  /// print(OptState(name: "scale_by_half", hyperparams: ["factor": jnp.array(0.5)]).hyperparameter("factor")!)
  /// // 0.5
  /// ```
  public init(name: String, hyperparams: [String: Tensor] = [:], count: Tensor? = nil, slots: [String: AnyTree] = [:], inner: [OptState] = []) {
    self.name = name
    self.hyperparams = hyperparams
    self.count = count
    self.slots = slots
    self.inner = inner
  }

  static let kindPrefix = "OptState:"

  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    let children = [
      hyperparams.flattenTree(into: &leaves), count.flattenTree(into: &leaves),
      slots.flattenTree(into: &leaves), inner.flattenTree(into: &leaves),
    ]
    return .node(kind: Self.kindPrefix + name, keys: ["hyperparams", "count", "slots", "inner"], children: children)
  }

  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> OptState {
    guard case .node(let kind, _, let c) = def, c.count == 4, kind.hasPrefix(kindPrefix) else {
      preconditionFailure("SwiftJAXOptim: tree structure \(def) is not that of an OptState")
    }
    return OptState(
      name: String(kind.dropFirst(kindPrefix.count)),
      hyperparams: [String: Tensor].unflattenTree(c[0], &leaves), count: Tensor?.unflattenTree(c[1], &leaves),
      slots: [String: AnyTree].unflattenTree(c[2], &leaves), inner: [OptState].unflattenTree(c[3], &leaves))
  }

  /// Where this state's per-parameter slots first differ in structure
  /// from `def` (the gradients'), or nil when they all match.
  func firstSlotDifference(from def: TreeDef) -> String? {
    for (key, slot) in slots.sorted(by: { $0.key < $1.key }) {
      if let d = slot.def.firstDifference(from: def, path: "slot \(key)") { return d }
    }
    for s in inner { if let d = s.firstSlotDifference(from: def) { return d } }
    return nil
  }

  /// The first hyperparameter called `name` in this state or a chained
  /// one (depth first), or nil.
  ///
  /// ```swift
  /// let state = Optim.adam(learningRate: 0.01).initialize(["w": jnp.zeros([2])])
  /// state.hyperparameter("learning_rate")!  // 0.01
  /// ```
  public func hyperparameter(_ name: String) -> Tensor? {
    if let h = hyperparams[name] { return h }
    for s in inner { if let h = s.hyperparameter(name) { return h } }
    return nil
  }

  /// Sets every hyperparameter called `name` (here and in chained states)
  /// to `value` (kept float32, so a jitted step is not recompiled).
  /// Returns how many were set. (A learning rate given as a ``Schedule``
  /// is recomputed from the schedule at every step; its `learning_rate`
  /// entry only reports the current value.)
  @discardableResult
  public mutating func setHyperparameter(_ name: String, _ value: Double) -> Int {
    var n = 0
    if hyperparams[name] != nil {
      hyperparams[name] = Tensor(Float(value))
      n += 1
    }
    for i in inner.indices { n += inner[i].setHyperparameter(name, value) }
    return n
  }
}
