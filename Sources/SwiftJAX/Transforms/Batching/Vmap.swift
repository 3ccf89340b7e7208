/// Vectorizing map (`jax.vmap`): returns a function that applies `f` to
/// every slice of its arguments along the mapped axes, as one batched
/// computation instead of a loop.
///
/// - Parameters:
///   - f: a function of any number of pytree arguments (tensors, arrays,
///     dictionaries, `@PyTree` structs) returning a pytree.
///   - inAxes: a prefix of the argument list saying which axis of each
///     leaf to map, or `nil` to pass it whole to every example (JAX's
///     `None`). An integer applies to every argument; an array literal has
///     one entry per argument. Negative axes count from the end.
///   - outAxes: where the mapped axis goes in each output leaf (a prefix of
///     the output tree); `nil` returns an output that does not depend on
///     the mapped inputs unbatched.
///   - axisSize: the batch size, required when no argument is mapped and
///     checked against the mapped axes otherwise.
///
/// ```swift
/// func addAndMultiplyScalar(_ x: Tensor, _ y: Tensor, _ scalar: Tensor) -> Tensor {
///   (x + y) * scalar
/// }
/// let out = vmap(addAndMultiplyScalar, inAxes: [0, 0, nil])(x, y, scalar)
///
/// func f(_ x: Tensor, _ y: Tensor) -> Tensor { x + y }
/// vmap(f, inAxes: [0, nil], outAxes: 1)(xs, y)   // xs: [4], y: [2] → [2, 4]
/// ```
///
/// `vmap` composes with the other transformations: `vmap(grad(f))`,
/// `grad(vmap(f))`, nested `vmap`, and `vmap` under `jit`.
///
/// Errors (a mapped axis out of range, mapped axes of different sizes, a
/// spec that does not fit the arguments) are ``JAXError``s naming the
/// arguments, axes and shapes.
public func vmap<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R,
  inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (repeat each A) -> R {
  let site = CallSite(file: file, line: line)
  return { (args: repeat each A) -> R in
    let flat = FlatArguments(repeat each args)
    let (outs, outDef) = vmapFlat(
      { leaves in
        let inner = flat.unflatten(leaves, as: repeat (each A).self)
        return treeFlatten(f(repeat each inner))
      },
      flat.leaves, argDefs: flat.defs, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, site: site)
    return treeUnflatten(outDef, outs)
  }
}

/// `vmap` on flat leaves: the function takes the (per-example) leaves of
/// all arguments and returns its output leaves and structure.
func vmapFlat(
  _ f: ([Tensor]) -> ([Tensor], TreeDef), _ leaves: [Tensor], argDefs: [TreeDef],
  inAxes: AxisSpec?, outAxes: AxisSpec?, axisSize: Int?, site: CallSite
) -> ([Tensor], TreeDef) {
  func fail(_ kind: JAXError.Kind, _ message: String) -> ([Tensor], TreeDef) {
    JAXError.raise(JAXError(kind, "vmap", message, site: site))
    return invalidOutputs(f, leaves)
  }
  let paths = argDefs.enumerated().flatMap { i, d in d.leafPaths(root: "argument \(i)") }

  // Which axis of each leaf is mapped.
  let argsDef = TreeDef.node(kind: "Arguments", keys: [], children: argDefs)
  if case .children(let specs) = inAxes, specs.count != argDefs.count {
    return fail(.value, "inAxes must be an integer, nil, or an array literal with one entry per argument, "
      + "but got \(specs.count) entries (\(inAxes!)) for \(argDefs.count) arguments")
  }
  if case .fields = inAxes {
    return fail(.value, "inAxes must be an integer, nil, or an array literal with one entry per argument, got \(inAxes!)")
  }
  let requested: [Int?]
  switch expandAxisSpec(inAxes, over: argsDef, path: "arguments") {
  case .success(let axes): requested = axes
  case .failure(let e): return fail(.value, e.message("vmap inAxes"))
  }
  var inDims: [Int?] = []
  for (i, (x, a)) in zip(leaves, requested).enumerated() {
    guard let a else {
      inDims.append(nil)
      continue
    }
    guard a >= -x.rank && a < x.rank else {
      let needed = a >= 0 ? a + 1 : -a
      return fail(.axis, "vmap was requested to map \(paths[i]) along axis \(a), which implies that its rank "
        + "should be at least \(needed), but is only \(x.rank) (its shape is \(shapeString(x.shape)))")
    }
    inDims.append(a < 0 ? a + x.rank : a)
  }

  // The batch size: every mapped axis (and axisSize, if given) must agree.
  let mapped = inDims.indices.filter { inDims[$0] != nil }
  let sizes = mapped.map { leaves[$0].shape[inDims[$0]!] }
  if mapped.isEmpty && axisSize == nil {
    return fail(.value, "vmap must have at least one non-nil value in inAxes (or be given an axisSize)")
  }
  if let axisSize, axisSize < 0 { return fail(.value, "axisSize must be non-negative, got \(axisSize)") }
  let size = axisSize ?? sizes[0]
  if sizes.contains(where: { $0 != size }) {
    let described = zip(mapped, sizes).map { i, s in
      (s, "axis \(inDims[i]!) of \(paths[i]) of type \(typeString(leaves[i].aval))")
    }
    return fail(.shape, inconsistentSizesMessage(described, axisSize: axisSize))
  }

  return InterpreterContext.withNewTrace({ BatchTrace(level: $0, axisSize: size) }) { trace in
    let inputs = zip(leaves, inDims).map { trace.box($0, $1) }
    let (outs, outDef) = f(inputs)
    let outAxesPerLeaf: [Int?]
    switch expandAxisSpec(outAxes, over: outDef, path: "output") {
    case .success(let axes): outAxesPerLeaf = axes
    case .failure(let e):
      JAXError.raise(JAXError(.value, "vmap", e.message("vmap outAxes"), site: site))
      return (outs.map { _ in .invalid }, outDef)
    }
    let outPaths = outDef.leafPaths(root: "output")
    var results: [Tensor] = []
    for (i, (out, dst)) in zip(outs, outAxesPerLeaf).enumerated() {
      if out.isInvalid {
        results.append(out)
        continue
      }
      let (value, src) = trace.unbox(out)
      guard let r = moveBatchAxis(value, from: src, to: dst, size: size, path: outPaths[i], site: site) else {
        return (outs.map { _ in .invalid }, outDef)
      }
      results.append(r)
    }
    return (results, outDef)
  }
}

