// Reverse mode: `vjp`, `grad`, `valueAndGrad`, built on `linearizeFlat`
// (JVP + partial evaluation) and `backwardPass` (transposition), as JAX
// does, so they compose with each other and with `jvp` to any order.

/// Selects which arguments `grad(f, argnums: .all)`
/// differentiates when it should be all of them.
public enum AllArguments { case all }

/// Gradients with respect to a chosen list of arguments (`argnums: [Int]`),
/// in that order. Read each as the argument's type:
///
/// ```swift
/// let g = grad(loss, argnums: [0, 2])
/// let gs = g(w, x, b)
/// let gw: Tensor = gs[0]
/// let gb: [String: Tensor] = gs[1, as: [String: Tensor].self]
/// ```
public struct SelectedGradients {
  /// The differentiated arguments' indices.
  public let argnums: [Int]
  let leaves: [[Tensor]]
  let defs: [TreeDef]

  /// The gradient of the `i`-th selected argument, as a pytree of type `T`.
  ///
  /// ```swift
  /// let g = grad({ (x: Tensor, ys: [Tensor]) in x * ys[0] * ys[1] }, argnums: [0, 1])(jnp.array(2.0), [jnp.array(3.0), jnp.array(4.0)])
  /// g[1, as: [Tensor].self][0]  // 8.0
  /// ```
  public subscript<T: PyTree>(_ i: Int, as type: T.Type) -> T { treeUnflatten(defs[i], leaves[i]) }
  /// The gradient of the `i`-th selected argument when it is a tensor.
  ///
  /// ```swift
  /// let g = grad({ (x: Tensor, y: Tensor) in x * y }, argnums: [0, 1])(jnp.array(2.0), jnp.array(3.0))
  /// g[1]  // 2.0
  /// ```
  public subscript(_ i: Int) -> Tensor { treeUnflatten(defs[i], leaves[i]) }
  /// How many gradients there are (one per selected argument).
  public var count: Int { argnums.count }
}

/// The core of every gradient API: value (and aux leaves) of `f` and the
/// gradient of the first output with respect to the leaves selected by
/// `wrt`.
func valueAndGradFlat(
  _ f: @escaping ([Tensor]) -> ([Tensor], TreeDef), _ leaves: [Tensor], wrt: [Bool], argOfLeaf: [Int],
  allowInt: Bool, holomorphic: Bool = false, op: String, site: CallSite
) -> (outs: [Tensor], auxDef: TreeDef, grads: [Tensor]) {
  for (i, (x, w)) in zip(leaves, wrt).enumerated() where w && holomorphic && !x.dtype.isComplex && !x.isInvalid {
    JAXError.raise(JAXError(
      .dtype, op, "\(op) with holomorphic: true requires inputs with complex dtype, but argument \(argOfLeaf[i]) "
        + "has dtype \(x.dtype) (shape \(shapeString(x.shape)))", site: site))
    return ([], .none, [])
  }
  for (i, (x, w)) in zip(leaves, wrt).enumerated() where w && !x.dtype.isDifferentiable && !allowInt && !x.isInvalid {
    JAXError.raise(JAXError(
      .dtype, op,
      "\(op) requires real-valued inputs (a floating-point dtype, JAX's np.inexact), but argument \(argOfLeaf[i]) "
        + "has dtype \(x.dtype) (shape \(shapeString(x.shape))). If you want to use Boolean- or integer-valued "
        + "inputs, use vjp or set allowInt: true.", site: site))
    return ([], .none, [])
  }
  let selected = leaves.indices.filter { wrt[$0] }
  var auxDef: TreeDef = .none
  let (outs, lin) = linearizeFlat({ ws in
    var all = leaves
    for (k, i) in selected.enumerated() { all[i] = ws[k] }
    let (o, d) = f(all)
    auxDef = d
    return o
  }, selected.map { leaves[$0] })
  guard let value = outs.first, !value.isInvalid else { return ([], .none, []) }
  if value.rank != 0 {
    JAXError.raise(JAXError(.shape, op, "\(op) requires a scalar output, got shape \(shapeString(value.shape)); use jacrev or vjp for non-scalar outputs", site: site))
    return ([], .none, [])
  }
  if holomorphic && !value.dtype.isComplex {
    JAXError.raise(JAXError(.dtype, op, "\(op) with holomorphic: true requires outputs with complex dtype, but got \(value.dtype)", site: site))
    return ([], .none, [])
  }
  if !holomorphic && !value.dtype.isFloatingPoint {
    let hint = value.dtype.isComplex
      ? ". For holomorphic differentiation, pass holomorphic: true. For differentiation of non-holomorphic "
        + "functions involving complex outputs, use vjp directly." : ""
    JAXError.raise(JAXError(.dtype, op, "\(op) requires real-valued outputs (a floating-point dtype), but got \(value.dtype)\(hint)", site: site))
    return ([], .none, [])
  }
  var cts: [Tensor?] = [Tensor?](repeating: nil, count: outs.count)
  cts[0] = adScalar(1, value.dtype)
  let inCts = lin.transpose(cts)
  let grads = zip(inCts, selected).map { ct, i in instantiateTangent(ct, leaves[i].aval) }
  return (outs, auxDef, grads)
}

