/// The structure of a pytree with its leaves removed (JAX's `PyTreeDef`).
/// Two trees match when their `TreeDef`s are equal.
///
/// ```swift
/// treeStructure(["a": [jnp.ones([2])], "b": [jnp.ones([3]), jnp.ones([1])]]).leafCount  // 3
/// ```
public indirect enum TreeDef: Hashable, Sendable, CustomStringConvertible {
  /// One tensor.
  case leaf
  /// A `nil` optional (no leaves).
  case none
  /// A container: its kind (e.g. `"Array"`, `"Dict"`, a struct's name),
  /// per-child keys (dictionary keys, field names; empty for arrays), and
  /// the children's structures.
  case node(kind: String, keys: [String], children: [TreeDef])
  /// A static value (no leaves): metadata of a `@PyTree` struct, printed
  /// `static(3)`, or a jit ``Static`` argument, printed `Static<Int>(3)`.
  /// Two structures are equal only if their static values are.
  case staticValue(StaticValue)

  /// Number of leaves.
  public var leafCount: Int {
    switch self {
    case .leaf: 1
    case .none: 0
    case .node(_, _, let children): children.reduce(0) { $0 + $1.leafCount }
    case .staticValue: 0
    }
  }

  public var description: String {
    switch self {
    case .leaf: return "*"
    case .none: return "None"
    case .staticValue(let s): return s.description
    case .node(let kind, let keys, let children):
      if keys.isEmpty { return "\(kind)[" + children.map(\.description).joined(separator: ", ") + "]" }
      return "\(kind){" + zip(keys, children).map { "\($0): \($1)" }.joined(separator: ", ") + "}"
    }
  }

  /// A description of the first place where `self` and `other` differ,
  /// or nil if they are equal: `"at root[1]['w']: Array of 2 children vs Array of 3 children"`.
  ///
  /// ```swift
  /// treeStructure([jnp.ones([2])]).firstDifference(from: treeStructure([jnp.ones([2]), jnp.ones([2])]))   // names root
  /// ```
  public func firstDifference(from other: TreeDef, path: String = "root") -> String? {
    switch (self, other) {
    case (.leaf, .leaf), (.none, .none): return nil
    case (.staticValue(let a), .staticValue(let b)): return a == b ? nil : "at \(path): \(a) vs \(b)"
    case (.node(let k1, let keys1, let c1), .node(let k2, let keys2, let c2)):
      if k1 != k2 { return "at \(path): \(k1) vs \(k2)" }
      if keys1 != keys2 { return "at \(path): keys \(keys1) vs \(keys2)" }
      if c1.count != c2.count { return "at \(path): \(k1) of \(c1.count) children vs \(k2) of \(c2.count) children" }
      for (i, (a, b)) in zip(c1, c2).enumerated() {
        if let d = a.firstDifference(from: b, path: childPath(path, i)) { return d }
      }
      return nil
    default:
      return "at \(path): \(self.shortKind) vs \(other.shortKind)"
    }
  }

  var shortKind: String {
    switch self {
    case .leaf: "a leaf"
    case .none: "None"
    case .node(let k, _, let c): "\(k) of \(c.count) children"
    case .staticValue(let s): s.description
    }
  }
}

/// A nested container of tensors that transformations can flatten to a
/// list of leaves and rebuild (JAX's pytrees).
///
/// `Tensor`, arrays, string-keyed dictionaries and optionals of pytrees
/// conform; so does any struct marked `@PyTree`. Transformations
/// (`grad`, `vmap`, `jit`, `scan`...) accept pytrees of tensors.
///
/// ```swift
/// let params: [String: Tensor] = ["w": w, "b": b]
/// let (leaves, def) = treeFlatten(params)   // [b, w], Dict{b: *, w: *}
/// let back: [String: Tensor] = treeUnflatten(def, leaves)
/// ```
public protocol PyTree {
  /// Appends this tree's leaves, in order, and returns its structure.
  func flattenTree(into leaves: inout [Tensor]) -> TreeDef
  /// Rebuilds a tree of structure `def` from leaves, consuming them from
  /// the front of `leaves`.
  static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> Self
}

