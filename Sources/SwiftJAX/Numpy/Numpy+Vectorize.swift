import Foundation

// `jnp.vectorize`: a function on scalars (or on core dimensions named by a
// generalized-ufunc signature such as "(n),(n)->()") lifted to broadcast
// over leading dimensions with nested vmaps, as JAX does: size-1 and
// missing broadcast dimensions are not mapped (vmap with nil) but
// squeezed and expanded back, so no argument is materialised at the full
// broadcast shape.

extension Numpy {
  /// `jnp.vectorize`: `f` written for single elements (or for the core
  /// dimensions of `signature`) applied across all leading dimensions of
  /// its arguments, broadcast together NumPy-style, via `vmap`.
  ///
  /// Arguments whose positions are in `excluded` are passed to `f`
  /// unchanged. With a `signature` like `"(m,n),(n)->(m)"` (no spaces,
  /// as in JAX) each argument's trailing dimensions are its core
  /// dimensions, named sizes must agree, and `f`'s outputs are checked
  /// against the output core dimensions.
  ///
  /// ```swift
  /// let dot = jnp.vectorize({ xs in [jnp.sum(xs[0] * xs[1])] }, signature: "(n),(n)->()")
  /// dot([jnp.ones([4, 3]), jnp.ones([3])])   // [[3, 3, 3, 3]]: shape [4]
  /// ```
  ///
  /// - Parameters:
  ///   - f: the function of the per-element (or per-core) arguments,
  ///     returning one or more outputs.
  ///   - excluded: positions of arguments passed through unvectorized.
  ///   - signature: a generalized universal function signature, or nil
  ///     for scalar cores and outputs of any shape.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func vectorize(
    _ f: @escaping ([Tensor]) -> [Tensor], excluded: Set<Int> = [], signature: String? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> ([Tensor]) -> [Tensor] {
    return { args in
      Vectorized(f: f, excluded: excluded, signature: signature, file: file, line: line).apply(args)
    }
  }
}

/// One application of a vectorized function (JAX's `vectorize.wrapped`).
struct Vectorized {
  let f: ([Tensor]) -> [Tensor]
  let excluded: Set<Int>
  let signature: String?
  let file: StaticString
  let line: UInt

  var context: String { "on vectorized function with excluded=\(excluded.sorted()) and signature=\(signature.map { "'\($0)'" } ?? "None")" }

  func fail(_ kind: JAXError.Kind, _ message: String, outputs: Int = 1) -> [Tensor] {
    Numpy.report(kind, "vectorize", "\(message) \(context)", file: file, line: line)
    return [Tensor](repeating: .invalid, count: outputs)
  }

  func apply(_ args: [Tensor]) -> [Tensor] {
    if let bad = excluded.first(where: { $0 < 0 }) { return fail(.value, "excluded contains a negative position (\(bad))") }
    let dynamicIndices = args.indices.filter { !excluded.contains($0) }
    let dynamic = dynamicIndices.map { args[$0] }
    if dynamic.contains(where: \.isInvalid) { return [.invalid] }
    var inCore = [[String]](repeating: [], count: dynamic.count)
    var outCore: [[String]]?
    if let signature {
      guard let parsed = GufuncSignature.parse(signature) else { return fail(.value, "not a valid gufunc signature: \(signature)") }
      (inCore, outCore) = (parsed.inputs, parsed.outputs)
    }
    if inCore.count != dynamic.count {
      return fail(.value, "wrong number of positional arguments: expected \(inCore.count), got \(dynamic.count)", outputs: outCore?.count ?? 1)
    }
    var sizes: [String: Int] = [:]
    var noncore: [[Int]] = []
    for (x, core) in zip(dynamic, inCore) {
      if x.rank < core.count {
        return fail(.shape, "input with shape \(shapeString(x.shape)) does not have enough dimensions for all core dimensions \(core)", outputs: outCore?.count ?? 1)
      }
      if let problem = GufuncSignature.update(&sizes, Array(x.shape.suffix(core.count)), core) { return fail(.shape, problem, outputs: outCore?.count ?? 1) }
      noncore.append(Array(x.shape.prefix(x.rank - core.count)))
    }
    guard let shape = GufuncSignature.broadcast(noncore) else {
      return fail(.shape, "incompatible shapes for broadcasting: \(noncore.map { shapeString($0) }.joined(separator: ", "))", outputs: outCore?.count ?? 1)
    }
    return mapped(args, dynamicIndices, dynamic, noncore, shape, checked(sizes, outCore))
  }

