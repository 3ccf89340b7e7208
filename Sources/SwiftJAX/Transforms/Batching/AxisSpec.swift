/// Which axis `vmap` maps, written as a pytree prefix (JAX's `in_axes` /
/// `out_axes`). `nil` (an `AxisSpec?`) means "not mapped", like JAX's
/// `None`.
///
/// - An integer maps that axis (negative counts from the end) of every
///   leaf below it.
/// - An array literal gives one spec per child: per argument at the top
///   level, per element of an array, per field (in order) of a `@PyTree`
///   struct.
/// - A dictionary literal gives one spec per key of a `[String: _]`
///   dictionary or per field name of a `@PyTree` struct (every key, as JAX
///   requires for dicts).
/// - Static-metadata fields of `@PyTree` structs have nothing to map and
///   are left out of both forms.
///
/// ```swift
/// vmap(f, inAxes: 0)                       // axis 0 of every leaf
/// vmap(f, inAxes: [0, nil])                // map argument 0, share argument 1
/// vmap(f, inAxes: [["w": nil, "b": 0], 1]) // per key of a dict argument
/// ```
public indirect enum AxisSpec: Hashable, Sendable, CustomStringConvertible,
  ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  /// Map this axis of every leaf below.
  case axis(Int)
  /// One spec per child, in order.
  case children([AxisSpec?])
  /// One spec per child key (dictionary key or struct field name).
  case fields([String: AxisSpec?])

  /// `0`, `1`, `-1`...: map every leaf of the argument along this axis.
  ///
  /// ```swift
  /// let spec: AxisSpec = 1
  /// vmap({ (x: Tensor) in jnp.sum(x) }, inAxes: spec)(jnp.arange(6).reshape(2, 3))  // [3 5 7]
  /// ```
  public init(integerLiteral value: Int) { self = .axis(value) }
  /// `[0, nil]`: one specification per child (a tuple's elements, an array's
  /// elements); `nil` leaves that child unmapped.
  ///
  /// ```swift
  /// let spec: AxisSpec = [0, nil]
  /// print(vmap({ (x: Tensor, y: Tensor) in x * y }, inAxes: spec)(jnp.arange(3), jnp.array(10)))
  /// // [ 0 10 20]
  /// ```
  public init(arrayLiteral elements: AxisSpec?...) { self = .children(elements) }
  /// `["w": 0, "b": nil]`: one specification per dictionary key or
  /// `@PyTree` field.
  ///
  /// ```swift
  /// let spec: AxisSpec = [["w": 0, "b": nil]]
  /// print(vmap({ (p: [String: Tensor]) in p["w"]! + p["b"]! }, inAxes: spec)(["w": jnp.arange(3), "b": jnp.array(10)]))
  /// // [10 11 12]
  /// ```
  public init(dictionaryLiteral elements: (String, AxisSpec?)...) {
    self = .fields(Dictionary(elements, uniquingKeysWith: { a, _ in a }))
  }

  /// Python spelling, as JAX prints specs: `0`, `(0, None)`, `{'w': 0}`.
  public var description: String {
    func d(_ s: AxisSpec?) -> String { s.map(\.description) ?? "None" }
    switch self {
    case .axis(let a): return "\(a)"
    case .children(let cs): return cs.count == 1 ? "(\(d(cs[0])),)" : "(" + cs.map(d).joined(separator: ", ") + ")"
    case .fields(let fs): return "{" + fs.keys.sorted().map { "'\($0)': \(d(fs[$0]!))" }.joined(separator: ", ") + "}"
    }
  }
}

/// Expands an axis-spec prefix to one entry per leaf of `def`, or
/// describes where the spec does not fit the tree.
///
/// The error names the path (`argument 1['w']`), the spec and the
/// structure found there.
func expandAxisSpec(_ spec: AxisSpec?, over def: TreeDef, path: String) -> Result<[Int?], AxisSpecMismatch> {
  guard let spec else { return .success(Array(repeating: nil, count: def.leafCount)) }
  switch spec {
  case .axis(let a):
    return .success(Array(repeating: a, count: def.leafCount))
  case .children(let specs):
    switch def {
    case .none:
      return .success([])
    case .staticValue where specs.isEmpty:
      return .success([])
    case .node(let kind, _, _) where kind != "Dict" && def.specChildren.count == specs.count:
      var out: [Int?] = []
      for (s, (i, c)) in zip(specs, def.specChildren) {
        switch expandAxisSpec(s, over: c, path: def.childPath(path, i)) {
        case .success(let axes): out += axes
        case .failure(let e): return .failure(e)
        }
      }
      return .success(out)
    default:
      return .failure(AxisSpecMismatch(path: path, spec: spec, def: def))
    }
  case .fields(let specs):
    guard case .node(_, let keys, _) = def else {
      if case .none = def { return .success([]) }
      return .failure(AxisSpecMismatch(path: path, spec: spec, def: def))
    }
    let children = def.specChildren
    guard !keys.isEmpty, Set(children.map { keys[$0.index] }) == Set(specs.keys) else {
      return .failure(AxisSpecMismatch(path: path, spec: spec, def: def))
    }
    var out: [Int?] = []
    for (i, c) in children {
      switch expandAxisSpec(specs[keys[i]]!, over: c, path: def.childPath(path, i)) {
      case .success(let axes): out += axes
      case .failure(let e): return .failure(e)
      }
    }
    return .success(out)
  }
}

extension TreeDef {
  /// The children an axis spec describes: static metadata of `@PyTree`
  /// structs has no leaves to map, so specs leave it out.
  var specChildren: [(index: Int, def: TreeDef)] {
    guard case .node(_, _, let children) = self else { return [] }
    return children.enumerated().filter { if case .staticValue = $0.element { false } else { true } }.map { (index: $0.offset, def: $0.element) }
  }
}

/// Where an axis spec is not a prefix of the value it describes.
struct AxisSpecMismatch: Error {
  let path: String
  let spec: AxisSpec
  let def: TreeDef

  func message(_ what: String) -> String {
    "\(what) specification must be a tree prefix of the corresponding value, got specification "
      + "\(spec) for value tree \(def) at \(path). Use an integer or nil to map or share a whole "
      + "subtree, an array literal with one entry per child, or a dictionary literal with every key."
  }
}
