import SwiftJAX

/// A tree of named tensors: how layers hold their parameters and their
/// state (Flax's variable collections). A plain pytree, so it goes through
/// `jit`, `grad`, `vmap`, `treeMap`, optimisers and checkpoints as is; its
/// leaf paths are Flax's (`['layers_0']['kernel']`).
///
/// ```swift
/// let params = model.initialize(key, x)
/// params["layers_0"]["kernel"].tensor.shape   // [64, 128]
/// ```
public indirect enum Params: PyTree, CustomStringConvertible {
  /// One tensor.
  case tensor(Tensor)
  /// Named children (sorted by name when flattened, as JAX sorts dict keys).
  case dict([String: Params])

  /// An empty collection (the state of a stateless layer).
  public static let empty = Params.dict([:])

  /// A collection of tensors.
  ///
  /// ```swift
  /// Params(["w": jnp.ones([2])])["w"].tensor  // [1. 1.]
  /// ```
  public init(_ tensors: [String: Tensor]) { self = .dict(tensors.mapValues { .tensor($0) }) }

  /// The child called `name` (an empty collection when absent, so a
  /// stateless sublayer reads an empty state).
  ///
  /// ```swift
  /// let params = Params(["w": jnp.ones([2])])
  /// params["bias"].isEmpty   // true: absent children read as empty
  /// ```
  public subscript(name: String) -> Params {
    get {
      if case .dict(let d) = self, let c = d[name] { return c }
      return .empty
    }
    set {
      var d: [String: Params] = [:]
      if case .dict(let old) = self { d = old }
      d[name] = newValue
      self = .dict(d)
    }
  }

  /// The tensor of a `.tensor` node; reading it from a collection is a
  /// programming error (the layer and its parameters do not match).
  public var tensor: Tensor {
    switch self {
    case .tensor(let t): return t
    case .dict(let d): preconditionFailure("SwiftJAXNN: expected a tensor, found a collection with keys \(d.keys.sorted())")
    }
  }

  /// Whether this is a collection without entries.
  public var isEmpty: Bool {
    switch self {
    case .tensor: return false
    case .dict(let d): return d.isEmpty
    }
  }

  /// Total number of scalar parameters.
  public var count: Int { treeFlatten(self).0.reduce(0) { $0 + $1.shape.reduce(1, *) } }

  public var description: String {
    treeFlatten(self).1.leafPaths().enumerated().map { i, p in "\(p): \(treeFlatten(self).0[i].shape)" }.joined(separator: "\n")
  }

  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    switch self {
    case .tensor(let t): return t.flattenTree(into: &leaves)
    case .dict(let d): return d.flattenTree(into: &leaves)
    }
  }

  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> Params {
    switch def {
    case .leaf: return .tensor(Tensor.unflattenTree(def, &leaves))
    case .none, .node, .staticValue: return .dict([String: Params].unflattenTree(def, &leaves))
    }
  }
}
