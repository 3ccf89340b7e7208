// `vmap` for functions of one to five arguments. They exist (rather than
// only the parameter-pack form) because Swift 6.3 cannot apply a returned
// closure of pack-expansion type in the same expression, and
// `vmap(f, inAxes: [0, 0, nil])(x, y, scalar)` must read like JAX. Each
// returns an ordinary closure, so results compose with `grad`, `jit` and
// nested `vmap`. All share one implementation, `batchedFunction`.

/// Vectorizing map (`jax.vmap`): returns a function that applies `f` to
/// every slice of its arguments along the mapped axes, as one batched
/// computation instead of a loop.
///
/// - Parameters:
///   - f: a function of pytree arguments (tensors, arrays, dictionaries,
///     `@PyTree` structs) returning a pytree.
///   - inAxes: a prefix of the argument list (an ``AxisSpec``) saying
///     which axis of each leaf to map, or `nil` to pass it whole to every
///     example (JAX's `None`). An integer applies to every argument; an
///     array literal has one entry per argument. Negative axes count from
///     the end.
///   - outAxes: where the mapped axis goes in each output leaf (a prefix of
///     the output tree). `nil` is allowed only for outputs that do not
///     depend on mapped inputs; they are returned unbatched.
///   - axisSize: the batch size; required when no argument is mapped,
///     checked against the mapped axes otherwise.
///   - axisName: a name for the mapped axis, so that collectives inside
///     `f` (``Lax/psum(_:axisName:file:line:)``, `allGather`, `axisIndex`,
///     ...) act across the batch, as `pmap` would across devices
///     (`vmap(f, axis_name='i')`): `vmap({ x in x / Lax.psum(x, axisName: "i") }, axisName: "i")`.
///   - file: the caller's file, for error messages (leave the default).
///   - line: the caller's line, for error messages (leave the default).
///
/// ```swift
/// let array = Tensor([1, 1, 1, 1, 1, 2, 2, 2, 2, 2], shape: [2, 5])
/// vmap({ (x: Tensor) in x * x })(array)   // [[1 1 1 1 1] [4 4 4 4 4]]
///
/// func addAndMultiplyScalar(_ x: Tensor, _ y: Tensor, _ scalar: Tensor) -> Tensor {
///   (x + y) * scalar
/// }
/// vmap(addAndMultiplyScalar, inAxes: [0, 0, nil])(x, y, scalar)
///
/// func f(_ x: Tensor, _ y: Tensor) -> Tensor { x + y }
/// vmap(f, inAxes: [0, nil], outAxes: 1)(xs, y)   // xs: i32[4], y: i32[2] → i32[2,4]
/// ```
///
/// `vmap` composes with the other transformations: `vmap(grad(f))`,
/// `grad { vmap(f)($0).sum() }`, nested `vmap`, and `vmap` under `jit`.
/// Mistakes (a mapped axis out of range, mapped axes of different sizes,
/// an axis spec that does not fit the arguments) are ``JAXError``s naming
/// the arguments, axes and shapes.
public func vmap<A: PyTree, R: PyTree>(
  _ f: @escaping (A) -> R, inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil, axisName: String? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> R {
  batchedFunction(f, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: CallSite(file: file, line: line))
}

/// `vmap` of a function of two arguments; see `vmap(_:inAxes:outAxes:axisSize:axisName:file:line:)`.
public func vmap<A: PyTree, B: PyTree, R: PyTree>(
  _ f: @escaping (A, B) -> R, inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil, axisName: String? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> R {
  batchedFunction(f, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: CallSite(file: file, line: line))
}

/// `vmap` of a function of three arguments; see `vmap(_:inAxes:outAxes:axisSize:axisName:file:line:)`.
public func vmap<A: PyTree, B: PyTree, C: PyTree, R: PyTree>(
  _ f: @escaping (A, B, C) -> R, inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil, axisName: String? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> R {
  batchedFunction(f, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: CallSite(file: file, line: line))
}

/// `vmap` of a function of four arguments; see `vmap(_:inAxes:outAxes:axisSize:axisName:file:line:)`.
public func vmap<A: PyTree, B: PyTree, C: PyTree, D: PyTree, R: PyTree>(
  _ f: @escaping (A, B, C, D) -> R, inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil, axisName: String? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D) -> R {
  batchedFunction(f, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: CallSite(file: file, line: line))
}

/// `vmap` of a function of five arguments; see `vmap(_:inAxes:outAxes:axisSize:axisName:file:line:)`.
public func vmap<A: PyTree, B: PyTree, C: PyTree, D: PyTree, E: PyTree, R: PyTree>(
  _ f: @escaping (A, B, C, D, E) -> R, inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0, axisSize: Int? = nil, axisName: String? = nil,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D, E) -> R {
  batchedFunction(f, inAxes: inAxes, outAxes: outAxes, axisSize: axisSize, axisName: axisName, site: CallSite(file: file, line: line))
}
