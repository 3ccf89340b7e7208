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
    let plan: EinsumPlan
    do {
      plan = try EinsumPlan(spec, shapes: operands.map(\.shape))
    } catch let e as EinsumPlan.Problem {
      return fail(e.kind, "einsum", e.message, file: file, line: line)
    } catch {
      preconditionFailure("einsum: unexpected error \(error)")
    }
    let xs = promoteDTypes(operands, file: file, line: line)
    let ops = zip(xs, plan.terms).map { plan.prepared($0, $1, file: file, line: line) }
    return einsumContract(ops, output: plan.output, file: file, line: line)
  }

  /// Contracts the prepared operands left to right with `dot_general`,
  /// then sums and transposes to the output's indices.
  private static func einsumContract(
    _ ops: [(Tensor, [Character])], output: [Character], file: StaticString, line: UInt
  ) -> Tensor {
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
      (acc, at) = einsumPair(acc, at, y, yt, later: later, output: k == ops.count - 1 ? output : nil, file: file, line: line)
    }
    (acc, at) = sumOut(acc, at, keep: Set(output))
    return Lax.transpose(acc, output.map { at.firstIndex(of: $0)! }, file: file, line: line)
  }

  /// One `dot_general` of two operands with their indices: batch over the
  /// common indices needed later, contract the others. As JAX: contracted
  /// names sorted; in the last contraction (`output` given), batch names
  /// in output order, and the operands swapped when that gives the output
  /// order without a transpose.
  private static func einsumPair(
    _ acc: Tensor, _ at: [Character], _ y: Tensor, _ yt: [Character], later: Set<Character>, output: [Character]?,
    file: StaticString, line: UInt
  ) -> (Tensor, [Character]) {
    let common = at.filter { yt.contains($0) }
    let batch = output.map { o in o.filter { common.contains($0) } } ?? common.filter { later.contains($0) }
    let contract = common.filter { !later.contains($0) }.sorted()
    let lhsFree = at.filter { !common.contains($0) }, rhsFree = yt.filter { !common.contains($0) }
    let swap = output.map { o in batch + rhsFree + lhsFree == o && batch + lhsFree + rhsFree != o } ?? false
    let (l, lt, r, rt) = swap ? (y, yt, acc, at) : (acc, at, y, yt)
    let dn = DotDimensionNumbers(
      lhsContracting: contract.map { lt.firstIndex(of: $0)! }, rhsContracting: contract.map { rt.firstIndex(of: $0)! },
      lhsBatch: batch.map { lt.firstIndex(of: $0)! }, rhsBatch: batch.map { rt.firstIndex(of: $0)! })
    let product = Lax.dotGeneral(l, r, dn, preferredElementType: l.dtype, file: file, line: line)
    return (product, batch + (swap ? rhsFree + lhsFree : lhsFree + rhsFree))
  }
}

/// A parsed `einsum` subscript string: each operand's indices (`...`
/// expanded), each index's size and the output's indices.
private struct EinsumPlan {
  /// A subscript string that does not fit the operands.
  struct Problem: Error {
    let kind: JAXError.Kind
    let message: String
  }

  var terms: [[Character]] = []
  /// The indices standing for `...` (uppercase Greek, which cannot clash
  /// with user letters), right-aligned across operands.
  var ell: [Character] = []
  var size: [Character: Int] = [:]
  var output: [Character] = []

