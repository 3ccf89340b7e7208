// Positions of non-zero elements with a static result size
// (`jnp.nonzero`, `flatnonzero`, `argwhere`, `count_nonzero`). With
// `size:` the output shape no longer depends on the data, so these work
// under `jit` and `vmap`; without it the input must be concrete.

extension Numpy {
  /// The number of results when `size` is not given: needs concrete input.
  private static func staticCount(_ name: String, _ mask: Tensor, size: Int?, file: StaticString, line: UInt) -> Int? {
    if let size {
      if size < 0 { report(.value, name, "size must be non-negative, got \(size)", file: file, line: line); return nil }
      return size
    }
    guard let c = mask.concrete else {
      report(.value, name, "the input is traced, so the number of results is unknown: pass a static `size:` (and optionally `fillValue:`) to use \(name) under jit or vmap", file: file, line: line)
      return nil
    }
    return (0..<c.aval.count).reduce(0) { $0 + (c.element($1).asBool ? 1 : 0) }
  }

  /// `jnp.nonzero`: for each axis, the coordinates of the non-zero
  /// elements in row-major order. With `size`, exactly `size` results
  /// (extra ones are dropped; missing ones are `fillValue`, default 0).
  ///
  /// ```swift
  /// let x = jnp.array([[0, 3], [4, 0]])
  /// jnp.nonzero(x)                               // ([0, 1], [1, 0])
  /// jnp.nonzero(x, size: 3, fillValue: -1)       // ([0, 1, -1], [1, 0, -1])
  /// ```
  public static func nonzero(_ x: Tensor, size: Int? = nil, fillValue: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    if x.rank == 0 {
      report(.shape, "nonzero", "calling nonzero on a 0-d array is not allowed; use atleast1d first", file: file, line: line)
      return [.invalid]
    }
    let mask = x.dtype.isBool ? x : Lax.ne(x, scalar(0, x.dtype), file: file, line: line)
    guard let n = staticCount("nonzero", mask, size: size, file: file, line: line) else { return [.invalid] }
    let total = x.shape.reduce(1, *)
    if total == 0 || n == 0 { return x.shape.map { _ in zeros([n], dtype: .defaultInt, file: file, line: line) } }
    // JAX's construction: bincount of the running count gives how many
    // elements precede each result; its cumsum is the flat index.
    let flatMask = reshape(mask, [total], file: file, line: line)
    let running = cumsum(flatMask, file: file, line: line)
    let flat = cumsum(bincount(running, length: n, file: file, line: line), file: file, line: line)
    var stride = total
    var out: [Tensor] = []
    for d in x.shape {
      stride /= d
      let q = Lax.div(flat, scalar(Double(stride), flat.dtype), file: file, line: line)
      out.append(Lax.rem(q, scalar(Double(d), flat.dtype), file: file, line: line))
    }
    guard let fillValue else { return out }
    let count = sum(flatMask, dtype: flat.dtype, file: file, line: line)
    let missing = Lax.ge(Lax.iota(flat.dtype, shape: [n], file: file, line: line), Lax.broadcastInDim(count, shape: [n], broadcastDimensions: [], file: file, line: line), file: file, line: line)
    return out.map { `where`(missing, Tensor(weak: fillValue), $0, file: file, line: line) }
  }

  /// `jnp.flatnonzero`: indices of the non-zero elements of the
  /// flattened input (see ``nonzero(_:size:fillValue:file:line:)``).
  ///
  /// ```swift
  /// jnp.flatnonzero(jnp.array([[0, 3], [4, 0]]))   // [1, 2]
  /// ```
  public static func flatnonzero(_ x: Tensor, size: Int? = nil, fillValue: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    return nonzero(ravel(x, file: file, line: line), size: size, fillValue: fillValue, file: file, line: line)[0]
  }

  /// `jnp.argwhere`: the coordinates of the non-zero elements as rows of
  /// a `[count, rank]` array (`[size, rank]` with `size`).
  ///
  /// ```swift
  /// jnp.argwhere(jnp.array([[0, 3], [4, 0]]))   // [[0, 1], [1, 0]]
  /// ```
  public static func argwhere(_ x: Tensor, size: Int? = nil, fillValue: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let coords = nonzero(atleast1d(x, file: file, line: line), size: size, fillValue: fillValue, file: file, line: line)
    if coords.contains(where: \.isInvalid) { return .invalid }
    let rows = stack(coords, axis: 1, file: file, line: line)
    // A scalar has no coordinates: JAX returns shape [count, 0].
    return x.rank == 0 ? Lax.sliceInDim(rows, start: 0, limit: 0, axis: 1, file: file, line: line) : rows
  }

  /// `jnp.count_nonzero`: how many elements are non-zero along `axis`,
  /// in the default int type.
  ///
  /// ```swift
  /// jnp.countNonzero(jnp.array([[0, 3], [4, 5]]), axis: 1)   // [1, 2]
  /// ```
  public static func countNonzero(
    _ x: Tensor, axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    return sum(Lax.ne(x, scalar(0, x.dtype), file: file, line: line), axis: axis, keepDims: keepDims, dtype: .defaultInt, file: file, line: line)
  }
}