/// Flattens a pytree into its leaves and structure (`jax.tree.flatten`).
///
/// ```swift
/// treeFlatten(["w": jnp.array([2.0]), "b": jnp.array([1.0])]).0[0]  // [1.]
/// ```
public func treeFlatten<T: PyTree>(_ tree: T) -> ([Tensor], TreeDef) {
  var leaves: [Tensor] = []
  let def = tree.flattenTree(into: &leaves)
  return (leaves, def)
}

/// Rebuilds a pytree from a structure and leaves (`jax.tree.unflatten`).
/// A leaf count that does not match the structure is a ``JAXError``
/// (`.treeMismatch`); the missing leaves are then invalid tensors.
///
/// ```swift
/// let (leaves, def) = treeFlatten(["a": jnp.array([1.0]), "b": jnp.array([2.0])])
/// treeUnflatten(def, leaves.map { $0 * 10 }, as: [String: Tensor].self)["b"]!  // [20.]
/// ```
public func treeUnflatten<T: PyTree>(
  _ def: TreeDef, _ leaves: [Tensor], as: T.Type = T.self, file: StaticString = #fileID, line: UInt = #line
) -> T {
  if leaves.count != def.leafCount {
    JAXError.raise(JAXError(
      .treeMismatch, "tree_unflatten",
      "tree structure \(def) has \(def.leafCount) leaves but \(leaves.count) were given",
      site: CallSite(file: file, line: line)))
  }
  var slice = leaves[...]
  return T.unflattenTree(def, &slice)
}

/// The leaves of a pytree (`jax.tree.leaves`).
///
/// ```swift
/// treeLeaves(["b": jnp.array([2.0]), "a": jnp.array([1.0])]).count  // 2
/// ```
public func treeLeaves<T: PyTree>(_ tree: T) -> [Tensor] { treeFlatten(tree).0 }

/// The structure of a pytree (`jax.tree.structure`).
///
/// ```swift
/// treeStructure([jnp.zeros([2]), jnp.ones([3])]) == treeStructure([jnp.ones([5]), jnp.zeros([1])])
/// ```
public func treeStructure<T: PyTree>(_ tree: T) -> TreeDef { treeFlatten(tree).1 }

/// Applies `f` to every leaf (`jax.tree.map`).
///
/// ```swift
/// let halved = treeMap({ $0 / 2 }, params)
/// ```
public func treeMap<T: PyTree>(_ f: (Tensor) -> Tensor, _ tree: T) -> T {
  let (leaves, def) = treeFlatten(tree)
  return treeUnflatten(def, leaves.map(f))
}

/// Applies `f` leaf-wise across several trees of the same structure
/// (`jax.tree.map(f, a, b, ...)`); a structural mismatch is a
/// ``JAXError`` naming the first difference.
///
/// ```swift
/// let updated = treeMap({ p, g in p - 0.1 * g }, params, grads)
/// ```
public func treeMap<T: PyTree>(
  _ f: (Tensor, Tensor) -> Tensor, _ a: T, _ b: T, file: StaticString = #fileID, line: UInt = #line
) -> T {
  treeMapN({ f($0[0], $0[1]) }, [a, b], file: file, line: line)
}

/// Applies `f` leaf-wise across three trees of the same structure.
///
/// ```swift
/// let m2 = treeMap({ m, g, b in b * m + (1 - b) * g }, moments, grads, betas)
/// ```
public func treeMap<T: PyTree>(
  _ f: (Tensor, Tensor, Tensor) -> Tensor, _ a: T, _ b: T, _ c: T, file: StaticString = #fileID, line: UInt = #line
) -> T {
  treeMapN({ f($0[0], $0[1], $0[2]) }, [a, b, c], file: file, line: line)
}

