// The collectives' public API (`jax.lax.psum`, `pmean`, `all_gather`, ...).
// Each looks its axis name up in the axis environment (bound by
// `vmap(_, axisName:)`, `pmap(_, axisName:)` or a `Distributed` process
// group), fixes the axis size into the primitive and binds it.

extension Lax {
  /// Binds `op` over `axisName` on `x`, or reports an unbound name.
  static func bindCollective(_ op: CollectiveOp, _ x: [Tensor], axisName: String, site: CallSite) -> Tensor {
    guard let n = axisSizeIfBound(axisName) else {
      let c = Collective(op, axisName: axisName, axisSize: 1)
      JAXError.raise(JAXError(.value, c.name, "unbound axis name: '\(axisName)'. Collectives must run inside a "
        + "transformation that binds the name: vmap(f, axisName: \"\(axisName)\"), pmap(f, axisName: \"\(axisName)\") "
        + "or a Distributed process group (names in scope: \(AxisEnv.namesInScope))", site: site))
      return .invalid
    }
    return bind1(.collective(Collective(op, axisName: axisName, axisSize: n)), x, site: site)
  }

  static func axisSizeIfBound(_ name: String) -> Int? { AxisEnv.lookup(name)?.size }

  /// Applies a collective to every leaf of a pytree.
  static func mapLeaves<T: PyTree>(_ x: T, _ f: (Tensor) -> Tensor) -> T {
    let (leaves, def) = treeFlatten(x)
    return treeUnflatten(def, leaves.map(f))
  }

  /// All-reduce sum over the named axis (`jax.lax.psum`), leaf by leaf.
  /// Booleans are summed as int32, as in JAX.
  ///
  /// ```swift
  /// let f = vmap({ (x: Tensor) in Lax.psum(x, axisName: "i") }, axisName: "i")
  /// f(Tensor([1, 2, 3] as [Float]))   // [6, 6, 6]
  /// ```
  public static func psum<T: PyTree>(_ x: T, axisName: String, file: StaticString = #fileID, line: UInt = #line) -> T {
    let site = CallSite(file: file, line: line)
    return mapLeaves(x) { leaf in
      let v = leaf.dtype == .bool ? Lax.convertElementType(leaf, .int32) : leaf
      return bindCollective(.psum, [v], axisName: axisName, site: site)
    }
  }

  /// All-reduce mean over the named axis (`jax.lax.pmean`): `psum` divided
  /// by the axis size (integers become floats, as with `/`).
  ///
  /// ```swift
  /// let grads = Lax.pmean(localGrads, axisName: "batch")   // any pytree
  /// ```
  public static func pmean<T: PyTree>(_ x: T, axisName: String, file: StaticString = #fileID, line: UInt = #line) -> T {
    let site = CallSite(file: file, line: line)
    let n = axisSizeIfBound(axisName) ?? 1
    return mapLeaves(x) { leaf in
      let v = leaf.dtype == .bool ? Lax.convertElementType(leaf, .int32) : leaf
      return bindCollective(.psum, [v], axisName: axisName, site: site) / n
    }
  }

  /// All-reduce maximum over the named axis (`jax.lax.pmax`).
  ///
  /// ```swift
  /// let m = Lax.pmax(x, axisName: "i")
  /// ```
  public static func pmax<T: PyTree>(_ x: T, axisName: String, file: StaticString = #fileID, line: UInt = #line) -> T {
    let site = CallSite(file: file, line: line)
    return mapLeaves(x) { bindCollective(.pmax, [$0], axisName: axisName, site: site) }
  }

  /// All-reduce minimum over the named axis (`jax.lax.pmin`).
  ///
  /// ```swift
  /// let m = Lax.pmin(x, axisName: "i")
  /// ```
  public static func pmin<T: PyTree>(_ x: T, axisName: String, file: StaticString = #fileID, line: UInt = #line) -> T {
    let site = CallSite(file: file, line: line)
    return mapLeaves(x) { bindCollective(.pmin, [$0], axisName: axisName, site: site) }
  }

  /// Gathers every member's `x` (`jax.lax.all_gather`): stacked along a new
  /// axis `axis`, or concatenated along the existing axis `axis` when
  /// `tiled`.
  ///
  /// ```swift
  /// // on 2 members holding [1, 2] and [3, 4]:
  /// Lax.allGather(x, axisName: "i")               // [[1, 2], [3, 4]]
  /// Lax.allGather(x, axisName: "i", tiled: true)  // [1, 2, 3, 4]
  /// ```
  public static func allGather(
    _ x: Tensor, axisName: String, axis: Int = 0, tiled: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let rank = x.rank + (tiled ? 0 : 1)
    let a = axis < 0 ? axis + rank : axis
    return bindCollective(.allGather(dimension: a, tiled: tiled), [x], axisName: axisName, site: CallSite(file: file, line: line))
  }

