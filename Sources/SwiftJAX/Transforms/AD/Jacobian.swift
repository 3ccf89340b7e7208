import Foundation

// `jacfwd`, `jacrev` and `hessian`. Without `vmap` (a separate
// transformation) these loop over basis vectors: one JVP per input
// element (jacfwd) or one pullback per output element (jacrev, which
// linearizes once and reuses the staged linear map). When vmap lands,
// batching the basis is a drop-in replacement with the same results.

/// One-hot concrete tensors: the standard basis of `aval`'s elements.
func standardBasis(_ aval: ShapedArray) -> [Tensor] {
  (0..<aval.count).map { k in
    let c = ConcreteArray(uninitialized: ShapedArray(shape: aval.shape, dtype: aval.dtype))
    memset(c.data, 0, max(aval.byteCount, 1))
    c.setElement(k, .float(1))
    return Tensor(value: c)
  }
}

/// Stacks `parts` (each of shape `partShape`) along a new axis placed
/// first (`leading`) or last, then reshapes to `finalShape`.
func stackJacobian(_ parts: [Tensor], partShape: [Int], leading: Bool, finalShape: [Int], dtype: DType) -> Tensor {
  if parts.isEmpty { return adZeros(ShapedArray(shape: finalShape, dtype: dtype)) }
  let axis = leading ? 0 : partShape.count
  let expanded = parts.map { Lax.expandDims($0, dimensions: [axis]) }
  return Lax.reshape(Lax.concatenate(expanded, dimension: axis), finalShape)
}

/// `jax.jacfwd` (forward mode) of a tensor-valued function with respect
/// to its first argument: the Jacobian has the first argument's
/// structure, each leaf of shape `output.shape + leaf.shape`.
///
/// ```swift
/// let f = { (x: Tensor) in Lax.sin(x) * x }      // f32[3] → f32[3]
/// let J = jacfwd(f)(x)                            // f32[3, 3]
/// ```
public func jacfwd<A: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> Tensor, file: StaticString = #fileID, line: UInt = #line
) -> (A, repeat each B) -> A {
  return { (a: A, b: repeat each B) -> A in
    let flat = FlatArguments(a, repeat each b)
    let g = flatFunction(f, flat)
    let firstCount = flat.offsets.count > 1 ? flat.offsets[1] : flat.leaves.count
    var jac: [Tensor] = []
    var outAval: ShapedArray? = nil
    for i in 0..<firstCount {
      let leaf = flat.leaves[i]
      var columns: [Tensor] = []
      if leaf.dtype.isDifferentiable {
        for e in standardBasis(leaf.aval) {
          var tangents = [Tensor?](repeating: nil, count: flat.leaves.count)
          tangents[i] = e
          let (outs, ts) = jvpFlat({ g($0).0 }, primals: flat.leaves, tangents: tangents)
          outAval = outs[0].aval
          columns.append(instantiateTangent(ts[0], outs[0].aval))
        }
      }
      let out = outAval ?? g(flat.leaves).0[0].aval
      outAval = out
      if !leaf.dtype.isDifferentiable || !out.dtype.isDifferentiable {
        jac.append(float0Zeros(shape: out.shape + leaf.shape))
      } else {
        jac.append(stackJacobian(columns, partShape: out.shape, leading: false, finalShape: out.shape + leaf.shape, dtype: out.dtype))
      }
    }
    return treeUnflatten(flat.defs[0], jac)
  }
}

