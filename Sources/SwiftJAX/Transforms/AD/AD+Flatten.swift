// Bridges between the public API (functions of parameter packs of
// pytrees) and the flat-list cores (`jvpFlat`, `linearizeFlat`). Kept in
// small generic functions: the Swift 6.3 compiler is fragile with pack
// expansions inside nested closures.

/// `f` as a function of the flat leaves of its arguments (whose
/// structures `flat` records); returns the output leaves and structure.
func flatFunction<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R, _ flat: FlatArguments
) -> ([Tensor]) -> ([Tensor], TreeDef) {
  return { leaves in
    let args = flat.unflatten(leaves, as: repeat (each A).self)
    let out = f(repeat each args)
    return treeFlatten(out)
  }
}

/// Like ``flatFunction(_:_:)`` for a function returning (value, aux).
func flatFunctionWithAux<each A: PyTree, Aux: PyTree>(
  _ f: @escaping (repeat each A) -> (Tensor, Aux), _ flat: FlatArguments
) -> ([Tensor]) -> ([Tensor], TreeDef) {
  return { leaves in
    let args = flat.unflatten(leaves, as: repeat (each A).self)
    let (value, aux) = f(repeat each args)
    let (auxLeaves, auxDef) = treeFlatten(aux)
    return ([value] + auxLeaves, auxDef)
  }
}

/// Rebuilds a pack of arguments from leaves.
func unflattenPack<each A: PyTree>(_ flat: FlatArguments, _ leaves: [Tensor]) -> (repeat each A) {
  flat.unflatten(leaves, as: repeat (each A).self)
}

/// The argument index of every leaf.
func argumentIndexOfLeaves(_ flat: FlatArguments) -> [Int] {
  var out: [Int] = []
  for (i, off) in flat.offsets.enumerated() {
    let end = i + 1 < flat.offsets.count ? flat.offsets[i + 1] : flat.leaves.count
    out += [Int](repeating: i, count: end - off)
  }
  return out
}

/// Checks that `tangents` has the structure and leaf types of `primals`
/// (tangents of integer/bool leaves may be anything: they are ignored).
func checkTangentStructure(
  _ primals: FlatArguments, _ tangents: FlatArguments, what: String, op: String, site: CallSite
) -> Bool {
  for (i, (d1, d2)) in zip(primals.defs, tangents.defs).enumerated() {
    if let diff = d1.firstDifference(from: d2) {
      JAXError.raise(JAXError(.treeMismatch, op, "\(what) for argument \(i) has a different structure than the primal: \(diff)", site: site))
      return false
    }
  }
  for (p, t) in zip(primals.leaves, tangents.leaves) where p.dtype.isDifferentiable {
    if p.shape != t.shape || p.dtype != t.dtype {
      JAXError.raise(JAXError(
        .treeMismatch, op,
        "\(what) must have the primal's shape and dtype: primal \(p.aval), \(what) \(t.aval)", site: site))
      return false
    }
  }
  return true
}