/// `jax.grad`: the gradient of a scalar function with respect to its first
/// argument (JAX's default `argnums=0`), as a function of the same
/// arguments. The gradient has the argument's type (pytree structure).
///
/// ```swift
/// let f = { (x: Tensor) in Lax.sin(x) * x }        // scalar → scalar
/// let df = grad(f)                                 // (Tensor) -> Tensor
/// let d2f = grad(grad(f))                          // grad of grad
/// let loss = { (w: Tensor, x: Tensor) in Lax.reduceSum(Lax.square(x * w - 1), axes: [0]) }
/// let dLoss = grad(loss)
/// let gw = dLoss(w, x)                             // ∂loss/∂w
/// ```
/// Errors (reported at this call site): a non-scalar or integer output,
/// an integer/bool first argument (unless `allowInt`).
///
/// Functions of one to four arguments get fixed-arity overloads
/// (`Grad+Arity.swift`), so `grad(loss)(w, x)` and `jit(grad(loss))`
/// type-check in one expression; with more, bind the result first.
public func grad<A: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> Tensor, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, repeat each B) -> A {
  gradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// The implementation of every `grad` with respect to the first argument.
func gradFunction<A: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> Tensor, allowInt: Bool, site: CallSite
) -> (A, repeat each B) -> A {
  return { (a: A, b: repeat each B) -> A in
    let flat = FlatArguments(a, repeat each b)
    let firstCount = flat.offsets.count > 1 ? flat.offsets[1] : flat.leaves.count
    let wrt = flat.leaves.indices.map { $0 < firstCount }
    let r = valueAndGradFlat(
      flatFunction(f, flat), flat.leaves, wrt: wrt, argOfLeaf: argumentIndexOfLeaves(flat), allowInt: allowInt,
      op: "grad", site: site)
    return treeUnflatten(flat.defs[0], r.grads.isEmpty ? [Tensor](repeating: .invalid, count: firstCount) : r.grads)
  }
}

