// The `@PyTree` macro and the helpers its expansion calls. The macro only
// lists stored properties; these overloads decide, by each property's type,
// whether it is a child pytree or static metadata.

/// Makes a struct a pytree without hand-written flattening code: every
/// stored property becomes a child, in declaration order, keyed by its name.
///
/// - Properties whose type is a pytree (``Tensor``, arrays, `[String: _]`
///   dictionaries, optionals, other `@PyTree` structs) are children whose
///   leaves transformations trace.
/// - Properties of `LosslessStringConvertible` types (`Int`, `Float`,
///   `Double`, `Bool`, `String`...) are **static metadata**: they are kept
///   in the ``TreeDef`` (shown as `static(value)`; the value itself when
///   the type is `Hashable`, else its text), so two instances whose
///   metadata differ have different structures (like fields declared with
///   `pytree_node=False` in Flax, or aux data in JAX's
///   `register_pytree_node`). Under `vmap`/`grad`/`jit` they stay Swift
///   values, usable in Swift `if`s and loops.
/// - A property of any other type is a compile error at the macro.
/// - Computed and `static` properties, and `let` constants with an initial
///   value, are not part of the tree.
///
/// Classes and enums cannot use the macro (their rebuilding is not
/// determined by their stored properties); conform them to ``PyTree`` by
/// hand.
///
/// ```swift
/// @PyTree struct Layer {
///   var weights: Tensor
///   var bias: Tensor
///   var activation: String = "relu"   // static metadata
/// }
/// let layer = Layer(weights: jnp.ones([3, 2]), bias: jnp.zeros([2]))
/// treeStructure(layer)  // Layer{weights: *, bias: *, activation: static(relu)}
/// ```
@attached(
  extension, conformances: PyTree,
  names: named(flattenTree(into:)), named(unflattenTree(_:_:)), named(init(_pyTreeFields:leaves:)))
public macro PyTree() = #externalMacro(module: "SwiftJAXMacros", type: "PyTreeMacro")

/// Flattens a pytree field (used by `@PyTree` expansions).
///
/// ```swift
/// var leaves: [Tensor] = []
/// _ = pyTreeFlattenField(["b": jnp.array([2.0]), "a": jnp.array([1.0])], into: &leaves)
/// leaves[0]  // [1.]
/// ```
@inlinable
public func pyTreeFlattenField<T: PyTree>(_ value: T, into leaves: inout [Tensor]) -> TreeDef {
  value.flattenTree(into: &leaves)
}

/// Records a static-metadata field in the structure (used by `@PyTree`
/// expansions): the value itself, compared by value.
///
/// ```swift
/// var leaves: [Tensor] = []
/// let def = pyTreeFlattenField(3, into: &leaves)
/// "\(def) \(leaves.count)"  // static(3) 0
/// ```
public func pyTreeFlattenField<T: LosslessStringConvertible & Hashable>(_ value: T, into leaves: inout [Tensor]) -> TreeDef {
  .staticValue(StaticValue(value, label: "static"))
}

/// Records a static-metadata field of a type that is not `Hashable` by its
/// text (used by `@PyTree` expansions).
///
/// ```swift
/// struct Celsius: LosslessStringConvertible {   // not Hashable: kept by its text
///   var degrees: Double
///   init(_ degrees: Double) { self.degrees = degrees }
///   init?(_ text: String) { guard let d = Double(text) else { return nil }; degrees = d }
///   var description: String { "\(degrees)" }
/// }
/// var leaves: [Tensor] = []
/// pyTreeFlattenField(Celsius(21.5), into: &leaves)  // static(21.5)
/// ```
public func pyTreeFlattenField<T: LosslessStringConvertible>(_ value: T, into leaves: inout [Tensor]) -> TreeDef {
  .staticValue(StaticValue(value.description, label: "static"))
}

/// Rebuilds a pytree field (used by `@PyTree` expansions).
///
/// ```swift
/// var leaves = [jnp.array([1.0]), jnp.array([2.0])][...]
/// let xs: [Tensor] = pyTreeUnflattenField(treeStructure([jnp.zeros([1]), jnp.zeros([1])]), &leaves)
/// xs[1]  // [2.]
/// ```
@inlinable
public func pyTreeUnflattenField<T: PyTree>(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> T {
  T.unflattenTree(def, &leaves)
}

/// Reads a static-metadata field back from the structure (used by
/// `@PyTree` expansions).
///
/// ```swift
/// var leaves: [Tensor] = [], rest = leaves[...]
/// let steps: Int = pyTreeUnflattenField(pyTreeFlattenField(7, into: &leaves), &rest)
/// steps  // 7
/// ```
public func pyTreeUnflattenField<T: LosslessStringConvertible & Hashable>(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> T {
  guard case .staticValue(let s) = def, let value = s.value.base as? T else {
    // Only reachable by unflattening with the structure of another type:
    // every transformation rebuilds a tree with the TreeDef it flattened.
    preconditionFailure("SwiftJAX: cannot rebuild a static \(T.self) field from tree structure \(def)")
  }
  return value
}

/// Reads a static-metadata field of a type that is not `Hashable` back
/// from its text (used by `@PyTree` expansions).
///
/// ```swift
/// var leaves: [Tensor] = [], rest = leaves[...]
/// let t: Celsius = pyTreeUnflattenField(pyTreeFlattenField(Celsius(-4), into: &leaves), &rest)
/// t.degrees  // -4.0
/// ```
public func pyTreeUnflattenField<T: LosslessStringConvertible>(_ def: TreeDef, _ leaves: inout ArraySlice<Tensor>) -> T {
  guard case .staticValue(let s) = def, let text = s.value.base as? String, let value = T(text) else {
    preconditionFailure("SwiftJAX: cannot rebuild a static \(T.self) field from tree structure \(def)")
  }
  return value
}

/// The children of a `@PyTree` struct's node, checked against the field
/// count (used by `@PyTree` expansions).
///
/// ```swift
/// let def = treeStructure(Affine(scale: jnp.ones([2]), shift: jnp.zeros([2])))
/// pyTreeFieldDefs(def, count: 2, of: "Affine").map(\.leafCount)  // [1, 1]
/// ```
public func pyTreeFieldDefs(_ def: TreeDef, count: Int, of type: String) -> [TreeDef] {
  guard case .node(_, _, let children) = def, children.count == count else {
    preconditionFailure("SwiftJAX: tree structure \(def) is not that of a \(type) (\(count) fields)")
  }
  return children
}
