// Functional updates, JAX's `x.at[idx].set(v)` family. Every index form of
// `x[...]` works: the index is applied to a tensor of flat positions
// (`iota`), giving the positions it selects, and the values are scattered
// into the flattened tensor there. Duplicate positions accumulate for
// `add`/`multiply`/`min`/`max`; out-of-range traced indices drop their
// updates (JAX's default "drop" mode); the original tensor never changes.

extension Tensor {
  /// Entry point of functional updates: `x.at[idx]`.
  ///
  /// ```swift
  /// let x = jnp.array([1, 2, 3])
  /// x.at[1...].set(0)    // [1, 0, 0]
  /// x.at[1...].add(1)    // [1, 3, 4]
  /// x                    // still [1, 2, 3]
  /// ```
  public var at: IndexUpdateHelper { IndexUpdateHelper(tensor: self) }
}

/// The `x.at` object; subscript it to choose the elements to update.
///
/// ```swift
/// let helper: IndexUpdateHelper = jnp.array([1, 2, 3]).at
/// helper[0].set(10)  // [10  2  3]
/// ```
public struct IndexUpdateHelper {
  let tensor: Tensor

  /// `x.at[items]`. Example: `x.at[0, ..<2].set(5)`
  public subscript(_ items: any TensorIndexExpression...) -> IndexUpdateRef {
    IndexUpdateRef(tensor: tensor, items: items.map(\.tensorIndex.kind))
  }
  /// `x.at[..., i]`. Example: `x.at[..., 0].multiply(2)`
  public subscript(_ e: UnboundedRangeMarker, _ items: any TensorIndexExpression...) -> IndexUpdateRef {
    IndexUpdateRef(tensor: tensor, items: [.ellipsis] + items.map(\.tensorIndex.kind))
  }
  /// `x.at[i, ..., j]`. Example: `x.at[0, ..., -1].set(1)`
  public subscript(_ a: any TensorIndexExpression, _ e: UnboundedRangeMarker, _ items: any TensorIndexExpression...) -> IndexUpdateRef {
    IndexUpdateRef(tensor: tensor, items: [a.tensorIndex.kind, .ellipsis] + items.map(\.tensorIndex.kind))
  }
}

/// `x.at[idx]`: the update operations. The `indicesAreSorted:` and
/// `uniqueIndices:` flags of JAX's updates are accepted everywhere; they
/// change the computation only for `multiply` (see there): SwiftJAX's
/// scatter is as fast without the promises.
///
/// ```swift
/// let ref: IndexUpdateRef = jnp.arange(4).at[1]
/// ref.add(10)  // [ 0 11  2  3]
/// ```
public struct IndexUpdateRef {
  let tensor: Tensor
  let items: [TensorIndex.Kind]

  /// Flat positions selected by the index (out of range: `count`, which
  /// the scatter then drops).
  func positions(file: StaticString, line: UInt) -> Tensor {
    let x = tensor
    let iota = Lax.reshape(Lax.iota(.int32, shape: [x.count], file: file, line: line), x.shape, file: file, line: line)
    return Numpy.getItem(iota, items, fillForOutOfBounds: Double(x.count), file: file, line: line)
  }

  func scatter(_ op: ScatterOp, _ values: Tensor, file: StaticString, line: UInt) -> Tensor {
    let x = tensor
    if Numpy.anyInvalid(x, values) { return .invalid }
    let pos = positions(file: file, line: line)
    if pos.isInvalid { return .invalid }
    let v = Numpy.convert(values, to: x.dtype, weak: false, file: file, line: line)
    guard let shape = Numpy.broadcastShapes([v.shape, pos.shape]), shape == pos.shape else {
      return Numpy.fail(.shape, "at", "cannot broadcast update values of shape \(shapeString(values.shape)) to the indexed shape \(shapeString(pos.shape))", file: file, line: line)
    }
    let updates = Lax.reshape(Numpy.broadcastRanked(v, to: pos.shape, file: file, line: line), [pos.count], file: file, line: line)
    let idx = Lax.reshape(pos, [pos.count, 1], file: file, line: line)
    let flat = Lax.reshape(x, [x.count], file: file, line: line)
    let dn = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
    let r = Lax.scatter(flat, idx, updates, op, dimensionNumbers: dn, mode: .fillOrDrop, file: file, line: line)
    return Lax.reshape(r, x.shape, file: file, line: line)
  }

