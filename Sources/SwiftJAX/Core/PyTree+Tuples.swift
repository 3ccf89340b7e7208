// Swift tuples cannot conform to protocols, so APIs that take tuples of
// pytrees (loop carries like `(i, n)`, several operands) are generic over
// parameter packs and use these helpers to flatten and rebuild them.

/// Flattens a tuple of pytrees into leaves and one `Tuple` structure.
///
/// ```swift
/// flattenTuple(jnp.array([1.0]), ["w": jnp.array([2.0])]).0[1]  // [2.]
/// ```
public func flattenTuple<each T: PyTree>(_ values: repeat each T) -> ([Tensor], TreeDef) {
  var leaves: [Tensor] = []
  var defs: [TreeDef] = []
  for v in repeat each values { defs.append(v.flattenTree(into: &leaves)) }
  return (leaves, .node(kind: "Tuple", keys: [], children: defs))
}

/// Rebuilds a tuple of pytrees from a `Tuple` structure made by
/// ``flattenTuple(_:)`` and leaves.
public func unflattenTuple<each T: PyTree>(_ def: TreeDef, _ leaves: [Tensor], as types: repeat (each T).Type) -> (repeat each T) {
  var slice = leaves[...]
  var children: [TreeDef] = []
  if case .node(_, _, let c) = def { children = c }
  var i = 0
  func next<U: PyTree>(_ u: U.Type) -> U {
    defer { i += 1 }
    return U.unflattenTree(i < children.count ? children[i] : .none, &slice)
  }
  return (repeat next((each T).self))
}

/// A pair of pytrees as one pytree: how APIs that take plain generic
/// pytrees accept Swift 2-tuples (tuples cannot conform to protocols).
///
/// ```swift
/// treeLeaves(Tuple2Tree(jnp.array([1.0]), [jnp.array([2.0]), jnp.array([3.0])])).count  // 3
/// ```
public struct Tuple2Tree<A: PyTree, B: PyTree>: PyTree {
  /// The first element.
  public var a: A
  /// The second element.
  public var b: B
  /// A pair as one pytree, e.g. to checkpoint parameters and optimiser
  /// state together: `Checkpoint.save(Tuple2Tree(params, state), to: url)`.
  public init(_ a: A, _ b: B) {
    self.a = a
    self.b = b
  }
  /// The elements as a Swift tuple: `let (params, state) = restored.tuple`.
  public var tuple: (A, B) { (a, b) }
  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    .node(kind: "Tuple", keys: [], children: [a.flattenTree(into: &leaves), b.flattenTree(into: &leaves)])
  }
  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> Tuple2Tree {
    guard case .node(_, _, let c) = def, c.count == 2 else { return Tuple2Tree(A.unflattenTree(.none, &leaves), B.unflattenTree(.none, &leaves)) }
    let a = A.unflattenTree(c[0], &leaves)
    return Tuple2Tree(a, B.unflattenTree(c[1], &leaves))
  }
}

/// A triple of pytrees as one pytree (see ``Tuple2Tree``).
///
/// ```swift
/// print(treeMap({ $0 * 2 }, Tuple3Tree(jnp.array([1.0]), jnp.array([2.0]), jnp.array([3.0]))).c)
/// // [6.]
/// ```
public struct Tuple3Tree<A: PyTree, B: PyTree, C: PyTree>: PyTree {
  /// The first element.
  public var a: A
  /// The second element.
  public var b: B
  /// The third element.
  public var c: C
  /// A triple as one pytree: `Tuple3Tree(params, state, step)`.
  public init(_ a: A, _ b: B, _ c: C) {
    self.a = a
    self.b = b
    self.c = c
  }
  /// The elements as a Swift tuple.
  public var tuple: (A, B, C) { (a, b, c) }
  public func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    .node(kind: "Tuple", keys: [], children: [a.flattenTree(into: &leaves), b.flattenTree(into: &leaves), c.flattenTree(into: &leaves)])
  }
  public static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> Tuple3Tree {
    guard case .node(_, _, let ch) = def, ch.count == 3 else {
      return Tuple3Tree(A.unflattenTree(.none, &leaves), B.unflattenTree(.none, &leaves), C.unflattenTree(.none, &leaves))
    }
    let a = A.unflattenTree(ch[0], &leaves)
    let b = B.unflattenTree(ch[1], &leaves)
    return Tuple3Tree(a, b, C.unflattenTree(ch[2], &leaves))
  }
}

/// A pytree already flattened: its leaves and its structure. How `jit`
/// returns Swift tuples (`jit(valueAndGrad(loss))`): the jitted function
/// returns the tuple flattened (``flattenTuple(_:)``) and the caller
/// rebuilds it with ``unflattenTuple(_:_:as:)``.
struct FlatTree: PyTree {
  var leaves: [Tensor]
  var def: TreeDef
  func flattenTree(into leaves: inout [Tensor]) -> TreeDef {
    leaves.append(contentsOf: self.leaves)
    return def
  }
  static func unflattenTree(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> FlatTree {
    let n = min(def.leafCount, leaves.count)
    defer { leaves.removeFirst(n) }
    return FlatTree(leaves: Array(leaves.prefix(n)), def: def)
  }
}
