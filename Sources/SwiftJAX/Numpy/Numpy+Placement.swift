/// Writing and selecting by position: `jnp.choose`, `put`, `place`,
/// `compress`, `extract` (functional versions: they return new arrays).
extension Numpy {
  /// What to do with indices outside the valid range.
  ///
  /// ```swift
  /// print(jnp.choose(jnp.array([0, 3, -1]), [jnp.array([1, 2, 3]), jnp.array([10, 20, 30])], mode: .wrap))
  /// // [ 1 20 30]
  /// ```
  public enum IndexMode: Sendable {
    /// Reject them (needs concrete indices, as in JAX).
    case raise
    /// Wrap them around (Python's floor modulo).
    case wrap
    /// Clamp them to the nearest valid index.
    case clip
  }

  /// `jnp.choose`: element `i` comes from `choices[a[i]]`; `a` and the
  /// choices broadcast together.
  ///
  /// ```swift
  /// jnp.choose(jnp.array([0, 1, 1]), [jnp.array([1, 2, 3]), jnp.array([10, 20, 30])])   // [ 1 20 30]
  /// ```
  /// - Parameters:
  ///   - a: integer indices into `choices`.
  ///   - choices: the arrays chosen from.
  ///   - mode: out-of-range handling; `.raise` needs concrete indices.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func choose(_ a: Tensor, _ choices: [Tensor], mode: IndexMode = .raise, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || choices.contains(where: \.isInvalid) { return .invalid }
    guard a.dtype.isInteger else { return fail(.dtype, "choose", "`a` array must be integer typed, got \(a.dtype)", file: file, line: line) }
    guard !choices.isEmpty else { return fail(.value, "choose", "choices must not be empty", file: file, line: line) }
    let n = choices.count
    var idx = a
    switch mode {
    case .raise:
      guard let c = a.concrete else {
        return fail(.concretization, "choose", "mode .raise needs concrete indices; under jit use mode: .wrap or .clip", file: file, line: line)
      }
      if (0..<c.aval.count).contains(where: { let v = c.element($0).asInt64; return v < 0 || v >= Int64(n) }) {
        return fail(.index, "choose", "invalid entry in choice array: indices must be in [0, \(n)) for \(n) choices", file: file, line: line)
      }
    case .wrap: idx = floorMod(a, n)
    case .clip: idx = clip(a, min: convert(Tensor(weak: 0), to: a.dtype, weak: false), max: convert(Tensor(weak: n - 1), to: a.dtype, weak: false))
    }
    let d = resultType(choices).dtype
    guard let shape = broadcastShapes([idx.shape] + choices.map(\.shape)) else {
      return fail(.shape, "choose", "shapes \(([a] + choices).map { shapeString($0.shape) }) do not broadcast", file: file, line: line)
    }
    let i = broadcastTo(idx, shape)
    var out = broadcastTo(convert(choices[n - 1], to: d, weak: false), shape)
    for k in stride(from: n - 2, through: 0, by: -1) {
      out = Lax.select(Lax.eq(i, convert(Tensor(weak: k), to: i.dtype, weak: false)), broadcastTo(convert(choices[k], to: d, weak: false), shape), out)
    }
    return out
  }

  /// Python's `i % n` for integer tensors.
  static func floorMod(_ i: Tensor, _ n: Int) -> Tensor {
    let size = convert(Tensor(weak: n), to: i.dtype, weak: false)
    let r = Lax.rem(i, size)
    return Lax.select(Lax.lt(r, convert(Tensor(weak: 0), to: i.dtype, weak: false)), Lax.add(r, size), r)
  }

  /// `jnp.put(a, ind, v, inplace=False)`: a copy of `a` with the elements at
  /// flat positions `ind` set to `v` (repeated cyclically to `ind`'s
  /// length; later writes win). With no mode, negative indices count from
  /// the end and the rest are clamped, as JAX's `unravel_index` does.
  ///
  /// ```swift
  /// jnp.put(jnp.zeros([2, 3]), Tensor([0, -1] as [Int32]), jnp.array([1.0, 2.0]))   // [[1 0 0] [0 0 2]]
  /// ```
  /// - Parameters:
  ///   - a: the array.
  ///   - ind: flat integer indices.
  ///   - v: the values written.
  ///   - mode: nil, `.wrap` or `.clip` (`.raise` is not supported, as in JAX).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func put(_ a: Tensor, _ ind: Tensor, _ v: Tensor, mode: IndexMode? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(a, ind, v) { return .invalid }
    guard ind.dtype.isInteger else { return fail(.dtype, "put", "indices must be integers, got \(ind.dtype)", file: file, line: line) }
    let i = ravel(ind, file: file, line: line), vals = ravel(v, file: file, line: line)
    if a.count == 0 || i.count == 0 || vals.count == 0 { return a }
    let n = a.count
    let flatIndex: Tensor
    switch mode {
    case nil:
      let size = convert(Tensor(weak: n), to: i.dtype, weak: false)
      let wrapped = Lax.select(Lax.lt(i, convert(Tensor(weak: 0), to: i.dtype, weak: false)), Lax.add(i, size), i)
      flatIndex = clip(wrapped, min: convert(Tensor(weak: 0), to: i.dtype, weak: false), max: convert(Tensor(weak: n - 1), to: i.dtype, weak: false))
    case .clip?: flatIndex = clip(i, min: convert(Tensor(weak: 0), to: i.dtype, weak: false), max: convert(Tensor(weak: n - 1), to: i.dtype, weak: false))
    case .wrap?: flatIndex = floorMod(i, n)
    case .raise?: return fail(.value, "put", "the .raise mode of jnp.put is not supported (JAX neither); use nil, .wrap or .clip", file: file, line: line)
    }
    let updates = convert(tileToSize(vals, i.count), to: a.dtype, weak: false)
    return reshape(scatterSet1D(ravel(a), flatIndex, updates), a.shape)
  }

  /// JAX's `_tile_to_size`: repeats a vector until it has `n` elements.
  static func tileToSize(_ v: Tensor, _ n: Int) -> Tensor {
    let reps = (n + v.count - 1) / v.count
    let t = reps > 1 ? Lax.tile(v, reps: [reps]) : v
    return t.count > n ? Lax.sliceInDim(t, start: 0, limit: n, axis: 0) : t
  }

  /// `x[idx] = updates` on a vector with in-bounds indices (later writes win).
  static func scatterSet1D(_ x: Tensor, _ idx: Tensor, _ updates: Tensor) -> Tensor {
    let dn = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
    return Lax.scatter(x, Lax.reshape(idx, [idx.count, 1]), updates, .set, dimensionNumbers: dn, mode: .fillOrDrop)
  }

  /// `jnp.place(arr, mask, vals, inplace=False)`: the positions where
  /// `mask` is true, in order, get `vals` (repeated cyclically).
  ///
  /// ```swift
  /// jnp.place(jnp.arange(6.0), jnp.array([true, false, true, false, true, false]), jnp.array([9.0, 8.0]))   // [9 1 8 3 9 5]
  /// ```
  /// - Parameters:
  ///   - arr: the array.
  ///   - mask: a boolean array with as many elements as `arr`.
  ///   - vals: the values placed (at least one).
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func place(_ arr: Tensor, _ mask: Tensor, _ vals: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(arr, mask, vals) { return .invalid }
    guard arr.count == mask.count else {
      return fail(.shape, "place", "arr and mask must be the same size, got \(shapeString(arr.shape)) and \(shapeString(mask.shape))", file: file, line: line)
    }
    guard vals.count > 0 else { return fail(.value, "place", "cannot place values from an empty array", file: file, line: line) }
    if arr.count == 0 { return arr }
    let n = mask.count
    // where(mask, size=n, fill_value=n): the true positions first, then n (dropped).
    let m = Lax.ne(ravel(mask), convert(Tensor(weak: 0), to: mask.dtype, weak: false))
    let order = trueFirstOrder(m)
    let positions = Lax.select(Lax.indexTake(m, [order], axes: [0]), order, Lax.broadcastInDim(Tensor(Int32(n)), shape: [n], broadcastDimensions: []))
    let updates = convert(tileToSize(ravel(vals), n), to: arr.dtype, weak: false)
    return reshape(scatterSet1D(ravel(arr), positions, updates), arr.shape)
  }

  /// Positions of a boolean vector with the true ones first, each group in
  /// index order (a stable descending argsort), as int32.
  static func trueFirstOrder(_ m: Tensor) -> Tensor {
    let n = m.shape[0]
    let key = Lax.convertElementType(Lax.not(m), .int32)
    return Lax.sort([key, Lax.iota(.int32, shape: [n])], dimension: 0, numKeys: 1)[1]
  }

  /// `jnp.compress`: the slices of `a` along `axis` (all elements when nil)
  /// where `condition` is true. Without `size` the result length depends
  /// on the values (concrete input only); with `size` the result has that
  /// length, padded with `fillValue`.
  ///
  /// ```swift
  /// jnp.compress(jnp.array([true, false, true]), jnp.array([1, 2, 3]))             // [1 3]
  /// jnp.compress(jnp.array([false, true, false]), jnp.array([1, 2, 3]), size: 2)   // [2 0]
  /// ```
  /// - Parameters:
  ///   - condition: a 1-D boolean (or numeric) selector.
  ///   - a: the array.
  ///   - axis: the axis selected along; nil flattens first.
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding value when `size` exceeds the selection.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func compress(
    _ condition: Tensor, _ a: Tensor, axis: Int? = nil, size: Int? = nil, fillValue: Double = 0,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if anyInvalid(condition, a) { return .invalid }
    guard condition.rank == 1 else { return fail(.shape, "compress", "condition must be a 1D array, got shape \(shapeString(condition.shape))", file: file, line: line) }
    var arr = axis == nil ? ravel(a, file: file, line: line) : a
    guard let ax = normalizeAxis(axis ?? 0, rank: arr.rank, "compress", file: file, line: line) else { return .invalid }
    arr = moveaxis(arr, source: ax, destination: 0, file: file, line: line)
    var cond = Lax.ne(condition, convert(Tensor(weak: 0), to: condition.dtype, weak: false))
    let n = arr.shape[0]
    let m = Swift.min(n, cond.count)
    let extra = cond.count > n ? Lax.sliceInDim(cond, start: n, limit: cond.count, axis: 0) : nil
    cond = Lax.sliceInDim(cond, start: 0, limit: m, axis: 0)
    arr = Lax.sliceInDim(arr, start: 0, limit: m, axis: 0)
    let result: Tensor
    if let size {
      guard size >= 0, size <= m else {
        return fail(.value, "compress", "size must be positive and not greater than the size of the array axis; got size=\(size) for a.shape[axis]=\(m)", file: file, line: line)
      }
      let mask = Lax.broadcastInDim(cond, shape: arr.shape, broadcastDimensions: [0])
      let filled = Lax.select(mask, arr, broadcastTo(scalar(fillValue, arr.dtype), arr.shape))
      let order = Lax.sliceInDim(trueFirstOrder(cond), start: 0, limit: size, axis: 0)
      result = Lax.indexTake(filled, [order], axes: [0])
    } else {
      guard let cc = cond.concrete, extra.map({ $0.concrete != nil }) ?? true else {
        return fail(.concretization, "compress", "the result size depends on the values of condition; pass size: to use compress under jit", file: file, line: line)
      }
      if let e = extra?.concrete, (0..<e.aval.count).contains(where: { e.element($0).asBool }) {
        return fail(.index, "compress", "condition contains entries that are out of bounds (beyond axis length \(n))", file: file, line: line)
      }
      let picks = (0..<m).filter { cc.element($0).asBool }.map { Int32($0) }
      result = Lax.indexTake(arr, [Tensor(picks, shape: [picks.count])], axes: [0])
    }
    return moveaxis(result, source: 0, destination: ax, file: file, line: line)
  }

  /// `jnp.extract`: the elements of `arr` where `condition` is true, both
  /// flattened (``compress(_:_:axis:size:fillValue:file:line:)`` on the
  /// flattened arrays).
  ///
  /// ```swift
  /// jnp.extract(jnp.array([[true, false], [false, true]]), jnp.array([[1, 2], [3, 4]]))   // [1 4]
  /// ```
  /// - Parameters:
  ///   - condition: the selector, any shape.
  ///   - arr: the array, any shape.
  ///   - size: a static result length (needed under jit).
  ///   - fillValue: the padding value when `size` exceeds the selection.
  ///   - file: the caller's file, for error messages (leave the default).
  ///   - line: the caller's line, for error messages (leave the default).
  public static func extract(_ condition: Tensor, _ arr: Tensor, size: Int? = nil, fillValue: Double = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(condition, arr) { return .invalid }
    return compress(ravel(condition, file: file, line: line), ravel(arr, file: file, line: line), size: size, fillValue: fillValue, file: file, line: line)
  }
}