  init(_ spec: String, shapes: [[Int]]) throws {
    func bad(_ msg: String) -> Problem { Problem(kind: .value, message: "invalid subscripts '\(spec)': \(msg)") }
    let compact = spec.filter { !$0.isWhitespace }
    let sides = compact.components(separatedBy: "->")
    if sides.count > 2 { throw bad("'->' may appear at most once") }
    let inputs = sides[0].components(separatedBy: ",")
    if inputs.count != shapes.count {
      throw bad("\(inputs.count) input term(s) but \(shapes.count) operand(s) given")
    }
    try parseTerms(inputs, shapes, bad)
    // Index sizes must agree everywhere (size-1 ellipsis dims broadcast).
    for (t, shape) in zip(terms, shapes) {
      for (c, d) in zip(t, shape) {
        if let s = size[c], s != d {
          if ell.contains(c) && (s == 1 || d == 1) { size[c] = Swift.max(s, d); continue }
          throw Problem(kind: .shape, message: "size of index '\(c)' differs between operands: \(s) vs \(d) in '\(spec)' with shapes \(shapes.map { shapeString($0) })")
        }
        size[c] = d
      }
    }
    if sides.count == 2 {
      try parseOutput(sides[1], bad)
    } else {
      var counts: [Character: Int] = [:]
      for t in terms { for c in t where !ell.contains(c) { counts[c, default: 0] += 1 } }
      output = ell + counts.keys.filter { counts[$0] == 1 }.sorted()
    }
  }

  /// The input terms, with `...` expanded into fresh index characters.
  private mutating func parseTerms(_ inputs: [String], _ shapes: [[Int]], _ bad: (String) -> Problem) throws {
    let ellipsisChars = Array("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")
    var ellipsisRank = 0
    for (t, shape) in zip(inputs, shapes) {
      let parts = t.components(separatedBy: "...")
      if parts.count > 2 { throw bad("'...' may appear at most once per term") }
      let letters = parts.joined()
      if let c = letters.first(where: { !$0.isLetter || !$0.isASCII }) { throw bad("'\(c)' is not a valid index (use a-z, A-Z)") }
      if parts.count == 2 {
        let k = shape.count - letters.count
        if k < 0 { throw bad("term '\(t)' has more indices than operand dimensions \(shapeString(shape))") }
        ellipsisRank = Swift.max(ellipsisRank, k)
        terms.append(Array(parts[0]) + Array(ellipsisChars[(ellipsisChars.count - k)...]) + Array(parts[1]))
      } else {
        if letters.count != shape.count {
          throw bad("term '\(t)' has \(letters.count) indices but the operand has \(shape.count) dimensions (shape \(shapeString(shape)))")
        }
        terms.append(Array(letters))
      }
    }
    ell = Array(ellipsisChars[(ellipsisChars.count - ellipsisRank)...])
  }

  /// The explicit output term (after `->`).
  private mutating func parseOutput(_ side: String, _ bad: (String) -> Problem) throws {
    let parts = side.components(separatedBy: "...")
    if parts.count > 2 { throw bad("'...' may appear at most once in the output") }
    if let c = parts.joined().first(where: { !$0.isLetter || !$0.isASCII }) { throw bad("'\(c)' is not a valid output index") }
    output = parts.count == 2 ? Array(parts[0]) + ell + Array(parts[1]) : Array(parts[0])
    if Set(output).count != output.count { throw bad("output index repeated") }
    if let c = output.first(where: { size[$0] == nil }) { throw bad("output index '\(c)' does not appear in any input") }
  }

  /// Operand `x` with indices `t` made ready to contract: the diagonal of
  /// each repeated index taken, size-1 ellipsis dims broadcast.
  func prepared(_ x0: Tensor, _ t0: [Character], file: StaticString, line: UInt) -> (Tensor, [Character]) {
    var (x, t) = (x0, t0)
    while let c = t.first(where: { ch in t.filter { $0 == ch }.count > 1 }) {
      let i = t.firstIndex(of: c)!, j = t.lastIndex(of: c)!
      x = Numpy.diagonal(x, axis1: i, axis2: j, file: file, line: line)
      t = t.enumerated().filter { $0.offset != i && $0.offset != j }.map(\.element) + [c]
    }
    let target = t.map { size[$0]! }
    if target != x.shape { x = Numpy.broadcastTo(x, target, file: file, line: line) }
    return (x, t)
  }
}
