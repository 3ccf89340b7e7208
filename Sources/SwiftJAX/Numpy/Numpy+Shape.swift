// Shape manipulation: reshape, transpose, stacking, splitting, tiling.
// All static-shape `Lax` layout primitives; nothing copies data eagerly
// beyond what the primitive does.

extension Numpy {
  /// `jnp.reshape` (row-major); one dimension may be `-1` (inferred).
  ///
  /// ```swift
  /// jnp.reshape(jnp.arange(6), [2, -1])   // int32[2,3]
  /// ```
  public static func reshape(_ x: Tensor, _ shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let unknown = shape.indices.filter { shape[$0] == -1 }
    if unknown.count > 1 || shape.contains(where: { $0 < -1 }) {
      return fail(.shape, "reshape", "can only specify one unknown dimension (-1) and no other negative sizes, got \(shapeString(shape))", file: file, line: line)
    }
    var s = shape
    if let e = validateShape(shape.filter { $0 != -1 }, "reshape") { return fail(e.kind, "reshape", e.message, file: file, line: line) }
    if let u = unknown.first {
      let known = shape.filter { $0 != -1 }.reduce(1, *)  // validated above: no overflow
      if known == 0 || x.count % known != 0 {
        return fail(.shape, "reshape", "cannot reshape array of shape \(shapeString(x.shape)) (size \(x.count)) into shape \(shapeString(shape))", file: file, line: line)
      }
      s[u] = x.count / known
    }
    if s.reduce(1, *) != x.count {
      return fail(.shape, "reshape", "cannot reshape array of shape \(shapeString(x.shape)) (size \(x.count)) into shape \(shapeString(shape)) (size \(s.reduce(1, *)))", file: file, line: line)
    }
    return Lax.reshape(x, s, file: file, line: line)
  }

  /// `jnp.ravel`: the elements as a 1-D tensor (row-major).
  ///
  /// ```swift
  /// jnp.ravel(jnp.ones([2, 3]))   // f32[6]
  /// ```
  public static func ravel(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    reshape(x, [x.count], file: file, line: line)
  }

  /// `jnp.transpose`: permutes axes (default: reverses them).
  ///
  /// ```swift
  /// jnp.transpose(a)                   // a.T
  /// jnp.transpose(b, axes: [0, 2, 1])  // swap the last two axes
  /// ```
  public static func transpose(_ x: Tensor, axes: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let axes else { return Lax.transpose(x, Array((0..<x.rank).reversed()), file: file, line: line) }
    if axes.count != x.rank {
      return fail(.axis, "transpose", "axes \(axes) don't match array of dimension \(x.rank)", file: file, line: line)
    }
    var perm: [Int] = []
    for a in axes {
      guard let n = normalizeAxis(a, rank: x.rank, "transpose", file: file, line: line) else { return .invalid }
      perm.append(n)
    }
    if Set(perm).count != perm.count { return fail(.axis, "transpose", "repeated axis in transpose \(axes)", file: file, line: line) }
    return Lax.transpose(x, perm, file: file, line: line)
  }

  /// `jnp.swapaxes`.
  ///
  /// ```swift
  /// jnp.swapaxes(b, 0, -1)
  /// ```
  public static func swapaxes(_ x: Tensor, _ axis1: Int, _ axis2: Int, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let a = normalizeAxis(axis1, rank: x.rank, "swapaxes", file: file, line: line),
      let b = normalizeAxis(axis2, rank: x.rank, "swapaxes", file: file, line: line)
    else { return .invalid }
    var perm = Array(0..<x.rank)
    perm.swapAt(a, b)
    return Lax.transpose(x, perm, file: file, line: line)
  }