/// Applies `f` leaf-wise across any number of trees of one structure.
///
/// ```swift
/// print(treeMapN({ xs in xs[0] + xs[1] * xs[2] }, [["w": jnp.array([1.0])], ["w": jnp.array([2.0])], ["w": jnp.array([3.0])]])["w"]!)
/// // [7.]
/// ```
public func treeMapN<T: PyTree>(
  _ f: ([Tensor]) -> Tensor, _ trees: [T], file: StaticString = #fileID, line: UInt = #line
) -> T {
  precondition(!trees.isEmpty, "treeMapN needs at least one tree")
  let flat = trees.map(treeFlatten)
  let def = flat[0].1
  for (i, (_, d)) in flat.enumerated().dropFirst() {
    if let diff = def.firstDifference(from: d) {
      JAXError.raise(JAXError(.treeMismatch, "tree_map", "tree \(i) has a different structure than tree 0: \(diff)", site: CallSite(file: file, line: line)))
      return treeUnflatten(def, flat[0].0.map { _ in Tensor.invalid })
    }
  }
  let leaves = (0..<flat[0].0.count).map { i in f(flat.map { $0.0[i] }) }
  return treeUnflatten(def, leaves)
}

extension Tensor: PyTree {
  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    leaves.append(self)
    return .leaf
  }
  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> Tensor {
    leaves.popFirst() ?? .invalid
  }
}

extension Array: PyTree where Element: PyTree {
  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    .node(kind: "Array", keys: [], children: map { $0.flattenTree(into: &leaves) })
  }
  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> [Element] {
    guard case .node(_, _, let children) = def else { return [] }
    return children.map { Element.unflattenTree($0, &leaves) }
  }
}

/// Dictionaries flatten in sorted key order, as JAX does.
extension Dictionary: PyTree where Key == String, Value: PyTree {
  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    let keys = self.keys.sorted()
    return .node(kind: "Dict", keys: keys, children: keys.map { self[$0]!.flattenTree(into: &leaves) })
  }
  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> [String: Value] {
    guard case .node(_, let keys, let children) = def else { return [:] }
    var d: [String: Value] = [:]
    for (k, c) in zip(keys, children) { d[k] = Value.unflattenTree(c, &leaves) }
    return d
  }
}

extension Optional: PyTree where Wrapped: PyTree {
  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    switch self {
    case .none: return .none
    case .some(let w): return w.flattenTree(into: &leaves)
    }
  }
  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> Wrapped? {
    if case .none = def { return nil }
    return Wrapped.unflattenTree(def, &leaves)
  }
}

/// Flattening several arguments of a transformed function (a parameter
/// pack of pytrees) into one leaf list with one structure per argument.
///
/// ```swift
/// FlatArguments(jnp.ones([2]), [jnp.zeros([3]), jnp.zeros([1])]).leaves.count  // 3
/// ```
public struct FlatArguments {
  /// Every argument's leaves, concatenated in argument order.
  public var leaves: [Tensor] = []
  /// Each argument's structure.
  public var defs: [TreeDef] = []
  /// Index of each argument's first leaf in `leaves`.
  public var offsets: [Int] = []

  /// Flattens the arguments of a call, as transformations do:
  /// `FlatArguments(w, b).leaves`.
  public init<each A: PyTree>(_ args: repeat each A) {
    for a in repeat each args {
      offsets.append(leaves.count)
      defs.append(a.flattenTree(into: &leaves))
    }
  }

  /// Rebuilds the arguments from (transformed) leaves.
  ///
  /// ```swift
  /// let flat = FlatArguments(jnp.array([1.0, 2.0]), ["b": jnp.array([3.0])])
  /// let (w, params) = flat.unflatten(flat.leaves.map { $0 * 10 }, as: Tensor.self, [String: Tensor].self)
  /// params["b"]!  // [30.]
  /// ```
  public func unflatten<each A: PyTree>(_ leaves: [Tensor], as types: repeat (each A).Type) -> (repeat each A) {
    var slice = leaves[...]
    var i = 0
    func next<T: PyTree>(_ t: T.Type) -> T {
      defer { i += 1 }
      return T.unflattenTree(defs[i], &slice)
    }
    return (repeat next((each A).self))
  }
}