  /// `f` with the excluded arguments put back and (with a signature) its
  /// outputs checked against the output core dimensions.
  func checked(_ sizes: [String: Int], _ outCore: [[String]]?) -> ([Tensor], [Tensor], [Int]) -> [Tensor] {
    return { all, dyn, dynIndices in
      var full = all
      for (k, i) in dynIndices.enumerated() { full[i] = dyn[k] }
      let out = f(full)
      guard let outCore else { return out }
      if out.count != outCore.count {
        Numpy.report(.value, "vectorize", "wrong number of output arguments: expected \(outCore.count), got \(out.count) \(context)", file: file, line: line)
        return out
      }
      var s = sizes
      for (y, core) in zip(out, outCore) {
        if y.rank != core.count {
          Numpy.report(.shape, "vectorize", "output shape \(shapeString(y.shape)) does not match core dimensions \(core) \(context)", file: file, line: line)
        } else if let problem = GufuncSignature.update(&s, y.shape, core) {
          Numpy.report(.shape, "vectorize", "\(problem) \(context)", file: file, line: line)
        }
      }
      return out
    }
  }

  /// Nested vmaps over the broadcast dimensions (innermost: the last),
  /// unmapping size-1 dimensions, then the all-unmapped ones expanded.
  func mapped(
    _ args: [Tensor], _ dynIndices: [Int], _ dynamic: [Tensor], _ noncore: [[Int]], _ shape: [Int],
    _ body: @escaping ([Tensor], [Tensor], [Int]) -> [Tensor]
  ) -> [Tensor] {
    let filled = noncore.map { [Int](repeating: 1, count: shape.count - $0.count) + $0 }
    let squeezed = zip(dynamic, noncore).map { x, nc -> Tensor in
      let ones = nc.indices.filter { nc[$0] == 1 }
      return ones.isEmpty ? x : Lax.squeeze(x, dimensions: ones, file: file, line: line)
    }
    var fn: ([Tensor]) -> [Tensor] = { dyn in body(args, dyn, dynIndices) }
    var expand: [Int] = []
    for d in stride(from: shape.count - 1, through: 0, by: -1) {
      let axes: [AxisSpec?] = filled.map { $0[d] == 1 ? nil : .axis(0) }
      if axes.allSatisfy({ $0 == nil }) {
        expand.append(d)
        continue
      }
      let inner = fn
      fn = vmap(inner, inAxes: .children([.children(axes)]), file: file, line: line)
    }
    let out = fn(squeezed)
    if expand.isEmpty { return out }
    return out.map { Numpy.expandDims($0, axis: expand.sorted(), file: file, line: line) }
  }
}

/// Parsing and checking of generalized-ufunc signatures.
enum GufuncSignature {
  /// `"(m,n),(n)->(m)"` → ([["m", "n"], ["n"]], [["m"]]); nil unless it
  /// matches JAX's pattern (names are `\w+`, no spaces).
  static func parse(_ s: String) -> (inputs: [[String]], outputs: [[String]])? {
    let halves = s.components(separatedBy: "->")
    guard halves.count == 2, let i = argumentList(halves[0]), let o = argumentList(halves[1]) else { return nil }
    return (i, o)
  }

  /// `(a,b),(c)` → [["a", "b"], ["c"]].
  static func argumentList(_ s: String) -> [[String]]? {
    var out: [[String]] = []
    var rest = Substring(s)
    while true {
      guard rest.first == "(", let close = rest.firstIndex(of: ")") else { return nil }
      let inner = rest[rest.index(after: rest.startIndex)..<close]
      let names = inner.isEmpty ? [] : inner.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let word = { (n: String) in !n.isEmpty && n.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" } }
      guard names.allSatisfy(word) else { return nil }
      out.append(names)
      rest = rest[rest.index(after: close)...]
      if rest.isEmpty { return out }
      guard rest.first == "," else { return nil }
      rest = rest.dropFirst()
    }
  }

  /// Records (or checks) the sizes of `core`'s named dimensions; the
  /// problem, or nil.
  static func update(_ sizes: inout [String: Int], _ coreShape: [Int], _ core: [String]) -> String? {
    for (name, size) in zip(core, coreShape) {
      if let known = sizes[name], known != size { return "inconsistent size for core dimension '\(name)': \(size) vs \(known)" }
      sizes[name] = size
    }
    return nil
  }

  /// NumPy broadcasting of shapes; nil when incompatible.
  static func broadcast(_ shapes: [[Int]]) -> [Int]? {
    let rank = shapes.map(\.count).max() ?? 0
    var out = [Int](repeating: 1, count: rank)
    for s in shapes {
      for (k, d) in s.enumerated() {
        let j = rank - s.count + k
        if out[j] == 1 { out[j] = d } else if d != 1 && d != out[j] { return nil }
      }
    }
    return out
  }
}