  /// `jnp.moveaxis`: moves axes `source` to positions `destination`,
  /// keeping the other axes in order.
  ///
  /// ```swift
  /// jnp.moveaxis(x, source: 0, destination: -1)   // [3,4,5] → [4,5,3]
  /// ```
  public static func moveaxis(
    _ x: Tensor, source: any AxesConvertible, destination: any AxesConvertible,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let (s0, d0) = (source.axesList, destination.axesList)
    if s0.count != d0.count {
      return fail(.axis, "moveaxis", "source and destination must have the same number of elements, got \(s0) and \(d0)", file: file, line: line)
    }
    var src: [Int] = [], dst: [Int] = []
    for (s, d) in zip(s0, d0) {
      guard let a = normalizeAxis(s, rank: x.rank, "moveaxis", file: file, line: line),
        let b = normalizeAxis(d, rank: x.rank, "moveaxis", file: file, line: line)
      else { return .invalid }
      src.append(a)
      dst.append(b)
    }
    if Set(src).count != src.count || Set(dst).count != dst.count {
      return fail(.axis, "moveaxis", "repeated axis in source \(s0) or destination \(d0)", file: file, line: line)
    }
    var perm = (0..<x.rank).filter { !src.contains($0) }
    for (d, s) in zip(dst, src).sorted(by: { $0.0 < $1.0 }) { perm.insert(s, at: d) }
    return Lax.transpose(x, perm, file: file, line: line)
  }

  /// `jnp.squeeze`: removes size-1 axes (all of them, or those given;
  /// naming an axis whose size is not 1 is an error).
  ///
  /// ```swift
  /// jnp.squeeze(jnp.ones([1, 3, 1]))             // f32[3]
  /// jnp.squeeze(jnp.ones([1, 3, 1]), axis: 0)    // f32[3,1]
  /// ```
  public static func squeeze(_ x: Tensor, axis: (any AxesConvertible)? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let dims: [Int]
    if axis == nil {
      dims = (0..<x.rank).filter { x.shape[$0] == 1 }
    } else {
      guard let a = normalizeAxes(axis, rank: x.rank, "squeeze", file: file, line: line) else { return .invalid }
      if let bad = a.first(where: { x.shape[$0] != 1 }) {
        return fail(.shape, "squeeze", "cannot select an axis to squeeze out which has size not equal to one: axis \(bad) of shape \(shapeString(x.shape))", file: file, line: line)
      }
      dims = a
    }
    return Lax.squeeze(x, dimensions: dims, file: file, line: line)
  }

  /// `jnp.expand_dims`: inserts size-1 axes at `axis` (positions in the
  /// result; negative counts from the end of the result).
  ///
  /// ```swift
  /// jnp.expandDims(jnp.ones([3]), axis: 0)        // f32[1,3]
  /// jnp.expandDims(jnp.ones([3]), axis: [0, -1])  // f32[1,3,1]
  /// ```
  public static func expandDims(_ x: Tensor, axis: any AxesConvertible, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let dims = normalizeAxes(axis, rank: x.rank + axis.axesList.count, "expand_dims", file: file, line: line) else { return .invalid }
    return laxExpandDims(x, dimensions: dims, file: file, line: line)
  }

  /// `jnp.concatenate` along `axis` after promoting to a common dtype;
  /// with `axis: nil` the inputs are flattened first.
  ///
  /// ```swift
  /// jnp.concatenate([a, b], axis: 1)
  /// ```
  public static func concatenate(_ xs: [Tensor], axis: Int? = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if xs.isEmpty { return fail(.value, "concatenate", "need at least one array to concatenate", file: file, line: line) }
    if xs.contains(where: \.isInvalid) { return .invalid }
    var ys = promoteDTypes(xs, file: file, line: line)
    guard let axis0 = axis else {
      return concatenate(ys.map { ravel($0, file: file, line: line) }, axis: 0, file: file, line: line)
    }
    if ys.contains(where: { $0.rank == 0 }) {
      return fail(.shape, "concatenate", "zero-dimensional arrays cannot be concatenated", file: file, line: line)
    }
    guard let a = normalizeAxis(axis0, rank: ys[0].rank, "concatenate", file: file, line: line) else { return .invalid }
    for y in ys where y.rank != ys[0].rank || (0..<y.rank).contains(where: { $0 != a && y.shape[$0] != ys[0].shape[$0] }) {
      return fail(.shape, "concatenate", "all input array dimensions except for the concatenation axis \(axis0) must match exactly, got shapes \(xs.map { shapeString($0.shape) })", file: file, line: line)
    }
    if ys.count == 1 { return ys[0] }
    ys = ys.filter { $0.shape[a] > 0 }.isEmpty ? [ys[0]] : ys
    return Lax.concatenate(ys, dimension: a, file: file, line: line)
  }

