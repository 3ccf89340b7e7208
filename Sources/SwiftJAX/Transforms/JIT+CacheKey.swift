// The key of jit's compilation cache, and the explanation of a miss.

/// What a compiled program is specialised to: the arguments' tree
/// structures (including static values), every leaf's shape, dtype and
/// weak type, the x64 mode, and the sizes of the axis names the traced
/// program looked up (collectives and `Lax.axisSize` bake them in).
struct JITCacheKey: Hashable {
  var defs: [TreeDef]
  var avals: [ShapedArray]
  var x64: Bool
  var axes: [AxisBinding] = []

  /// Says which part of the key differs from `old`, naming the argument.
  func explainDifference(from old: JITCacheKey, offsets: [Int]) -> String {
    if x64 != old.x64 { return "x64 mode changed from \(old.x64) to \(x64)" }
    if axes != old.axes, let why = explainAxes(from: old.axes) { return why }
    if defs.count != old.defs.count { return "the number of arguments changed from \(old.defs.count) to \(defs.count)" }
    for (i, (d, o)) in zip(defs, old.defs).enumerated() where d != o {
      if case .staticValue(let new) = d, case .staticValue(let old) = o {
        return "static argument \(i) changed: \(old.text) → \(new.text)"
      }
      return "argument \(i) has a different tree structure: " + (d.firstDifference(from: o) ?? "\(o) → \(d)")
    }
    for (k, (a, b)) in zip(avals, old.avals).enumerated() where a != b {
      let arg = (offsets.lastIndex { $0 <= k }) ?? 0
      let leaf = k - (offsets.indices.contains(arg) ? offsets[arg] : 0)
      let what = "argument \(arg)" + (defs[arg] == .leaf ? "" : " (leaf \(leaf))")
      if a.shape != b.shape { return "\(what) changed shape: \(b) → \(a)" }
      if a.dtype != b.dtype { return "\(what) changed dtype: \(b.dtype) → \(a.dtype)" }
      return "\(what) changed weak type: \(b.weakType ? "weak" : "strong") \(b) → \(a.weakType ? "weak" : "strong") \(a)"
    }
    return "no difference"
  }

  /// Names the first axis binding that differs from `old`'s, or nil when
  /// the bindings only differ in names neither program could see.
  private func explainAxes(from old: [AxisBinding]) -> String? {
    let before = Dictionary(old.map { ($0.name, $0.size) }, uniquingKeysWith: { a, _ in a })
    for a in axes {
      guard let was = before[a.name] else {
        if a.size == nil { continue }
        return "the function now depends on axis \(a)"
      }
      switch (was, a.size) {
      case (let w?, let n?) where w != n: return "axis '\(a.name)' changed size: \(w) → \(n)"
      case (nil, let n?): return "axis '\(a.name)' is now bound (size \(n)); it was unbound"
      case (let w?, nil): return "axis '\(a.name)' is no longer bound (it had size \(w))"
      case (_, _): continue
      }
    }
    return nil
  }

  var description: String {
    "(" + defs.map(\.description).joined(separator: ", ") + ") with leaves "
      + avals.map { "\($0)\($0.weakType ? "{weak}" : "")" }.joined(separator: ", ")
      + (axes.isEmpty ? "" : " and axes " + axes.map(\.description).joined(separator: ", "))
  }
}
