// Public `jvp`, `linearize` and `vjp` over parameter packs of pytrees.

/// `jax.jvp`: evaluates `f` at `primals` and its directional derivative
/// along `tangents` (forward mode), in one pass.
///
/// ```swift
/// let (y, dy) = jvp({ (x: Tensor) in Lax.sin(x) }, primals: x, tangents: t)
/// let (z, dz) = jvp({ (a: Tensor, b: Tensor) in a * b }, primals: (a, b), tangents: (ta, tb))
/// ```
/// Tangents have the primals' structure, shapes and dtypes (tangents of
/// integer/bool arguments are ignored; integer/bool outputs get the
/// float0 stand-in, see ``float0Zeros(shape:)``).
public func jvp<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R, primals: (repeat each A), tangents: (repeat each A),
  file: StaticString = #fileID, line: UInt = #line
) -> (R, R) {
  let site = CallSite(file: file, line: line)
  let p = FlatArguments(repeat each primals)
  let t = FlatArguments(repeat each tangents)
  let g = flatFunction(f, p)
  var outDef: TreeDef = .none
  guard checkTangentStructure(p, t, what: "tangent", op: "jvp", site: site) else {
    let (o, d) = g(p.leaves)
    return (treeUnflatten(d, o), treeUnflatten(d, o.map { _ in .invalid }))
  }
  let (outs, ts) = jvpFlat({ let (o, d) = g($0); outDef = d; return o }, primals: p.leaves, tangents: t.leaves.map { $0 })
  return (treeUnflatten(outDef, outs), treeUnflatten(outDef, zip(ts, outs).map { instantiateTangent($0, $1.aval) }))
}

/// `jax.linearize`: the value of `f` at `primals` and its linear tangent
/// map there (a staged linear program, so evaluating it many times does
/// not re-run `f`).
///
/// ```swift
/// let (y, fJvp) = linearize({ (x: Tensor) in Lax.sin(x) * x }, x)
/// let dy = fJvp(t)      // == jvp(f, primals: x, tangents: t).1
/// ```
public func linearize<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R, _ primals: repeat each A,
  file: StaticString = #fileID, line: UInt = #line
) -> (R, (repeat each A) -> R) {
  let site = CallSite(file: file, line: line)
  let p = FlatArguments(repeat each primals)
  let g = flatFunction(f, p)
  var outDef: TreeDef = .none
  let (outs, lin) = linearizeFlat({ let (o, d) = g($0); outDef = d; return o }, p.leaves)
  let od = outDef
  return (treeUnflatten(od, outs), linearApply(lin, p, od, site))
}

func linearApply<each A: PyTree, R: PyTree>(
  _ lin: LinearMap, _ p: FlatArguments, _ outDef: TreeDef, _ site: CallSite
) -> (repeat each A) -> R {
  return { (tangents: repeat each A) -> R in
    let t = FlatArguments(repeat each tangents)
    guard checkTangentStructure(p, t, what: "tangent", op: "linearize", site: site) else {
      return treeUnflatten(outDef, lin.outAvals.map { _ in .invalid })
    }
    return treeUnflatten(outDef, lin.apply(t.leaves.map { $0 }))
  }
}

/// `jax.vjp`: the value of `f` at `primals` and its pullback, mapping an
/// output cotangent (the output's structure) to argument cotangents.
///
/// ```swift
/// let (y, pullback) = vjp({ (a: Tensor, b: Tensor) in a * b }, a, b)
/// let (ga, gb) = pullback(ct)   // ct: the output's shape and dtype
/// ```
/// Integer and bool arguments get the float0 stand-in (bool zeros of
/// their shape, ``float0Zeros(shape:)``), as JAX gives float0 zeros.
public func vjp<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R, _ primals: repeat each A,
  file: StaticString = #fileID, line: UInt = #line
) -> (R, (R) -> (repeat each A)) {
  let site = CallSite(file: file, line: line)
  let p = FlatArguments(repeat each primals)
  let g = flatFunction(f, p)
  var outDef: TreeDef = .none
  let (outs, lin) = linearizeFlat({ let (o, d) = g($0); outDef = d; return o }, p.leaves)
  let od = outDef
  return (treeUnflatten(od, outs), pullback(lin, p, od, site))
}

func pullback<each A: PyTree, R: PyTree>(
  _ lin: LinearMap, _ p: FlatArguments, _ outDef: TreeDef, _ site: CallSite
) -> (R) -> (repeat each A) {
  return { (ct: R) -> (repeat each A) in
    let (cts, def) = treeFlatten(ct)
    let bad: [Tensor] = p.leaves.map { _ in .invalid }
    if let diff = outDef.firstDifference(from: def) {
      JAXError.raise(JAXError(.treeMismatch, "vjp", "the cotangent has a different structure than the output: \(diff)", site: site))
      return unflattenPack(p, bad)
    }
    for (c, aval) in zip(cts, lin.outAvals) where aval.dtype.isDifferentiable && (c.shape != aval.shape || c.dtype != aval.dtype) {
      JAXError.raise(JAXError(
        .treeMismatch, "vjp", "the cotangent must have the output's shape and dtype: output \(aval), cotangent \(c.aval)", site: site))
      return unflattenPack(p, bad)
    }
    let inCts = lin.transpose(zip(cts, lin.outAvals).map { $1.dtype.isDifferentiable ? $0 : nil })
    return unflattenPack(p, zip(inCts, lin.inAvals).map { instantiateTangent($0, $1) })
  }
}
