// Multi-output loop fusion: a fused loop is moved down into a later loop
// over the same shape that reads what it computes or reads the same
// inputs, so one loop writes both loops' outputs. An optimiser step is the
// case in point: Optax computes the first moments of every parameter, then
// every second moment, then every update, so each parameter had three
// loops, each re-reading the gradient and the moments; XLA runs one
// multi-output loop per parameter, and so do we now.
//
// Only sinking, never hoisting: a loop computed later than written reads
// values that were all complete at its original place (each value is
// written once, and an in-place update only ever overwrites a value no one
// else reads), so moving it down changes no result, provided no item in
// between reads what it computes. Moving it up could run it before
// something it reads (a scalar of the bias correction, say) exists.

extension Schedule {
  /// Merges each loop into the first later loop over the same shape that
  /// it may legally join and that is related to it (reads one of its
  /// values at the same element, or shares an array input with it),
  /// repeatedly, then renumbers `rootGroup`. Called after `buildItems`,
  /// before buffers are assigned.
  func mergeSiblingGroups() {
    var k = 0
    while k < items.count {
      guard case .group(let shape, let roots) = items[k], let j = sinkTarget(of: k, shape: shape, roots: roots),
        case .group(_, let later) = items[j]
      else {
        k += 1
        continue
      }
      // The moved loop's roots go first: the later loop may read them at
      // the same element, which the fused loop then finds in registers.
      items[j] = .group(shape: shape, roots: roots + later)
      items.remove(at: k)
    }
    rootGroup = [:]
    for (k, item) in items.enumerated() {
      guard case .group(_, let roots) = item else { continue }
      for r in roots { rootGroup[ObjectIdentifier(eqn(r).outputs[0])] = k }
    }
  }

  /// The item of the loop that loop `k` can move into, if any: the first
  /// later related loop over `shape`, provided no item before it reads
  /// the values of loop `k` and it reads them only at the same element.
  private func sinkTarget(of k: Int, shape: [Int], roots: [Int]) -> Int? {
    let mine = Set(roots.map { ObjectIdentifier(eqn($0).outputs[0]) })
    var myInputs: Set<ObjectIdentifier>? = nil
    for j in (k + 1)..<items.count {
      let (hit, elsewhere) = reads(items[j], mine)
      if case .group(let s, let later) = items[j], s == shape {
        if elsewhere { return nil }
        if hit { return j }
        if myInputs == nil { myInputs = arrayInputs(roots) }
        if !myInputs!.isDisjoint(with: arrayInputs(later)) { return j }
      }
      if hit || elsewhere { return nil }
    }
    return nil
  }

  /// Whether `item` reads any of `values` (loop roots), and whether any
  /// such read is at another element than the one its loop computes.
  private func reads(_ item: Item, _ values: Set<ObjectIdentifier>) -> (hit: Bool, elsewhere: Bool) {
    var hit = false
    var elsewhere = false
    func visit(_ v: Var, _ atIdentity: Bool) {
      guard values.contains(ObjectIdentifier(v)) else { return }
      hit = true
      if !atIdentity { elsewhere = true }
    }
    switch item {
    case .group(_, let roots):
      for r in roots { walkOperandRoots(eqn(r), identity: true, visit) }
    case .small(let i), .opaque(let i):
      for a in eqn(i).inputs { walkRoots(a, identity: false, visit) }
    case .gemmThen(let d, _, let roots):
      for a in eqn(d).inputs { walkRoots(a, identity: false, visit) }
      for r in roots { walkOperandRoots(eqn(r), identity: true, visit) }
    }
    return (hit, elsewhere)
  }

  /// The arrays (not scalars or other small values) that computing
  /// `roots` reads from memory, looking through inlined values.
  private func arrayInputs(_ roots: [Int]) -> Set<ObjectIdentifier> {
    var found = Set<ObjectIdentifier>()
    var seen = Set<ObjectIdentifier>()
    func visit(_ a: Atom) {
      guard case .v(let v) = a, seen.insert(ObjectIdentifier(v)).inserted else { return }
      if isInlined(v) {
        eqn(producer[ObjectIdentifier(v)]!).inputs.forEach(visit)
      } else if !isSmall(v) {
        found.insert(ObjectIdentifier(v))
      }
    }
    for r in roots { eqn(r).inputs.forEach(visit) }
    return found
  }
}
