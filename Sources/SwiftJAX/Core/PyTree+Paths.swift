// Human-readable paths to the leaves of a pytree, for error messages
// (JAX's key paths: `['w']` for dict keys, `.field` for struct fields,
// `[0]` for array elements).

extension TreeDef {
  /// The path of child `i` of this node below `path`.
  func childPath(_ path: String, _ i: Int) -> String {
    guard case .node(let kind, let keys, _) = self else { return path }
    if keys.isEmpty || i >= keys.count { return "\(path)[\(i)]" }
    return kind == "Dict" ? "\(path)['\(keys[i])']" : "\(path).\(keys[i])"
  }

  /// The path of every leaf, in flattening order, each starting with `root`.
  ///
  /// ```swift
  /// treeStructure(["b": x, "w": [y, z]]).leafPaths(root: "params")
  /// // ["params['b']", "params['w'][0]", "params['w'][1]"]
  /// ```
  public func leafPaths(root: String = "") -> [String] {
    var out: [String] = []
    func walk(_ d: TreeDef, _ path: String) {
      switch d {
      case .leaf: out.append(path)
      case .none, .staticValue: break
      case .node(_, _, let children):
        for (i, c) in children.enumerated() { walk(c, d.childPath(path, i)) }
      }
    }
    walk(self, root)
    return out
  }
}

/// The leaves of a pytree with their paths (`jax.tree_util.tree_leaves_with_path`).
///
/// ```swift
/// treeLeavesWithPaths(["w": w, "b": b])   // [("['b']", b), ("['w']", w)]
/// ```
public func treeLeavesWithPaths<T: PyTree>(_ tree: T) -> [(path: String, leaf: Tensor)] {
  let (leaves, def) = treeFlatten(tree)
  return Array(zip(def.leafPaths(), leaves)).map { (path: $0, leaf: $1) }
}