/// `jax.grad(f, holomorphic=True)` of a function of one argument: the
/// complex derivative `f'(z)` of a holomorphic `f` whose input and output
/// are complex (the cotangent seeded is `1 + 0i`, as in JAX). Without
/// `holomorphic`, `grad` of a real-valued function of complex input
/// returns JAX's convention, the conjugate of twice the Wirtinger
/// derivative ∂f/∂z̄ (for `|z|²`, `2·conj(z)`).
///
/// ```swift
/// let z = Tensor([Complex(1, 2)] as [Complex<Float>])
/// let d = grad({ (z: Tensor) in Numpy.sum(z * z) }, holomorphic: true)(z)   // 2z = [2.+4.j]
/// ```
public func grad<A: PyTree>(
  _ f: @escaping (A) -> Tensor, holomorphic: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> A {
  let site = CallSite(file: file, line: line)
  return { (a: A) -> A in
    let flat = FlatArguments(a)
    let r = valueAndGradFlat(
      flatFunction(f, flat), flat.leaves, wrt: flat.leaves.map { _ in true }, argOfLeaf: argumentIndexOfLeaves(flat),
      allowInt: allowInt, holomorphic: holomorphic, op: "grad", site: site)
    return treeUnflatten(flat.defs[0], r.grads.isEmpty ? [Tensor](repeating: .invalid, count: flat.leaves.count) : r.grads)
  }
}

/// `jax.grad(f, argnums=(0, 1, ...))` over every argument: returns the
/// gradients of all arguments, each with its argument's type.
///
/// ```swift
/// let g = grad({ (w: Tensor, b: Tensor) in Lax.reduceSum(w * 2 + b, axes: [0]) }, argnums: .all)
/// let (gw, gb) = g(w, b)
/// ```
public func grad<each A: PyTree>(
  _ f: @escaping (repeat each A) -> Tensor, argnums: AllArguments, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (repeat each A) -> (repeat each A) {
  gradAllFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// The implementation of every `grad(f, argnums: .all)`.
func gradAllFunction<each A: PyTree>(
  _ f: @escaping (repeat each A) -> Tensor, allowInt: Bool, site: CallSite
) -> (repeat each A) -> (repeat each A) {
  return { (args: repeat each A) in
    let flat = FlatArguments(repeat each args)
    let r = valueAndGradFlat(
      flatFunction(f, flat), flat.leaves, wrt: flat.leaves.map { _ in true },
      argOfLeaf: argumentIndexOfLeaves(flat), allowInt: allowInt, op: "grad", site: site)
    return unflattenPack(flat, r.grads.isEmpty ? flat.leaves.map { _ in .invalid } : r.grads)
  }
}

/// `jax.grad(f, argnums=[...])` for a chosen list of arguments: returns
/// ``SelectedGradients`` in `argnums` order.
///
/// ```swift
/// let g = grad(loss, argnums: [0, 2])
/// let gs = g(w, x, b)           // gs[0]: ∂/∂w, gs[1]: ∂/∂b
/// ```
public func grad<each A: PyTree>(
  _ f: @escaping (repeat each A) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (repeat each A) -> SelectedGradients {
  let vg = valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "grad", site: CallSite(file: file, line: line))
  return { (args: repeat each A) in vg(repeat each args).1 }
}

/// `jax.value_and_grad(f, argnums=[...])`: the value and the gradients
/// of the chosen arguments, as ``SelectedGradients`` in `argnums` order.
///
/// ```swift
/// let (value, gs) = valueAndGrad(loss, argnums: [0, 1])(w, b)
/// let gb = gs[1]                // ∂loss/∂b
/// ```
public func valueAndGrad<each A: PyTree>(
  _ f: @escaping (repeat each A) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (repeat each A) -> (Tensor, SelectedGradients) {
  valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "value_and_grad", site: CallSite(file: file, line: line))
}

/// The implementation of every `grad`/`valueAndGrad` with `argnums: [Int]`.
func valueAndGradSelectedFunction<each A: PyTree>(
  _ f: @escaping (repeat each A) -> Tensor, argnums: [Int], allowInt: Bool, op: String, site: CallSite
) -> (repeat each A) -> (Tensor, SelectedGradients) {
  return { (args: repeat each A) in
    let flat = FlatArguments(repeat each args)
    let argOf = argumentIndexOfLeaves(flat)
    for n in argnums where n < 0 || n >= flat.defs.count {
      JAXError.raise(JAXError(.value, op, "argnums \(argnums) is out of range for a function of \(flat.defs.count) arguments", site: site))
      return (.invalid, SelectedGradients(argnums: argnums, leaves: argnums.map { _ in [] }, defs: argnums.map { _ in .none }))
    }
    let wrt = argOf.map { argnums.contains($0) }
    let r = valueAndGradFlat(
      flatFunction(f, flat), flat.leaves, wrt: wrt, argOfLeaf: argOf, allowInt: allowInt, op: op, site: site)
    // r.grads holds the selected leaves in leaf order; regroup per argnum.
    var byArg: [Int: [Tensor]] = [:]
    for (k, i) in flat.leaves.indices.filter({ wrt[$0] }).enumerated() {
      byArg[argOf[i], default: []].append(r.grads.isEmpty ? .invalid : r.grads[k])
    }
    let grads = SelectedGradients(
      argnums: argnums, leaves: argnums.map { byArg[$0] ?? [] }, defs: argnums.map { flat.defs[$0] })
    return (r.outs.first ?? .invalid, grads)
  }
}

/// `jax.value_and_grad`: the value of a scalar function and its gradient
/// with respect to the first argument.
///
/// ```swift
/// let vg = valueAndGrad(lossFn)
/// let (loss, g) = vg(params, batch)
/// ```
public func valueAndGrad<A: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> Tensor, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, repeat each B) -> (Tensor, A) {
  valueAndGradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// The implementation of every `valueAndGrad` with respect to the first argument.
func valueAndGradFunction<A: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> Tensor, allowInt: Bool, site: CallSite
) -> (A, repeat each B) -> (Tensor, A) {
  return { (a: A, b: repeat each B) -> (Tensor, A) in
    let flat = FlatArguments(a, repeat each b)
    let firstCount = flat.offsets.count > 1 ? flat.offsets[1] : flat.leaves.count
    let r = valueAndGradFlat(
      flatFunction(f, flat), flat.leaves, wrt: flat.leaves.indices.map { $0 < firstCount },
      argOfLeaf: argumentIndexOfLeaves(flat), allowInt: allowInt, op: "value_and_grad", site: site)
    if r.grads.isEmpty { return (.invalid, treeUnflatten(flat.defs[0], [Tensor](repeating: .invalid, count: firstCount))) }
    return (r.outs[0], treeUnflatten(flat.defs[0], r.grads))
  }
}

/// `jax.value_and_grad(f, has_aux=True)`: `f` returns (value, aux); the
/// result is ((value, aux), gradient). Aux is returned as computed, not
/// differentiated.
///
/// ```swift
/// let vg = valueAndGrad({ (w: Tensor, x: Tensor) in
///   let logits = x * w
///   return (Lax.reduceSum(Lax.square(logits), axes: [0]), logits)
/// }, hasAux: true)
/// let ((loss, logits), g) = vg(w, x)
/// ```
public func valueAndGrad<A: PyTree, Aux: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, repeat each B) -> ((Tensor, Aux), A) {
  valueAndGradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// The implementation of every `valueAndGrad(f, hasAux:)`.
func valueAndGradAuxFunction<A: PyTree, Aux: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool, site: CallSite
) -> (A, repeat each B) -> ((Tensor, Aux), A) {
  return { (a: A, b: repeat each B) -> ((Tensor, Aux), A) in
    let flat = FlatArguments(a, repeat each b)
    let firstCount = flat.offsets.count > 1 ? flat.offsets[1] : flat.leaves.count
    if !hasAux {
      JAXError.raise(JAXError(.value, "value_and_grad", "f returns (value, aux): pass hasAux: true", site: site))
    }
    let r = valueAndGradFlat(
      flatFunctionWithAux(f, flat), flat.leaves, wrt: flat.leaves.indices.map { $0 < firstCount },
      argOfLeaf: argumentIndexOfLeaves(flat), allowInt: allowInt, op: "value_and_grad", site: site)
    if r.grads.isEmpty || !hasAux {
      let bad = [Tensor](repeating: .invalid, count: firstCount)
      return ((.invalid, treeUnflatten(r.auxDef, [])), treeUnflatten(flat.defs[0], bad))
    }
    let aux: Aux = treeUnflatten(r.auxDef, Array(r.outs.dropFirst()))
    return ((r.outs[0], aux), treeUnflatten(flat.defs[0], r.grads))
  }
}

/// `jax.grad(f, has_aux=True)`: returns (gradient, aux).
public func grad<A: PyTree, Aux: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, repeat each B) -> (A, Aux) {
  gradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// The implementation of every `grad(f, hasAux:)`.
func gradAuxFunction<A: PyTree, Aux: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool, site: CallSite
) -> (A, repeat each B) -> (A, Aux) {
  let vg = valueAndGradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: site)
  return { (a: A, b: repeat each B) -> (A, Aux) in
    let ((_, aux), g) = vg(a, repeat each b)
    return (g, aux)
  }
}
