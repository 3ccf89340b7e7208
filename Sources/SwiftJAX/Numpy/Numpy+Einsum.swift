// `jnp.einsum`: parses the subscript string, takes diagonals for repeated
// indices, sums out indices used by one operand only, then contracts the
// operands left to right with `dot_general` (batch = indices still needed
// later, contracted = indices needed by neither the output nor later
// operands).

extension Numpy {
  /// `jnp.einsum`: Einstein summation over any number of operands, with
  /// `...` for broadcast dimensions and an implicit output (indices that
  /// appear once, in alphabetical order) when `->` is omitted.
  ///
  /// ```swift
  /// jnp.einsum("ij,jk->ik", a, b)      // matmul
  /// jnp.einsum("ii", m)                // trace
  /// jnp.einsum("...ij,...j->...i", batchOfMatrices, batchOfVectors)
  /// jnp.einsum("ij,jk,kl->il", a, b, c)
  /// ```
  public static func einsum(_ spec: String, _ operands: Tensor..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    einsum(spec, operands, file: file, line: line)
  }

  /// ``einsum(_:_:file:line:)`` with the operands as an array.
  ///
  /// ```swift
  /// jnp.einsum("i,i->", [x, y])   // inner product
  /// ```
  public static func einsum(_ spec: String, _ operands: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if operands.contains(where: \.isInvalid) { return .invalid }
    func bad(_ msg: String) -> Tensor { fail(.value, "einsum", "invalid subscripts '\(spec)': \(msg)", file: file, line: line) }
    let compact = spec.filter { !$0.isWhitespace }
    let sides = compact.components(separatedBy: "->")
    if sides.count > 2 { return bad("'->' may appear at most once") }
    let inputs = sides[0].components(separatedBy: ",")
    if inputs.count != operands.count {
      return bad("\(inputs.count) input term(s) but \(operands.count) operand(s) given")
    }
    // Expand `...` into fresh index characters (uppercase Greek, which
    // cannot clash with user letters), right-aligned across operands.
    let ellipsisChars = Array("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")
    var ellipsisRank = 0
    var terms: [[Character]] = []
    for (t, x) in zip(inputs, operands) {
      let parts = t.components(separatedBy: "...")
      if parts.count > 2 { return bad("'...' may appear at most once per term") }
      let letters = parts.joined()
      if let c = letters.first(where: { !$0.isLetter || !$0.isASCII }) { return bad("'\(c)' is not a valid index (use a-z, A-Z)") }
      if parts.count == 2 {
        let k = x.rank - letters.count
        if k < 0 { return bad("term '\(t)' has more indices than operand dimensions \(shapeString(x.shape))") }
        ellipsisRank = Swift.max(ellipsisRank, k)
        terms.append(Array(parts[0]) + Array(ellipsisChars[(ellipsisChars.count - k)...]) + Array(parts[1]))
      } else {
        if letters.count != x.rank {
          return bad("term '\(t)' has \(letters.count) indices but the operand has \(x.rank) dimensions (shape \(shapeString(x.shape)))")
        }
        terms.append(Array(letters))
      }
    }
    let ell = Array(ellipsisChars[(ellipsisChars.count - ellipsisRank)...])
    // Index sizes must agree everywhere (size-1 ellipsis dims broadcast).
    var size: [Character: Int] = [:]
    for (t, x) in zip(terms, operands) {
      for (c, d) in zip(t, x.shape) {
        if let s = size[c], s != d {
          if ell.contains(c) && (s == 1 || d == 1) { size[c] = Swift.max(s, d); continue }
          return fail(.shape, "einsum", "size of index '\(c)' differs between operands: \(s) vs \(d) in '\(spec)' with shapes \(operands.map { shapeString($0.shape) })", file: file, line: line)
        }
        size[c] = d
      }
    }
    var output: [Character]
    if sides.count == 2 {
      let parts = sides[1].components(separatedBy: "...")
      if parts.count > 2 { return bad("'...' may appear at most once in the output") }
      if let c = parts.joined().first(where: { !$0.isLetter || !$0.isASCII }) { return bad("'\(c)' is not a valid output index") }
      output = parts.count == 2 ? Array(parts[0]) + ell + Array(parts[1]) : Array(parts[0])
      if Set(output).count != output.count { return bad("output index repeated") }
      if let c = output.first(where: { size[$0] == nil }) { return bad("output index '\(c)' does not appear in any input") }
    } else {
      var counts: [Character: Int] = [:]
      for t in terms { for c in t where !ell.contains(c) { counts[c, default: 0] += 1 } }
      output = ell + counts.keys.filter { counts[$0] == 1 }.sorted()
    }

    let xs = promoteDTypes(operands, file: file, line: line)
    var ops: [(Tensor, [Character])] = []
    for (x0, t0) in zip(xs, terms) {
      var (x, t) = (x0, t0)
      // Repeated index within one operand: take the diagonal.
      while let c = t.first(where: { ch in t.filter { $0 == ch }.count > 1 }) {
        let i = t.firstIndex(of: c)!, j = t.lastIndex(of: c)!
        x = diagonal(x, axis1: i, axis2: j, file: file, line: line)
        t = t.enumerated().filter { $0.offset != i && $0.offset != j }.map(\.element) + [c]
      }
      // Broadcast size-1 ellipsis dims up to the common size.
      let target = t.map { size[$0]! }
      if target != x.shape { x = broadcastTo(x, target, file: file, line: line) }
      ops.append((x, t))
    }

    func needed(after k: Int) -> Set<Character> {
      var s = Set(output)
      for (_, t) in ops[(k + 1)...] { s.formUnion(t) }
      return s
    }
    func sumOut(_ x: Tensor, _ t: [Character], keep: Set<Character>) -> (Tensor, [Character]) {
      let drop = t.indices.filter { !keep.contains(t[$0]) }
      if drop.isEmpty { return (x, t) }
      return (Lax.reduceSum(x, axes: drop, file: file, line: line), t.enumerated().filter { !drop.contains($0.offset) }.map(\.element))
    }

    var (acc, at) = ops[0]
    for k in 1..<Swift.max(ops.count, 1) where ops.count > 1 {
      let (y0, yt0) = ops[k]
      let later = needed(after: k)
      // Indices used by only one side and not needed later are summed first.
      (acc, at) = sumOut(acc, at, keep: later.union(yt0))
      let (y, yt) = sumOut(y0, yt0, keep: later.union(at))
      let common = at.filter { yt.contains($0) }
      let batch = common.filter { later.contains($0) }
      let contract = common.filter { !later.contains($0) }
      let dn = DotDimensionNumbers(
        lhsContracting: contract.map { at.firstIndex(of: $0)! }, rhsContracting: contract.map { yt.firstIndex(of: $0)! },
        lhsBatch: batch.map { at.firstIndex(of: $0)! }, rhsBatch: batch.map { yt.firstIndex(of: $0)! })
      acc = Lax.dotGeneral(acc, y, dn, file: file, line: line)
      at = batch + at.filter { !common.contains($0) } + yt.filter { !common.contains($0) }
    }
    (acc, at) = sumOut(acc, at, keep: Set(output))
    return Lax.transpose(acc, output.map { at.firstIndex(of: $0)! }, file: file, line: line)
  }
}