  /// `x.at[idx].get(mode:, fill_value=)`: the same as `x[idx]`, with a
  /// choice of what out-of-range (traced) indices read: `.clip` (the
  /// default, as `x[idx]`: the nearest element) or `.fillOrDrop` (JAX's
  /// `"fill"`: `fillValue`, by default NaN for floats and the most negative
  /// value for signed integers). `.promiseInBounds` reads as `.clip`.
  /// `indicesAreSorted`/`uniqueIndices` are accepted for JAX
  /// compatibility; a gather needs neither.
  ///
  /// ```swift
  /// x.at[1...].get()
  /// x.at[jnp.array([0, 9])].get(mode: .fillOrDrop, fillValue: -1)   // [x[0], -1]
  /// ```
  public func get(
    mode: GatherMode? = nil, fillValue: Double? = nil, indicesAreSorted: Bool = false, uniqueIndices: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    switch mode ?? .clip {
    case .clip, .promiseInBounds:
      return Numpy.getItem(tensor, items, file: file, line: line)
    case .fillOrDrop:
      let fill = fillValue ?? Numpy.defaultFill(tensor.dtype) ?? Double(tensor.dtype.isBool ? 1 : 0)
      return Numpy.getItem(tensor, items, fillForOutOfBounds: fill, file: file, line: line)
    }
  }

  /// `x.at[idx].set(v)`: a copy of `x` with the indexed elements replaced
  /// by `v` (broadcast to the indexed shape, converted to `x`'s dtype).
  ///
  /// ```swift
  /// jnp.array([1, 2, 3]).at[1...].set(0)   // [1, 0, 0]
  /// ```
  public func set(
    _ values: Tensor, indicesAreSorted: Bool = false, uniqueIndices: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    scatter(.set, values, file: file, line: line)
  }

  /// `x.at[idx].add(v)`; repeated indices accumulate.
  ///
  /// ```swift
  /// jnp.zeros([3]).at[jnp.array([0, 0, 2])].add(1)   // [2., 0., 1.]
  /// ```
  public func add(
    _ values: Tensor, indicesAreSorted: Bool = false, uniqueIndices: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    scatter(.add, values, file: file, line: line)
  }

  /// `x.at[idx].subtract(v)`. Example: `x.at[0].subtract(1)`
  public func subtract(_ values: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    scatter(.add, Numpy.negative(Numpy.convert(values, to: tensor.dtype, weak: false, file: file, line: line), file: file, line: line), file: file, line: line)
  }

  /// `x.at[idx].multiply(v)`; repeated indices multiply repeatedly.
  ///
  /// With `uniqueIndices: true` (JAX's `unique_indices=True`: the caller
  /// promises no index repeats) the update is differentiable, as in JAX:
  /// it is computed as `x * ones.at[idx].set(v)`, which is the same value
  /// when indices are unique. Without it, reverse-mode differentiation is
  /// an error, as in JAX (a product over repeated indices has no simple
  /// transpose).
  ///
  /// ```swift
  /// x.at[..., 0].multiply(2)
  /// grad { (x: Tensor) in jnp.sum(x.at[idx].multiply(3, uniqueIndices: true)) }(x)
  /// ```
  public func multiply(
    _ values: Tensor, indicesAreSorted: Bool = false, uniqueIndices: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    guard uniqueIndices else { return scatter(.mul, values, file: file, line: line) }
    let factors = IndexUpdateRef(tensor: Numpy.onesLike(tensor, file: file, line: line), items: items)
      .scatter(.set, values, file: file, line: line)
    return Lax.mul(tensor, factors, file: file, line: line)
  }

  /// `x.at[idx].divide(v)`: `x / ones.at[idx].multiply(v)`, as in JAX
  /// (so integer tensors give floats, like `/`).
  ///
  /// ```swift
  /// jnp.array([2.0, 4.0]).at[1].divide(4)   // [2., 1.]
  /// ```
  public func divide(_ values: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let ones = Numpy.onesLike(tensor, file: file, line: line)
    let denom = IndexUpdateRef(tensor: ones, items: items).scatter(.mul, values, file: file, line: line)
    return Numpy.trueDivide(tensor, denom, file: file, line: line)
  }

  /// `x.at[idx].power(v)`: `x ** ones.at[idx].multiply(v)`, as in JAX.
  ///
  /// ```swift
  /// jnp.array([2.0, 3.0]).at[0].power(3)   // [8., 3.]
  /// ```
  public func power(_ values: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let ones = Numpy.onesLike(tensor, file: file, line: line)
    let exps = IndexUpdateRef(tensor: ones, items: items).scatter(.mul, values, file: file, line: line)
    return Numpy.power(tensor, exps, file: file, line: line)
  }

  /// `x.at[idx].min(v)`: elementwise minimum with the current values.
  ///
  /// ```swift
  /// x.at[...].min(0)   // like jnp.minimum(x, 0)
  /// ```
  public func min(
    _ values: Tensor, indicesAreSorted: Bool = false, uniqueIndices: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    scatter(.min, values, file: file, line: line)
  }

  /// `x.at[idx].max(v)`: elementwise maximum with the current values.
  ///
  /// ```swift
  /// x.at[0].max(10)
  /// ```
  public func max(
    _ values: Tensor, indicesAreSorted: Bool = false, uniqueIndices: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    scatter(.max, values, file: file, line: line)
  }

  /// `x.at[idx].apply(f)`: replaces the indexed elements by `f` of them.
  ///
  /// ```swift
  /// x.at[1...].apply { jnp.square($0) }
  /// ```
  public func apply(_ f: (Tensor) -> Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    set(f(get(file: file, line: line)), file: file, line: line)
  }
}