  /// `jnp.stack`: joins same-shape tensors along a new axis.
  ///
  /// ```swift
  /// jnp.stack([a, b])            // [2, ...]
  /// jnp.stack([a, b], axis: -1)  // [..., 2]
  /// ```
  public static func stack(_ xs: [Tensor], axis: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if xs.isEmpty { return fail(.value, "stack", "need at least one array to stack", file: file, line: line) }
    if xs.contains(where: \.isInvalid) { return .invalid }
    if let bad = xs.first(where: { $0.shape != xs[0].shape }) {
      return fail(.shape, "stack", "all input arrays must have the same shape, got \(shapeString(xs[0].shape)) and \(shapeString(bad.shape))", file: file, line: line)
    }
    guard let a = normalizeAxis(axis, rank: xs[0].rank + 1, "stack", file: file, line: line) else { return .invalid }
    let ys = promoteDTypes(xs, file: file, line: line).map { laxExpandDims($0, dimensions: [a], file: file, line: line) }
    return ys.count == 1 ? ys[0] : Lax.concatenate(ys, dimension: a, file: file, line: line)
  }

  /// `jnp.hstack`: concatenates along axis 1 (axis 0 for 1-D inputs).
  ///
  /// ```swift
  /// jnp.hstack([jnp.arange(2), jnp.arange(3)])   // int32[5]
  /// ```
  public static func hstack(_ xs: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let ys = xs.map { $0.rank == 0 ? reshape($0, [1], file: file, line: line) : $0 }
    return concatenate(ys, axis: ys.first?.rank == 1 ? 0 : 1, file: file, line: line)
  }

  /// `jnp.vstack`: concatenates along axis 0 after making inputs 2-D.
  ///
  /// ```swift
  /// jnp.vstack([jnp.arange(3), jnp.arange(3)])   // int32[2,3]
  /// ```
  public static func vstack(_ xs: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    concatenate(xs.map { atleast2d($0, file: file, line: line) }, axis: 0, file: file, line: line)
  }

  /// `jnp.atleast_1d`. Example: `jnp.atleast1d(jnp.array(3))  // int32[1]`
  public static func atleast1d(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.rank == 0 ? reshape(x, [1], file: file, line: line) : x
  }

  /// `jnp.atleast_2d`: prepends axes up to rank 2. Example: `jnp.atleast2d(v)  // [1, n]`
  public static func atleast2d(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x.rank >= 2 ? x : reshape(x, [Int](repeating: 1, count: 2 - x.rank) + x.shape, file: file, line: line)
  }

  /// Static boundaries of `split`/`arraySplit` pieces along one axis.
  static func splitPieces(_ x: Tensor, bounds: [Int], axis: Int, file: StaticString, line: UInt) -> [Tensor] {
    let n = x.shape[axis]
    let cuts = [0] + bounds.map { Swift.min(Swift.max($0 < 0 ? $0 + n : $0, 0), n) } + [n]
    return (0..<(cuts.count - 1)).map { i in
      Lax.sliceInDim(x, start: cuts[i], limit: Swift.max(cuts[i], cuts[i + 1]), axis: axis, file: file, line: line)
    }
  }