/// Puts the batch axis of an output where `outAxes` asks (JAX's `matchaxis`).
private func moveBatchAxis(_ x: Tensor, from src: Int?, to dst: Int?, size: Int, path: String, site: CallSite) -> Tensor? {
  let c = BatchContext(size: size, site: site)
  let outRank = x.rank + (src == nil ? 1 : 0)
  guard let dst else {
    if src == nil { return x }
    JAXError.raise(JAXError(.value, "vmap", "vmap has mapped output but outAxes is nil for \(path) "
      + "(a value of per-example shape \(shapeString(x.aval.shape.enumerated().filter { $0.offset != src }.map(\.element)))) "
      + "that depends on the mapped inputs); give it an output axis", site: site))
    return nil
  }
  guard dst >= -outRank && dst < outRank else {
    JAXError.raise(JAXError(.axis, "vmap", "outAxes \(dst) for \(path) is out of bounds: the batched output has rank \(outRank)", site: site))
    return nil
  }
  return c.materialize(x, src, at: dst < 0 ? dst + outRank : dst)
}

/// `float32[3,4]`, as JAX's `str_short` spells types in messages.
private func typeString(_ a: ShapedArray) -> String {
  "\(a.dtype.name)[\(a.shape.map(String.init).joined(separator: ","))]"
}

/// JAX's message for mapped axes of different sizes, grouped by size, most
/// common first.
private func inconsistentSizesMessage(_ axes: [(size: Int, what: String)], axisSize: Int?) -> String {
  var groups: [(size: Int, whats: [String])] = []
  for (s, w) in axes {
    if let i = groups.firstIndex(where: { $0.size == s }) { groups[i].whats.append(w) } else { groups.append((s, [w])) }
  }
  groups.sort { $0.whats.count > $1.whats.count }
  var lines = ["vmap got inconsistent sizes for array axes to be mapped:"]
  if let axisSize { lines.append("  * axisSize was given as \(axisSize);") }
  for (k, g) in groups.enumerated() {
    if g.whats.count == 1 {
      lines.append("  * one axis had size \(g.size): \(g.whats[0]);")
    } else {
      let quantifier = k == 0 && axisSize == nil ? "most axes" : "some axes"
      lines.append("  * \(quantifier) (\(g.whats.count) of them) had size \(g.size), e.g. \(g.whats[0]);")
    }
  }
  return String(lines.joined(separator: "\n").dropLast())
}

/// After an error, the outputs `f` would have had, as invalid tensors.
/// The structure comes from tracing `f` abstractly (no computation), so
/// code after the failed `vmap` keeps running in its capture scope.
private func invalidOutputs(_ f: ([Tensor]) -> ([Tensor], TreeDef), _ leaves: [Tensor]) -> ([Tensor], TreeDef) {
  InterpreterContext.withNewTrace(dynamic: true, { StagingTrace(level: $0) }) { trace in
    let (outs, def) = f(leaves.map { trace.newArgument($0.aval) })
    return (outs.map { _ in .invalid }, def)
  }
}
