/// Array utilities of `jnp`: `rollaxis`, `resize`, `broadcast_arrays`,
/// `ix_`, `ravel_multi_index`, `trim_zeros`, `apply_along_axis` and
/// `fromfunction`, composed as JAX composes them.
extension Numpy {
  /// `jnp.rollaxis`: moves `axis` to position `start` (NumPy's older
  /// spelling of ``moveaxis(_:source:destination:file:line:)``).
  ///
  /// ```swift
  /// jnp.rollaxis(jnp.zeros([2, 3, 4]), axis: 2).shape   // [4, 2, 3]
  /// ```
  /// - Parameters:
  ///   - x: the array.
  ///   - axis: the axis moved.
  ///   - start: the axis is moved to just before this position.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func rollaxis(_ x: Tensor, axis: Int, start: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let a = normalizeAxis(axis, rank: x.rank, "rollaxis", file: file, line: line) else { return .invalid }
    guard -x.rank <= start, start <= x.rank else { return fail(.axis, "rollaxis", "start=\(start) must satisfy \(-x.rank)<=start<=\(x.rank)", file: file, line: line) }
    var s = start < 0 ? start + x.rank : start
    if s > a { s -= 1 }
    return moveaxis(x, source: a, destination: s, file: file, line: line)
  }

  /// `jnp.resize`: the flattened elements of `x`, repeated cyclically, in
  /// `shape` (zeros when either is empty).
  ///
  /// ```swift
  /// jnp.resize(jnp.array([1, 2, 3]), [2, 4])   // [[1 2 3 1] [2 3 1 2]]
  /// ```
  /// - Parameters:
  ///   - x: the array.
  ///   - shape: the new shape.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func resize(_ x: Tensor, _ shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard shape.allSatisfy({ $0 >= 0 }) else { return fail(.shape, "resize", "all elements of new_shape must be non-negative, got \(shapeString(shape))", file: file, line: line) }
    let size = shape.reduce(1, *)
    if x.count == 0 || size == 0 { return Lax.full(shape, convert(Tensor(weak: 0), to: x.dtype, weak: false)) }
    return reshape(tileToSize(ravel(x), size), shape, file: file, line: line)
  }

  /// `jnp.broadcast_arrays`: every array broadcast to their common shape.
  ///
  /// ```swift
  /// let (a, b) = (jnp.ones([3, 1]), jnp.ones([4]))
  /// jnp.broadcastArrays([a, b]).map(\.shape)   // [[3, 4], [3, 4]]
  /// ```
  /// - Parameters:
  ///   - xs: the arrays.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func broadcastArrays(_ xs: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if xs.contains(where: \.isInvalid) { return xs.map { _ in .invalid } }
    guard let shape = broadcastShapes(xs.map(\.shape)) else {
      _ = fail(.shape, "broadcast_arrays", "shapes \(xs.map { shapeString($0.shape) }) do not broadcast", file: file, line: line)
      return xs.map { _ in .invalid }
    }
    return xs.map { broadcastTo($0, shape, file: file, line: line) }
  }

  /// `jnp.ix_`: an open mesh from 1-D index arrays: array `i` gets shape
  /// `[1, ..., n_i, ..., 1]`, so together they index the cross product.
  ///
  /// ```swift
  /// let (r, c) = (jnp.array([0, 2]), jnp.array([1, 3]))
  /// jnp.ix_([r, c]).map(\.shape)   // [[2, 1], [1, 2]]
  /// ```
  /// - Parameters:
  ///   - xs: 1-D integer arrays.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func ix_(_ xs: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    let n = xs.count
    return xs.enumerated().map { i, a in
      if a.isInvalid { return .invalid }
      guard a.rank == 1 else { return fail(.shape, "ix_", "arguments to jax.numpy.ix_ must be 1-dimensional, got shape \(shapeString(a.shape))", file: file, line: line) }
      guard !a.dtype.isBool else { return fail(.dtype, "ix_", "boolean arguments to jax.numpy.ix_ are not implemented (as in JAX)", file: file, line: line) }
      var shape = [Int](repeating: 1, count: n)
      shape[i] = a.shape[0]
      if a.count == 0 { return Lax.full(shape, convert(Tensor(weak: 0), to: .defaultInt, weak: false)) }
      return Lax.broadcastInDim(a, shape: shape, broadcastDimensions: [i])
    }
  }

  /// `jnp.ravel_multi_index`: flat (row-major) indices of the coordinates
  /// `multiIndex[k]` into an array of shape `dims`.
  ///
  /// ```swift
  /// jnp.ravelMultiIndex([jnp.array([0, 1]), jnp.array([2, 0])], dims: [2, 3])   // [2 3]
  /// ```
  /// - Parameters:
  ///   - multiIndex: one integer array per dimension (broadcast together).
  ///   - dims: the array shape.
  ///   - mode: out-of-range handling; `.raise` needs concrete coordinates.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func ravelMultiIndex(_ multiIndex: [Tensor], dims: [Int], mode: IndexMode = .raise, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if multiIndex.contains(where: \.isInvalid) { return .invalid }
    guard multiIndex.count == dims.count, !dims.isEmpty else {
      return fail(.shape, "ravel_multi_index", "need one index array per dimension: \(multiIndex.count) arrays for dims \(dims)", file: file, line: line)
    }
    guard multiIndex.allSatisfy({ $0.dtype.isInteger }) else { return fail(.dtype, "ravel_multi_index", "only int indices permitted, got \(multiIndex.map(\.dtype))", file: file, line: line) }
    var idx = multiIndex
    switch mode {
    case .raise:
      for (i, d) in zip(idx, dims) {
        guard let c = i.concrete else {
          return fail(.concretization, "ravel_multi_index", "mode .raise needs concrete coordinates; under jit use mode: .wrap or .clip", file: file, line: line)
        }
        if (0..<c.aval.count).contains(where: { let v = c.element($0).asInt64; return v < 0 || v >= Int64(d) }) {
          return fail(.index, "ravel_multi_index", "invalid entry in coordinates array for dims \(dims)", file: file, line: line)
        }
      }
    case .clip: idx = zip(idx, dims).map { clip($0, min: convert(Tensor(weak: 0), to: $0.dtype, weak: false), max: convert(Tensor(weak: $1 - 1), to: $0.dtype, weak: false)) }
    case .wrap: idx = zip(idx, dims).map { floorMod($0, $1) }
    }
    let d = resultType([Tensor(weak: 0)] + idx).dtype
    let parts = broadcastArrays(idx.map { convert($0, to: d, weak: false) }, file: file, line: line)
    var result = parts[0]
    for (p, n) in zip(parts.dropFirst(), dims.dropFirst()) {
      result = Lax.add(Lax.mul(result, convert(Tensor(weak: n), to: d, weak: false)), p)
    }
    return result
  }

  /// `jnp.trim_zeros`: `x` without its leading (`"f"`) and/or trailing
  /// (`"b"`) all-zero slices along every axis. The result size depends on
  /// the values, so `x` must be concrete.
  ///
  /// ```swift
  /// jnp.trimZeros(jnp.array([0, 0, 1, 2, 0]))   // [1 2]
  /// ```
  /// - Parameters:
  ///   - x: a concrete array.
  ///   - trim: `"f"` (front), `"b"` (back) or `"fb"` (both).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func trimZeros(_ x: Tensor, trim: String = "fb", file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let c = x.concrete else { return fail(.concretization, "trim_zeros", "the result shape depends on the values of x, which must be concrete (not traced)", file: file, line: line) }
    let (front, back) = (trim.lowercased().contains("f"), trim.lowercased().contains("b"))
    if x.rank == 0 || !(front || back) { return x }
    var nonzero = [[Bool]](repeating: [], count: x.rank)
    for a in 0..<x.rank { nonzero[a] = [Bool](repeating: false, count: x.shape[a]) }
    var strides = [Int](repeating: 1, count: x.rank)
    for a in stride(from: x.rank - 2, through: 0, by: -1) { strides[a] = strides[a + 1] * x.shape[a + 1] }
    for flat in 0..<c.aval.count where c.element(flat).asDouble != 0 || c.element(flat).asDouble.isNaN {
      for a in 0..<x.rank { nonzero[a][(flat / strides[a]) % x.shape[a]] = true }
    }
    var out = x
    for a in 0..<x.rank {
      guard let first = nonzero[a].firstIndex(of: true), let last = nonzero[a].lastIndex(of: true) else {
        return Lax.sliceInDim(out, start: 0, limit: 0, axis: a)
      }
      out = Lax.sliceInDim(out, start: front ? first : 0, limit: back ? last + 1 : x.shape[a], axis: a)
    }
    return out
  }

  /// `jnp.apply_along_axis`: applies `f` to every 1-D slice along `axis`
  /// (by `vmap` over the other axes, as JAX does); `f`'s output axes take
  /// the place of `axis`.
  ///
  /// ```swift
  /// jnp.applyAlongAxis({ jnp.sum(jnp.multiply($0, $0)) }, axis: 1, jnp.ones([2, 3]))   // [3. 3.]
  /// ```
  /// - Parameters:
  ///   - f: a function of one 1-D slice.
  ///   - axis: the axis the slices run along.
  ///   - x: the array.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func applyAlongAxis(_ f: @escaping (Tensor) -> Tensor, axis: Int, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let a = normalizeAxis(axis, rank: x.rank, "apply_along_axis", file: file, line: line) else { return .invalid }
    var g = f
    for i in stride(from: 1, to: x.rank - a, by: 1) { let h = g; g = vmap(h, inAxes: .axis(i), outAxes: -1, file: file, line: line) }
    for _ in 0..<a { let h = g; g = vmap(h, inAxes: 0, outAxes: 0, file: file, line: line) }
    return g(x)
  }

  /// `jnp.fromfunction`: `f` evaluated on the index grids of `shape`
  /// (`f` receives one index array per axis, all of `shape`'s shape).
  ///
  /// ```swift
  /// jnp.fromfunction({ jnp.add($0[0], $0[1]) }, shape: [2, 3], dtype: .int32)   // [[0 1 2] [1 2 3]]
  /// ```
  /// - Parameters:
  ///   - f: a function of the index arrays.
  ///   - shape: the grid shape.
  ///   - dtype: the index dtype (float by default, as in NumPy).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func fromfunction(_ f: ([Tensor]) -> Tensor, shape: [Int], dtype: DType = .defaultFloat, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard shape.allSatisfy({ $0 >= 0 }) else { return fail(.shape, "fromfunction", "shape must be nonnegative, got \(shapeString(shape))", file: file, line: line) }
    return f((0..<shape.count).map { Lax.iota(dtype.canonical, shape: shape, dimension: $0) })
  }
}