  /// `jnp.split` into `sections` equal parts along `axis` (the axis length
  /// must divide evenly).
  ///
  /// ```swift
  /// let parts = jnp.split(jnp.arange(6), 3)   // three int32[2]
  /// ```
  public static func split(_ x: Tensor, _ sections: Int, axis: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = normalizeAxis(axis, rank: x.rank, "split", file: file, line: line) else { return [.invalid] }
    if sections <= 0 || x.shape[a] % sections != 0 {
      report(.shape, "split", "array split does not result in an equal division: axis \(axis) of size \(x.shape[a]) into \(sections) sections", file: file, line: line)
      return [.invalid]
    }
    let size = x.shape[a] / sections
    return splitPieces(x, bounds: (1..<sections).map { $0 * size }, axis: a, file: file, line: line)
  }

  /// `jnp.split` at the given indices along `axis`.
  ///
  /// ```swift
  /// jnp.split(jnp.arange(6), indices: [2, 5])   // sizes 2, 3, 1
  /// ```
  public static func split(_ x: Tensor, indices: [Int], axis: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = normalizeAxis(axis, rank: x.rank, "split", file: file, line: line) else { return [.invalid] }
    return splitPieces(x, bounds: indices, axis: a, file: file, line: line)
  }

  /// `jnp.array_split`: like `split` but allows unequal parts (the first
  /// `n % sections` parts get one extra element).
  ///
  /// ```swift
  /// jnp.arraySplit(jnp.arange(7), 3)   // sizes 3, 2, 2
  /// ```
  public static func arraySplit(_ x: Tensor, _ sections: Int, axis: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = normalizeAxis(axis, rank: x.rank, "array_split", file: file, line: line) else { return [.invalid] }
    if sections <= 0 {
      report(.value, "array_split", "number of sections must be larger than 0, got \(sections)", file: file, line: line)
      return [.invalid]
    }
    let n = x.shape[a]
    let (q, r) = (n / sections, n % sections)
    var bounds: [Int] = []
    var pos = 0
    for i in 0..<(sections - 1) {
      pos += q + (i < r ? 1 : 0)
      bounds.append(pos)
    }
    return splitPieces(x, bounds: bounds, axis: a, file: file, line: line)
  }

  /// `jnp.repeat`: repeats each element `repeats` times along `axis`
  /// (flattened when `axis` is nil).
  ///
  /// ```swift
  /// jnp.repeat(jnp.array([1, 2]), 2)            // [1, 1, 2, 2]
  /// jnp.repeat(m, 3, axis: 1)
  /// ```
  public static func `repeat`(_ x: Tensor, _ repeats: Int, axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    if repeats < 0 { return fail(.value, "repeat", "repeats may not contain negative values, got \(repeats)", file: file, line: line) }
    let y = axis == nil ? ravel(x, file: file, line: line) : x
    guard let a = normalizeAxis(axis ?? 0, rank: Swift.max(y.rank, 1), "repeat", file: file, line: line) else { return .invalid }
    let z = y.rank == 0 ? reshape(y, [1], file: file, line: line) : y
    // Broadcast a new axis of size `repeats` after `a`, then merge it in.
    var bshape = z.shape
    bshape.insert(repeats, at: a + 1)
    let dims = (0..<z.rank).map { $0 <= a ? $0 : $0 + 1 }
    let b = Lax.broadcastInDim(z, shape: bshape, broadcastDimensions: dims, file: file, line: line)
    var out = z.shape
    out[a] *= repeats
    return Lax.reshape(b, out, file: file, line: line)
  }

  /// `jnp.repeat` with one repeat count per element along `axis`.
  ///
  /// ```swift
  /// jnp.repeat(jnp.array([1, 2, 3]), repeats: [1, 0, 2])   // [1, 3, 3]
  /// ```
  public static func `repeat`(_ x: Tensor, repeats: [Int], axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let y = axis == nil ? ravel(x, file: file, line: line) : x
    guard let a = normalizeAxis(axis ?? 0, rank: y.rank, "repeat", file: file, line: line) else { return .invalid }
    if repeats.count == 1 { return `repeat`(y, repeats[0], axis: a, file: file, line: line) }
    if repeats.count != y.shape[a] || repeats.contains(where: { $0 < 0 }) {
      return fail(.shape, "repeat", "repeats \(repeats) must be non-negative with one entry per element of axis \(a) (size \(y.shape[a]))", file: file, line: line)
    }
    // The repeat counts are static, so the source index of every output
    // position is known now: a `take` with constant indices.
    let src = repeats.enumerated().flatMap { i, r in [Int32](repeating: Int32(i), count: r) }
    return take(y, Tensor(src), axis: a, file: file, line: line)
  }

