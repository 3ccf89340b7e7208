// Rotating, flipping, stacking and splitting along named axes
// (`jnp.rot90`, `fliplr`/`flipud`, `column_stack`, `dstack`, `atleast_3d`,
// `hsplit`/`vsplit`/`dsplit`, `append`): static rearrangements built from
// `rev`, `transpose`, `reshape`, `concatenate` and `slice`.

extension Numpy {
  /// `jnp.rot90`: rotates by 90° `k` times in the plane of `axes`, from
  /// the first axis towards the second.
  ///
  /// ```swift
  /// jnp.rot90(jnp.array([[1, 2], [3, 4]]))        // [[2, 4], [1, 3]]
  /// jnp.rot90(jnp.array([[1, 2], [3, 4]]), k: 2)  // [[4, 3], [2, 1]]
  /// ```
  public static func rot90(_ m: Tensor, k: Int = 1, axes: (Int, Int) = (0, 1), file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if m.isInvalid { return .invalid }
    if m.rank < 2 {
      return fail(.shape, "rot90", "rot90 requires an array of rank at least 2, got shape \(shapeString(m.shape))", file: file, line: line)
    }
    guard let a1 = normalizeAxis(axes.0, rank: m.rank, "rot90", file: file, line: line),
      let a2 = normalizeAxis(axes.1, rank: m.rank, "rot90", file: file, line: line)
    else { return .invalid }
    if a1 == a2 { return fail(.axis, "rot90", "axes must be different, got (\(axes.0), \(axes.1)) for shape \(shapeString(m.shape))", file: file, line: line) }
    var perm = Array(0..<m.rank)
    perm.swapAt(a1, a2)
    switch ((k % 4) + 4) % 4 {
    case 0: return m
    case 1: return Lax.transpose(Lax.rev(m, dimensions: [a2], file: file, line: line), perm, file: file, line: line)
    case 2: return Lax.rev(m, dimensions: [a1, a2], file: file, line: line)
    default: return Lax.rev(Lax.transpose(m, perm, file: file, line: line), dimensions: [a2], file: file, line: line)
    }
  }

  /// `jnp.fliplr`: reverses axis 1 (columns). Example: `jnp.fliplr(jnp.array([[1, 2]]))  // [[2, 1]]`
  public static func fliplr(_ m: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if m.isInvalid { return .invalid }
    if m.rank < 2 { return fail(.shape, "fliplr", "fliplr requires an array of rank at least 2, got shape \(shapeString(m.shape))", file: file, line: line) }
    return flip(m, axis: 1, file: file, line: line)
  }

  /// `jnp.flipud`: reverses axis 0 (rows). Example: `jnp.flipud(jnp.array([1, 2, 3]))  // [3, 2, 1]`
  public static func flipud(_ m: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if m.isInvalid { return .invalid }
    if m.rank < 1 { return fail(.shape, "flipud", "flipud requires an array of rank at least 1, got a scalar", file: file, line: line) }
    return flip(m, axis: 0, file: file, line: line)
  }

  /// `jnp.atleast_3d`: a scalar becomes `[1, 1, 1]`, a vector `[n]`
  /// becomes `[1, n, 1]` and a matrix `[m, n]` becomes `[m, n, 1]`.
  ///
  /// ```swift
  /// jnp.atleast3d(jnp.arange(3)).shape   // [1, 3, 1]
  /// ```
  public static func atleast3d(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    switch x.rank {
    case 0: return reshape(x, [1, 1, 1], file: file, line: line)
    case 1: return reshape(x, [1, x.shape[0], 1], file: file, line: line)
    case 2: return reshape(x, x.shape + [1], file: file, line: line)
    default: return x
    }
  }

  /// `jnp.column_stack`: vectors become columns, then everything is
  /// concatenated along axis 1.
  ///
  /// ```swift
  /// jnp.columnStack([jnp.array([1, 2]), jnp.array([3, 4])])   // [[1, 3], [2, 4]]
  /// ```
  public static func columnStack(_ xs: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let cols = xs.map { $0.rank < 2 ? reshape($0, [$0.shape.first ?? 1, 1], file: file, line: line) : $0 }
    return concatenate(cols, axis: 1, file: file, line: line)
  }

  /// `jnp.dstack`: stacks along the third axis after ``atleast3d(_:file:line:)``.
  ///
  /// ```swift
  /// jnp.dstack([jnp.array([1, 2]), jnp.array([3, 4])])   // [[[1, 3], [2, 4]]], shape [1, 2, 2]
  /// ```
  public static func dstack(_ xs: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    concatenate(xs.map { atleast3d($0, file: file, line: line) }, axis: 2, file: file, line: line)
  }