  /// `psum` of which each member keeps its block along `scatterDimension`
  /// (`jax.lax.psum_scatter`). Not tiled, that axis must have the axis
  /// size and is removed; tiled, it is divided by the axis size.
  ///
  /// ```swift
  /// // 2 members: x has shape [2, 3]; the result has shape [3]
  /// let part = Lax.psumScatter(x, axisName: "i")
  /// ```
  public static func psumScatter(
    _ x: Tensor, axisName: String, scatterDimension: Int = 0, tiled: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let d = scatterDimension < 0 ? scatterDimension + x.rank : scatterDimension
    return bindCollective(.psumScatter(dimension: d, tiled: tiled), [x], axisName: axisName, site: CallSite(file: file, line: line))
  }

  /// Splits `splitAxis` into one chunk per member, sends chunk j to member
  /// j and concatenates the chunks received along `concatAxis`
  /// (`jax.lax.all_to_all`). Not tiled (the default, as in JAX), `splitAxis`
  /// must have the axis size; it is removed and a new axis of that size
  /// appears at `concatAxis`.
  ///
  /// ```swift
  /// // 2 members, x of shape [2, 3] → result of shape [2, 3]
  /// let y = Lax.allToAll(x, axisName: "i", splitAxis: 0, concatAxis: 0)
  /// ```
  public static func allToAll(
    _ x: Tensor, axisName: String, splitAxis: Int, concatAxis: Int, tiled: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    var s = splitAxis < 0 ? splitAxis + x.rank : splitAxis
    var c = concatAxis < 0 ? concatAxis + x.rank : concatAxis
    if tiled { return bindCollective(.allToAll(splitAxis: s, concatAxis: c), [x], axisName: axisName, site: site) }
    let n = axisSizeIfBound(axisName) ?? 0
    if s >= 0 && s < x.rank && x.shape[s] != n && n > 0 {
      JAXError.raise(JAXError(.shape, "all_to_all", "all_to_all requires the size of the mapped axis '\(axisName)' (\(n)) "
        + "to equal x.shape[splitAxis] (\(x.shape[s]), x has shape \(shapeString(x.shape)), splitAxis \(splitAxis))", site: site))
      return .invalid
    }
    // As JAX does: insert the new axis, exchange, then drop the split axis.
    var y = x
    if s < c {
      c += 1
      y = Lax.expandDims(x, dimensions: [c])
    } else if s > c {
      y = Lax.expandDims(x, dimensions: [c])
      s += 1
    }
    let r = bindCollective(.allToAll(splitAxis: s, concatAxis: c), [y], axisName: axisName, site: site)
    return s == c ? r : Lax.squeeze(r, dimensions: [s])
  }

  /// Sends member `source`'s `x` to member `destination` for each pair of
  /// `perm` (`jax.lax.ppermute`); members no pair sends to get zeros.
  ///
  /// ```swift
  /// // a ring shift on n members
  /// let next = Lax.ppermute(x, axisName: "i", perm: (0..<n).map { ($0, ($0 + 1) % n) })
  /// ```
  public static func ppermute(
    _ x: Tensor, axisName: String, perm: [(Int, Int)], file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    bindCollective(.ppermute(perm: perm.map { .init($0.0, $0.1) }), [x], axisName: axisName, site: CallSite(file: file, line: line))
  }

  /// This member's index along the named axis, an int32 scalar
  /// (`jax.lax.axis_index`).
  ///
  /// ```swift
  /// let i = Lax.axisIndex(axisName: "i")   // 0, 1, ... on each member
  /// ```
  public static func axisIndex(axisName: String, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    bindCollective(.axisIndex, [], axisName: axisName, site: CallSite(file: file, line: line))
  }

  /// The size of the named axis (`jax.lax.axis_size`), a Swift `Int`
  /// known while tracing. An unbound name is an error (and gives 0).
  ///
  /// ```swift
  /// let n = Lax.axisSize(axisName: "i")
  /// ```
  public static func axisSize(axisName: String, file: StaticString = #fileID, line: UInt = #line) -> Int {
    if let n = axisSizeIfBound(axisName) { return n }
    JAXError.raise(JAXError(.value, "axis_size", "unbound axis name: '\(axisName)' (names in scope: \(AxisEnv.namesInScope))",
      site: CallSite(file: file, line: line)))
    return 0
  }
}