  /// `jnp.tile`: repeats the whole tensor `reps` times per axis.
  ///
  /// ```swift
  /// jnp.tile(jnp.array([1, 2]), [2])      // [1, 2, 1, 2]
  /// jnp.tile(jnp.array([1, 2]), [2, 1])   // [[1, 2], [1, 2]]
  /// ```
  public static func tile(_ x: Tensor, _ reps: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    if reps.contains(where: { $0 < 0 }) { return fail(.value, "tile", "reps must be non-negative, got \(reps)", file: file, line: line) }
    let rank = Swift.max(x.rank, reps.count)
    let xs = [Int](repeating: 1, count: rank - x.rank) + x.shape
    let rs = [Int](repeating: 1, count: rank - reps.count) + reps
    // Interleave a broadcast axis of size reps[i] before each axis i.
    var bshape: [Int] = []
    for i in 0..<rank { bshape += [rs[i], xs[i]] }
    let y = Lax.reshape(x, xs, file: file, line: line)
    let b = Lax.broadcastInDim(y, shape: bshape, broadcastDimensions: (0..<rank).map { 2 * $0 + 1 }, file: file, line: line)
    return Lax.reshape(b, (0..<rank).map { rs[$0] * xs[$0] }, file: file, line: line)
  }

  /// `jnp.flip`: reverses the order of elements along `axis` (all axes
  /// when nil).
  ///
  /// ```swift
  /// jnp.flip(jnp.arange(3))          // [2, 1, 0]
  /// jnp.flip(m, axis: -1)
  /// ```
  public static func flip(_ x: Tensor, axis: (any AxesConvertible)? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let dims = normalizeAxes(axis, rank: x.rank, "flip", file: file, line: line) else { return .invalid }
    return Lax.rev(x, dimensions: dims, file: file, line: line)
  }

  /// `jnp.roll`: shifts elements cyclically by `shift` along `axis`
  /// (flattened when nil). `shift` and `axis` may be lists.
  ///
  /// ```swift
  /// jnp.roll(jnp.arange(5), shift: 2)           // [3, 4, 0, 1, 2]
  /// jnp.roll(m, shift: [1, -1], axis: [0, 1])
  /// ```
  public static func roll(
    _ x: Tensor, shift: any AxesConvertible, axis: (any AxesConvertible)? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    guard let axis else {
      return reshape(roll(ravel(x, file: file, line: line), shift: shift, axis: 0, file: file, line: line), x.shape, file: file, line: line)
    }
    var shifts = shift.axesList
    let axes = axis.axesList
    if shifts.count == 1 && axes.count > 1 { shifts = [Int](repeating: shifts[0], count: axes.count) }
    if shifts.count != axes.count {
      return fail(.value, "roll", "shift \(shifts) and axis \(axes) must have the same length", file: file, line: line)
    }
    var r = x
    for (s, a0) in zip(shifts, axes) {
      guard let a = normalizeAxis(a0, rank: x.rank, "roll", file: file, line: line) else { return .invalid }
      let n = x.shape[a]
      if n == 0 { continue }
      let k = ((s % n) + n) % n
      if k == 0 { continue }
      let head = Lax.sliceInDim(r, start: n - k, limit: n, axis: a, file: file, line: line)
      let tail = Lax.sliceInDim(r, start: 0, limit: n - k, axis: a, file: file, line: line)
      r = Lax.concatenate([head, tail], dimension: a, file: file, line: line)
    }
    return r
  }
}