/// `jax.jacrev` (reverse mode) of a tensor-valued function with respect
/// to its first argument; same layout as ``jacfwd(_:file:line:)``.
/// Cheaper than jacfwd when the output is smaller than the input.
///
/// ```swift
/// let J = jacrev({ (x: Tensor) in Lax.sin(x) * x })(x)   // f32[3, 3]
/// ```
public func jacrev<A: PyTree, each B: PyTree>(
  _ f: @escaping (A, repeat each B) -> Tensor, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, repeat each B) -> A {
  let site = CallSite(file: file, line: line)
  return { (a: A, b: repeat each B) -> A in
    let flat = FlatArguments(a, repeat each b)
    let g = flatFunction(f, flat)
    let firstCount = flat.offsets.count > 1 ? flat.offsets[1] : flat.leaves.count
    let first = Array(flat.leaves.prefix(firstCount))
    for x in first where !x.dtype.isDifferentiable && !allowInt {
      JAXError.raise(JAXError(
        .dtype, "jacrev",
        "jacrev requires real-valued inputs (a floating-point dtype), but argument 0 has a leaf of dtype \(x.dtype). "
          + "If you want to use Boolean- or integer-valued inputs, use vjp or set allowInt: true.", site: site))
      return treeUnflatten(flat.defs[0], first.map { _ in .invalid })
    }
    let rest = Array(flat.leaves.dropFirst(firstCount))
    let (outs, lin) = linearizeFlat({ g($0 + rest).0 }, first)
    let out = outs[0]
    if !out.dtype.isDifferentiable {
      JAXError.raise(JAXError(.dtype, "jacrev", "jacrev requires real-valued outputs (a floating-point dtype), but got \(out.dtype)", site: site))
      return treeUnflatten(flat.defs[0], first.map { _ in .invalid })
    }
    var rows = [[Tensor]](repeating: [], count: firstCount)
    for e in standardBasis(out.aval) {
      let cts = lin.transpose([e] + [Tensor?](repeating: nil, count: outs.count - 1))
      for i in 0..<firstCount { rows[i].append(instantiateTangent(cts[i], first[i].aval)) }
    }
    let jac = (0..<firstCount).map { i -> Tensor in
      let leaf = first[i]
      if !leaf.dtype.isDifferentiable { return float0Zeros(shape: out.shape + leaf.shape) }
      return stackJacobian(rows[i], partShape: leaf.shape, leading: true, finalShape: out.shape + leaf.shape, dtype: leaf.dtype)
    }
    return treeUnflatten(flat.defs[0], jac)
  }
}

/// `jax.jacrev` of a function of one tensor whose output is any pytree
/// (a dictionary, a `@PyTree` struct, ...): the Jacobian has the output's
/// structure, each leaf of shape `leaf.shape + x.shape`, as in JAX.
///
/// ```swift
/// let j = jacrev({ (x: Tensor) in ["double": x * 2, "square": x * x] })(x)
/// j["square"]!   // f32[2, 2]: diag(2x)
/// ```
@_disfavoredOverload
public func jacrev<R: PyTree>(
  _ f: @escaping (Tensor) -> R, file: StaticString = #fileID, line: UInt = #line
) -> (Tensor) -> R {
  let site = CallSite(file: file, line: line)
  return { (x: Tensor) -> R in
    if !x.dtype.isDifferentiable {
      JAXError.raise(JAXError(.dtype, "jacrev", "jacrev requires real-valued inputs (a floating-point dtype), but got \(x.dtype)", site: site))
      return treeUnflatten(treeFlatten(f(x)).1, treeFlatten(f(x)).0.map { _ in .invalid })
    }
    var outDef: TreeDef = .none
    let (outs, lin) = linearizeFlat({ let (o, d) = treeFlatten(f($0[0])); outDef = d; return o }, [x])
    let jac = outs.indices.map { k -> Tensor in
      let out = outs[k]
      if !out.dtype.isDifferentiable { return float0Zeros(shape: out.shape + x.shape) }
      let rows = standardBasis(out.aval).map { e -> Tensor in
        var cts = [Tensor?](repeating: nil, count: outs.count)
        cts[k] = e
        return instantiateTangent(lin.transpose(cts)[0], x.aval)
      }
      return stackJacobian(rows, partShape: x.shape, leading: true, finalShape: out.shape + x.shape, dtype: x.dtype)
    }
    return treeUnflatten(outDef, jac)
  }
}

/// `jax.hessian`: `jacfwd(jacrev(f))` for a scalar function of a tensor
/// (first argument); the result has shape `x.shape + x.shape`.
///
/// ```swift
/// let f = { (x: Tensor) in Lax.reduceSum(Lax.sin(x) * x, axes: [0]) }
/// let H = hessian(f)(x)                           // f32[n, n]
/// ```
public func hessian<each B: PyTree>(
  _ f: @escaping (Tensor, repeat each B) -> Tensor, file: StaticString = #fileID, line: UInt = #line
) -> (Tensor, repeat each B) -> Tensor {
  jacfwd(jacrev(f, file: file, line: line), file: file, line: line)
}
