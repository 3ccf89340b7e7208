// `vmap` of functions that return a Swift tuple of pytrees, as JAX
// functions return Python tuples (`vmap(lambda x: (x.sum(), x.max()))`).
// Tuples cannot conform to `PyTree`, so the outputs are flattened as one
// `Tuple` node (`flattenTuple`) and `outAxes` may give one entry per
// element.

/// `vmap` of a one-argument function returning a tuple; see
/// `vmap(_:inAxes:outAxes:axisSize:file:line:)`.
///
/// ```swift
/// let stats = vmap({ (row: Tensor) in (Lax.reduceSum(row, axes: [0]), Lax.reduceMax(row, axes: [0])) })
/// let (sums, maxima) = stats(matrix)
/// ```
public func vmap<A: PyTree, each R: PyTree>(
  _ f: @escaping (A) -> (repeat each R), inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil, axisName: String? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> (repeat each R) {
  batchedTupleFunction(f, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: CallSite(file: file, line: line))
}

/// `vmap` of a two-argument function returning a tuple.
///
/// ```swift
/// let (sums, products) = vmap({ (x: Tensor, y: Tensor) in (x + y, x * y) })(jnp.array([1, 2]), jnp.array([3, 4]))
/// products  // [3 8]
/// ```
public func vmap<A: PyTree, B: PyTree, each R: PyTree>(
  _ f: @escaping (A, B) -> (repeat each R), inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil, axisName: String? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> (repeat each R) {
  batchedTupleFunction(f, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: CallSite(file: file, line: line))
}

/// `vmap` of a three-argument function returning a tuple.
///
/// ```swift
/// let f = vmap({ (x: Tensor, y: Tensor, z: Tensor) in (x * y + z, x - z) }, inAxes: [0, nil, 0])
/// let (fma, diff) = f(jnp.array([1, 2]), jnp.array(10), jnp.array([3, 4]))
/// fma  // [13 24]
/// ```
public func vmap<A: PyTree, B: PyTree, C: PyTree, each R: PyTree>(
  _ f: @escaping (A, B, C) -> (repeat each R), inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil, axisName: String? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> (repeat each R) {
  batchedTupleFunction(f, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: CallSite(file: file, line: line))
}

/// `batchedFunction` for tuple outputs.
func batchedTupleFunction<each A: PyTree, each R: PyTree>(
  _ f: @escaping (repeat each A) -> (repeat each R), inAxes: AxisSpec?, outAxes: AxisSpec?, axisSize: Int?, axisName: String?, site: CallSite
) -> (repeat each A) -> (repeat each R) {
  return { (args: repeat each A) -> (repeat each R) in
    let flat = FlatArguments(repeat each args)
    let (outs, outDef) = vmapFlat(
      { leaves in
        let inner = flat.unflatten(leaves, as: repeat (each A).self)
        let result = f(repeat each inner)
        return flattenTuple(repeat each result)
      },
      flat.leaves, argDefs: flat.defs, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: site)
    return unflattenTuple(outDef, outs, as: repeat (each R).self)
  }
}