  /// The axis `hsplit`/`vsplit`/`dsplit` split along, after checking the rank.
  private static func namedSplitAxis(_ name: String, _ x: Tensor, minRank: Int, axis: Int, file: StaticString, line: UInt) -> Int? {
    if x.rank < minRank {
      report(.shape, name, "\(name) only works on arrays of \(minRank) or more dimensions, got shape \(shapeString(x.shape))", file: file, line: line)
      return nil
    }
    return axis
  }

  /// Equal-sections split along a fixed axis, with `name` in errors.
  private static func namedSplit(_ name: String, _ x: Tensor, _ sections: Int, axis: Int, file: StaticString, line: UInt) -> [Tensor] {
    let n = x.shape[axis]
    if sections <= 0 || n % sections != 0 {
      report(.value, name, "array split does not result in an equal division: \(n) elements along axis \(axis) into \(sections) sections (shape \(shapeString(x.shape)))", file: file, line: line)
      return [.invalid]
    }
    return splitPieces(x, bounds: (1..<sections).map { $0 * n / sections }, axis: axis, file: file, line: line)
  }

  /// `jnp.hsplit`: splits into equal sections along axis 1 (axis 0 for
  /// vectors).
  ///
  /// ```swift
  /// jnp.hsplit(jnp.arange(8).reshape([2, 4]), 2)   // two [2, 2] halves
  /// ```
  public static func hsplit(_ x: Tensor, _ sections: Int, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = namedSplitAxis("hsplit", x, minRank: 1, axis: x.rank > 1 ? 1 : 0, file: file, line: line) else { return [.invalid] }
    return namedSplit("hsplit", x, sections, axis: a, file: file, line: line)
  }

  /// `jnp.hsplit` at the given indices. Example: `jnp.hsplit(m, indices: [1, 3])`
  public static func hsplit(_ x: Tensor, indices: [Int], file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = namedSplitAxis("hsplit", x, minRank: 1, axis: x.rank > 1 ? 1 : 0, file: file, line: line) else { return [.invalid] }
    return splitPieces(x, bounds: indices, axis: a, file: file, line: line)
  }

  /// `jnp.vsplit`: splits into equal sections along axis 0 (rank ≥ 2).
  ///
  /// ```swift
  /// jnp.vsplit(jnp.arange(8).reshape([4, 2]), 2)   // two [2, 2] halves
  /// ```
  public static func vsplit(_ x: Tensor, _ sections: Int, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = namedSplitAxis("vsplit", x, minRank: 2, axis: 0, file: file, line: line) else { return [.invalid] }
    return namedSplit("vsplit", x, sections, axis: a, file: file, line: line)
  }

  /// `jnp.vsplit` at the given indices. Example: `jnp.vsplit(m, indices: [1])`
  public static func vsplit(_ x: Tensor, indices: [Int], file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = namedSplitAxis("vsplit", x, minRank: 2, axis: 0, file: file, line: line) else { return [.invalid] }
    return splitPieces(x, bounds: indices, axis: a, file: file, line: line)
  }

  /// `jnp.dsplit`: splits into equal sections along axis 2 (rank ≥ 3).
  ///
  /// ```swift
  /// jnp.dsplit(jnp.zeros([1, 2, 4]), 2)   // two [1, 2, 2] halves
  /// ```
  public static func dsplit(_ x: Tensor, _ sections: Int, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = namedSplitAxis("dsplit", x, minRank: 3, axis: 2, file: file, line: line) else { return [.invalid] }
    return namedSplit("dsplit", x, sections, axis: a, file: file, line: line)
  }

  /// `jnp.dsplit` at the given indices. Example: `jnp.dsplit(t, indices: [1])`
  public static func dsplit(_ x: Tensor, indices: [Int], file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if x.isInvalid { return [.invalid] }
    guard let a = namedSplitAxis("dsplit", x, minRank: 3, axis: 2, file: file, line: line) else { return [.invalid] }
    return splitPieces(x, bounds: indices, axis: a, file: file, line: line)
  }

  /// `jnp.append`: `values` after `x`, flattened when `axis` is nil,
  /// otherwise concatenated along `axis` (shapes must match elsewhere).
  ///
  /// ```swift
  /// jnp.append(jnp.array([1, 2]), jnp.array([[3], [4]]))            // [1, 2, 3, 4]
  /// jnp.append(jnp.array([[1, 2]]), jnp.array([[3, 4]]), axis: 0)   // [[1, 2], [3, 4]]
  /// ```
  public static func append(_ x: Tensor, _ values: Tensor, axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if anyInvalid(x, values) { return .invalid }
    guard let axis else { return concatenate([ravel(x, file: file, line: line), ravel(values, file: file, line: line)], axis: 0, file: file, line: line) }
    return concatenate([x, values], axis: axis, file: file, line: line)
  }
}
