/// `vmap` of a function of any number of pytree arguments (the general
/// form behind the fixed-arity overloads in `Vmap+Arity.swift`; see
/// `vmap(_:inAxes:outAxes:axisSize:file:line:)` for the
/// parameters).
///
/// Swift 6.3 cannot apply the returned closure in the same expression when
/// its type is a pack expansion (`vmap(f)(x, y, z, w, v, u)` fails to
/// type-check with "pack reference … can only appear in pack expansion"),
/// so for more than five arguments bind it first:
///
/// ```swift
/// let batched = vmap(sixArgumentFunction, inAxes: [0, 0, nil, nil, 0, 1])
/// let out = batched(a, b, c, d, e, f)
/// ```
public func vmap<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R,
  inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil, axisName: String? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (repeat each A) -> R {
  batchedFunction(f, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: CallSite(file: file, line: line))
}

/// The batched version of `f`: flattens the arguments, maps over the leaves
/// and rebuilds the output tree.
func batchedFunction<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R, inAxes: AxisSpec?, outAxes: AxisSpec?, axisSize: Int?, axisName: String?, site: CallSite
) -> (repeat each A) -> R {
  return { (args: repeat each A) -> R in
    let flat = FlatArguments(repeat each args)
    let (outs, outDef) = vmapFlat(
      { leaves in
        let inner = flat.unflatten(leaves, as: repeat (each A).self)
        return treeFlatten(f(repeat each inner))
      },
      flat.leaves, argDefs: flat.defs, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: site)
    return treeUnflatten(outDef, outs)
  }
}

/// `vmap` on flat leaves: the function takes the (per-example) leaves of
/// all arguments and returns its output leaves and structure.
func vmapFlat(
  _ f: ([Tensor]) -> ([Tensor], TreeDef), _ leaves: [Tensor], argDefs: [TreeDef],
  inAxes: AxisSpec?, outAxes: AxisSpec?, axisSize: Int?, axisName: String? = nil, site: CallSite
) -> ([Tensor], TreeDef) {
  func fail(_ kind: JAXError.Kind, _ message: String) -> ([Tensor], TreeDef) {
    JAXError.raise(JAXError(kind, "vmap", message, site: site))
    return invalidOutputs(f, leaves)
  }
  let paths = argDefs.enumerated().flatMap { i, d in d.leafPaths(root: "argument \(i)") }

  let inDims: [Int?]
  switch resolveInAxes(inAxes, leaves, argDefs: argDefs, paths: paths, transform: "vmap") {
  case .success(let dims): inDims = dims
  case .failure(let e): return fail(e.kind, e.message)
  }

  // The batch size: every mapped axis (and axisSize, if given) must agree.
  let mapped = inDims.indices.filter { inDims[$0] != nil }
  let sizes = mapped.map { leaves[$0].shape[inDims[$0]!] }
  if mapped.isEmpty && axisSize == nil {
    return fail(.value, "vmap must have at least one non-nil value in inAxes or axisSize must be specified")
  }
  if let axisSize, axisSize < 0 { return fail(.value, "axisSize must be non-negative, got \(axisSize)") }
  let size = axisSize ?? sizes[0]
  if sizes.contains(where: { $0 != size }) {
    let described = zip(mapped, sizes).map { i, s in
      (s, "axis \(inDims[i]!) of \(paths[i]) of type \(typeString(leaves[i].aval))")
    }
    return fail(.shape, inconsistentSizesMessage(described, axisSize: axisSize, transform: "vmap"))
  }

  return InterpreterContext.withNewTrace({ BatchTrace(level: $0, axisSize: size, axisName: axisName) }) { trace in
    let inputs = zip(leaves, inDims).map { trace.box($0, $1) }
    let (outs, outDef) = trace.withAxisName { f(inputs) }
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

/// The mapped axis of each leaf (nil: not mapped), normalised, from an
/// `inAxes` prefix of the argument list (an array literal has one entry per
/// argument); or the error naming the argument and its shape. Shared by
/// `vmap`, `pmap` and `shardMap`; `transform` names the caller in messages.
func resolveInAxes(
  _ inAxes: AxisSpec?, _ leaves: [Tensor], argDefs: [TreeDef], paths: [String], transform: String
) -> Result<[Int?], JAXError> {
  func fail(_ kind: JAXError.Kind, _ message: String) -> Result<[Int?], JAXError> { .failure(JAXError(kind, transform, message)) }
  let perArgument: [AxisSpec?]
  switch inAxes {
  case .children(let specs):
    if specs.count != argDefs.count {
      return fail(.value, "inAxes must be an integer, nil, or an array literal with one entry per argument, "
        + "but got \(specs.count) entries (\(inAxes!)) for \(argDefs.count) arguments")
    }
    perArgument = specs
  case .fields:
    return fail(.value, "inAxes must be an integer, nil, or an array literal with one entry per argument, got \(inAxes!)")
  case .axis, nil:
    perArgument = Array(repeating: inAxes, count: argDefs.count)
  }
  var requested: [Int?] = []
  for (i, (spec, def)) in zip(perArgument, argDefs).enumerated() {
    switch expandAxisSpec(spec, over: def, path: "argument \(i)") {
    case .success(let axes): requested += axes
    case .failure(let e): return fail(.value, e.message("\(transform) inAxes"))
    }
  }
  var inDims: [Int?] = []
  for (i, (x, a)) in zip(leaves, requested).enumerated() {
    guard let a else {
      inDims.append(nil)
      continue
    }
    guard a >= -x.rank && a < x.rank else {
      let needed = a >= 0 ? a + 1 : -a
      return fail(.axis, "\(transform) was requested to map \(paths[i]) along axis \(a), which implies that its rank "
        + "should be at least \(needed), but is only \(x.rank) (its shape is \(shapeString(x.shape)))")
    }
    inDims.append(a < 0 ? a + x.rank : a)
  }
  return .success(inDims)
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
func typeString(_ a: ShapedArray) -> String {
  "\(a.dtype.name)[\(a.shape.map(String.init).joined(separator: ","))]"
}

/// JAX's message for mapped axes of different sizes, grouped by size, most
/// common first.
func inconsistentSizesMessage(_ axes: [(size: Int, what: String)], axisSize: Int?, transform: String) -> String {
  var groups: [(size: Int, whats: [String])] = []
  for (s, w) in axes {
    if let i = groups.firstIndex(where: { $0.size == s }) { groups[i].whats.append(w) } else { groups.append((s, [w])) }
  }
  groups.sort { $0.whats.count > $1.whats.count }
  var lines = ["\(transform) got inconsistent sizes for array axes to be mapped:"]
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
